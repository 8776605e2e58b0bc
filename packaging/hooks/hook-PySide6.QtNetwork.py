# Replaces PyInstaller's hook for PySide6.QtNetwork (a hook in the spec's hookspath wins over the
# built-in one). The app uses QtNetwork for its local socket only (a second launch asks the
# running app to come forward) and never connects to a network, so Qt's TLS backends, its
# network-information plugins (NetworkManager, ConnMan, GLib) and the OpenSSL that PyInstaller's
# hook would add for Qt stay out. (Python's own ssl and hashlib modules bring their OpenSSL.)
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGINS = ("tls/", "networkinformation/", "networkaccess/")

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [
    (source, dest)
    for source, dest in binaries
    if not any(f"plugins/{part}" in source.replace("\\", "/") for part in UNUSED_PLUGINS)
]
