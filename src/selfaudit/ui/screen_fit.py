"""Window sizes that come from the screen a window opens on.

Every window asks for a comfortable size, in the units of its own font (so it grows with large
text and with 200% scaling), and gets that size, or the screen's available area when the screen
is smaller: the content scrolls inside (`widgets/scrolling.py`). At 200% on a 1920×1080 screen, or
with 144 dpi fonts on a 1366×768 one, the available area is only about 960×540 or 910×510 of
Qt's logical pixels, so no window may ask for a minimum larger than that.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QScrollArea,
    QStyle,
    QTabWidget,
    QWidget,
)

# what a window's frame and title bar take on the desktops we know, as a share of the screen
WIDTH_SHARE = 0.96
HEIGHT_SHARE = 0.92


def available_area(widget: QWidget) -> QRect:
    """The part of the screen a window may cover (without panels and docks): the screen the
    widget is on, its parent window's, or the primary screen."""
    parent = widget.parentWidget()
    screen: QScreen | None = (parent.window() if parent is not None else widget).screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def fit_to_screen(widget: QWidget, width: int = 960, height: int = 700) -> None:
    """Resizes `widget` to `width`×`height` logical pixels, or as much as the screen offers."""
    area = available_area(widget)
    widget.resize(
        min(width, int(area.width() * WIDTH_SHARE)), min(height, int(area.height() * HEIGHT_SHARE))
    )


def fit_in_characters(widget: QWidget, columns: int, lines: int) -> None:
    """Resizes `widget` to about `columns` average characters by `lines` lines of its font, or
    as much as the screen offers: the size grows with the font, as text does."""
    metrics = widget.fontMetrics()
    fit_to_screen(widget, metrics.averageCharWidth() * columns, metrics.lineSpacing() * lines)


def fit_to_content(widget: QWidget, columns: int | None = None) -> None:
    """Sizes a dialog to its content: about `columns` average characters wide (or its own
    width), and as tall as its wrapped text needs at that width, within the screen. Qt sizes a
    window once, before the text is wrapped at the width it ends up with, so wrapped text can
    be cut off by a line; anything taller than the screen must scroll inside."""
    area = available_area(widget)
    layout = widget.layout()
    width = widget.fontMetrics().averageCharWidth() * columns if columns else widget.width()
    width = min(max(width, widget.minimumSizeHint().width()), int(area.width() * WIDTH_SHARE))
    height = widget.sizeHint().height()
    if layout is not None and layout.hasHeightForWidth():
        height = max(height, layout.totalHeightForWidth(width))
    widget.resize(width, min(height, int(area.height() * HEIGHT_SHARE)))


def fit_scrolled(window: QWidget, scroll: QAbstractScrollArea, columns: int = 72) -> None:
    """Sizes a window whose words scroll in `scroll`: about `columns` characters wide, and tall
    enough to show all of the scrolling words at that width, where the screen allows (else they
    scroll)."""
    area = available_area(window)
    width = window.fontMetrics().averageCharWidth() * columns
    width = min(max(width, window.sizeHint().width()), int(area.width() * WIDTH_SHARE))
    height = window.sizeHint().height()
    content = scroll.widget() if isinstance(scroll, QScrollArea) else None
    words = content.layout() if content is not None else None
    if words is not None and words.hasHeightForWidth():
        inner = width - _beside(scroll, window) - scroll.verticalScrollBar().sizeHint().width()
        height += words.totalHeightForWidth(inner) - scroll.sizeHint().height()
        height += 2 * scroll.frameWidth()
    height = max(height, window.minimumSizeHint().height())
    window.resize(width, min(height, int(area.height() * HEIGHT_SHARE)))


def grow_for_words(window: QWidget) -> None:
    """Makes `window` taller, within the screen, when words it shows now wrap onto more lines
    than it has room for (a message put in after it opened): Qt does not grow a window for
    wrapped text by itself, it squeezes everything in it instead."""
    layout = window.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    area = available_area(window)
    needed = min(layout.totalHeightForWidth(window.width()), int(area.height() * HEIGHT_SHARE))
    if needed > window.height():
        window.resize(window.width(), needed)


def _beside(scroll: QWidget, window: QWidget) -> int:
    """The width the window keeps beside `scroll` when the scroll area spans it: the margins
    and frames of everything between them. (The window's own preferred width is no measure:
    a row of buttons elsewhere in it may ask for more than the width it is given.)"""
    taken = 0
    widget: QWidget | None = scroll
    while widget is not None and widget is not window:
        if isinstance(widget, QFrame):
            taken += 2 * widget.frameWidth()
        elif isinstance(widget, QTabWidget):
            style = widget.style()
            taken += 2 * style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, widget)
        widget = widget.parentWidget()
        layout = widget.layout() if widget is not None else None
        if layout is not None:
            margins = layout.contentsMargins()
            taken += margins.left() + margins.right()
    return taken


def keep_on_screen(widget: QWidget) -> None:
    """Moves a window that reaches past the screen's available area back onto it."""
    area = available_area(widget)
    frame = widget.frameGeometry()
    x = max(area.left(), min(frame.left(), area.right() - frame.width() + 1))
    y = max(area.top(), min(frame.top(), area.bottom() - frame.height() + 1))
    if (x, y) != (frame.left(), frame.top()):
        widget.move(x, y)
