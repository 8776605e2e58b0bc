# Replaces PyInstaller's hook for PySide6.QtGui (a hook in the spec's hookspath wins over the
# built-in one) to leave out Qt plugins a desktop app never loads. Leaving them out here, before
# PyInstaller follows their library dependencies, also leaves out what they drag in: the GTK 3
# theme plugin alone brings about 25 MB of GTK, Cairo, Pango and ATK from the build machine.
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGINS = (
    # embedded-device and remote-display platforms, and their input plugins
    "platforms/libqeglfs",
    "platforms/libqlinuxfb",
    "platforms/libqminimalegl",
    "platforms/libqvkkhrdisplay",
    "platforms/libqvnc",
    "egldeviceintegrations/",
    "generic/",
    # GTK 3 theme: bundling the build machine's GTK breaks on other distributions; Qt's GNOME and
    # XDG desktop portal themes read the desktop's light/dark setting instead
    "platformthemes/libqgtk3",
    # OpenGL buffer sharing and legacy shells on Wayland: the app draws widgets in shared memory
    "wayland-graphics-integration-client/",
    "wayland-shell-integration/libfullscreen-shell",
    "wayland-shell-integration/libivi-shell",
    "wayland-shell-integration/libwl-shell",
    # image formats nobody hands the app (it reads PNG, JPEG, GIF, WebP, SVG and ICO)
    "imageformats/libqtiff",
    "imageformats/libqtga",
    "imageformats/libqwbmp",
    "imageformats/libqicns",
)

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [
    (source, dest)
    for source, dest in binaries
    if not any(part in source.replace("\\", "/") for part in UNUSED_PLUGINS)
]
