"""What the bundle leaves out by name; read by selfaudit.spec and by a test that fails when the app
starts to import one of these Qt modules (it would then fail only in the bundle).

Qt modules the app may well use stay available: QtPrintSupport (printing the plan), QtSvg and
QtSvgWidgets (icons), QtDBus (desktop notifications), QtConcurrent. QtNetwork is left out: the app
never connects to a network, and without it (and its TLS and network-information plugins) the
bundle is 9 MB smaller. Take it off the list if the app needs QLocalServer for local messages.
"""

UNUSED_QT_MODULES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCharts", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtGraphsWidgets",
    "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork",
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
