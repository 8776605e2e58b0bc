"""The app's colours: the desktop's own palette, light, dark or high contrast, with any text or
state colour that falls short of WCAG 2.2 AA moved just far enough to meet it, and following the
desktop's colour scheme (Qt's `QStyleHints.colorScheme`) as it changes.

Where the desktop asks for dark (a GNOME or KDE setting Qt reads, or Windows' dark mode) but the
style offers only light colours, the app uses `dark_palette()`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from selfaudit.ui.contrast import CONTROL, TEXT, luminance, with_contrast

Role = QPalette.ColorRole

# (foreground, background, minimum): text on its background, then the colours that show a
# state (the selection, the focus ring, a chosen answer) against what is around them
TEXT_PAIRS = (
    (Role.WindowText, Role.Window, TEXT),
    (Role.Text, Role.Base, TEXT),
    (Role.Text, Role.AlternateBase, TEXT),
    (Role.ButtonText, Role.Button, TEXT),
    (Role.ToolTipText, Role.ToolTipBase, TEXT),
    (Role.PlaceholderText, Role.Base, TEXT),
    (Role.Link, Role.Base, TEXT),
    (Role.Link, Role.Window, TEXT),
    (Role.LinkVisited, Role.Base, TEXT),
    (Role.LinkVisited, Role.Window, TEXT),
)
STATE_PAIRS = (
    (Role.Highlight, Role.Base, CONTROL),
    (Role.Highlight, Role.Window, CONTROL),
    (Role.Highlight, Role.AlternateBase, CONTROL),
)
# text on the selection, checked once the selection's own colour is settled
SELECTED_PAIRS = ((Role.HighlightedText, Role.Highlight, TEXT),)
ALL_PAIRS = TEXT_PAIRS + STATE_PAIRS + SELECTED_PAIRS
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def dark_palette() -> QPalette:
    """A dark palette like a dark desktop theme's, for a desktop that asks for dark where the
    style has only light colours."""
    palette = QPalette()
    base, text = QColor(30, 30, 30), QColor(230, 230, 230)
    for role, colour in {
        Role.Window: QColor(45, 45, 45),
        Role.WindowText: text,
        Role.Base: base,
        Role.AlternateBase: QColor(50, 50, 50),
        Role.Text: text,
        Role.Button: QColor(55, 55, 55),
        Role.ButtonText: text,
        Role.Highlight: QColor(42, 130, 218),
        Role.HighlightedText: QColor(255, 255, 255),
        Role.PlaceholderText: QColor(160, 160, 160),
        Role.ToolTipBase: QColor(60, 60, 60),
        Role.ToolTipText: text,
        Role.Light: QColor(75, 75, 75),
        Role.Midlight: QColor(62, 62, 62),
        Role.Mid: QColor(40, 40, 40),
        Role.Dark: QColor(25, 25, 25),
        Role.Shadow: QColor(0, 0, 0),
        Role.BrightText: QColor(255, 120, 120),
        # links and disabled controls as a real dark theme shows them, or they mislead
        Role.Link: QColor(120, 180, 255),
        Role.LinkVisited: QColor(190, 150, 255),
    }.items():
        palette.setColor(role, colour)
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(127, 127, 127))
    return palette


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(Role.Window)) < 0.18


def readable(palette: QPalette) -> QPalette:
    """`palette` with every colour in ALL_PAIRS moved, where it falls short, just far enough to
    meet WCAG 2.2 AA (a high contrast palette meets it already and comes back unchanged).
    Disabled colours are left as they are: WCAG does not ask it of controls that do nothing."""
    fixed = QPalette(palette)
    for group in GROUPS:
        for foreground, background, minimum in ALL_PAIRS:
            colour = with_contrast(
                fixed.color(group, foreground), fixed.color(group, background), minimum
            )
            fixed.setColor(group, foreground, colour)
    return fixed


def shortfalls(palette: QPalette) -> list[str]:
    """The pairs of `palette` that fall short of their minimum (for tests and for IT's bug
    reports)."""
    from selfaudit.ui.contrast import ratio

    found = []
    for group in GROUPS:
        for foreground, background, minimum in ALL_PAIRS:
            measured = ratio(palette.color(group, foreground), palette.color(group, background))
            if measured < minimum:
                found.append(
                    f"{group.name} {foreground.name} on {background.name}: "
                    f"{measured:.2f}:1, needs {minimum}:1"
                )
    return found


class ColourScheme(QObject):
    """Keeps the application's palette readable and in the desktop's colour scheme: applied at
    start, and again whenever the desktop's scheme or its palette changes."""

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self.setObjectName("colour-scheme")
        self.app = app
        self.platform = QPalette(app.palette())  # the desktop's own, before the app changes it
        app.styleHints().colorSchemeChanged.connect(self.scheme_changed)
        self.apply(app.styleHints().colorScheme())

    def scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        # the desktop's palette may have changed with it: go back to it, then read it again
        QGuiApplication.setPalette(QPalette())
        self.platform = QPalette(self.app.palette())
        self.apply(scheme)

    def apply(self, scheme: Qt.ColorScheme) -> None:
        chosen = self.platform
        if scheme is Qt.ColorScheme.Dark and not is_dark(chosen):
            chosen = dark_palette()
        QGuiApplication.setPalette(readable(chosen))


def follow_colour_scheme(app: QGuiApplication) -> ColourScheme:
    existing = app.findChild(ColourScheme, "colour-scheme")
    return existing if existing is not None else ColourScheme(app)
