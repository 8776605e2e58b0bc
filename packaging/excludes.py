"""What the bundle leaves out by name; read by selfaudit.spec and by a test that fails when the app
starts to import one of these Qt modules (it would then fail only in the bundle).

Qt modules the app may well use stay available: QtPrintSupport (printing the plan), QtSvg and
QtSvgWidgets (icons), QtDBus (desktop notifications), QtConcurrent, and QtNetwork for its
QLocalServer only (a second launch asks the running app, over a local socket, to come forward;
the app never connects to a network).
"""

UNUSED_QT_MODULES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCharts", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtGraphsWidgets",
    "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets",
    "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets",
    "QtPositioning", "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets",
    "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio",
    "QtSql", "QtStateMachine", "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel",
    "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtXml",
)  # fmt: skip

# the standard library's and the developer tools' packages the app never uses
UNUSED_PYTHON_MODULES = (
    "tkinter", "unittest", "pydoc", "doctest", "pdb", "lib2to3", "idlelib", "test",
    "PyInstaller", "pytest", "hypothesis", "mypy", "ruff", "IPython",
)  # fmt: skip
