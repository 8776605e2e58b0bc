"""Whether a window fits the screen it is on, with nothing cut off: the window within the
screen's available area; no label, button or field smaller than what it shows (a label's
wrapped text at its full height, a button's whole text); nothing outside the part of its
parent that is drawn; no scroll area that scrolls sideways."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QWidget,
)

# parts of a compound control (a combo box's list, a date edit's field, a scroll bar's
# buttons, a tab bar's scroll arrows) are sized by the control they belong to
COMPOUND = (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView)
SLACK = 1  # pixels of rounding
ROWS_SHOWN = 5  # a list shows at least this many rows (or all it has), to read it as a list


def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    what = widget.objectName() or text or widget.accessibleName()
    return f"{type(widget).__name__} {what[:60]!r}"


def inside_compound(widget: QWidget, window: QWidget) -> bool:
    """A part of a compound control (a combo box's list, a date edit's line edit, a tab bar's
    scroll arrows, a table's headers): it is reached, named and sized through the control."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, COMPOUND):
            return True
        parent = parent.parentWidget()
    return False


def _is_scroll_content(widget: QWidget) -> bool:
    """The content of a scroll area (or its viewport): larger than what shows, by design."""
    parent = widget.parentWidget()
    if parent is None:
        return False
    scroll = parent.parentWidget()
    return isinstance(scroll, QAbstractScrollArea) and parent is scroll.viewport()


def too_small(widget: QWidget) -> str:
    """Why `widget` cannot show all it shows at its size, or ""."""
    size = widget.size()
    if isinstance(widget, QLabel):
        if not widget.text():
            return ""
        if widget.wordWrap():
            needed = widget.heightForWidth(size.width())
            if needed > size.height() + SLACK:
                return f"its text needs {needed} pixels of height, it has {size.height()}"
            return ""
        hint = widget.sizeHint()
    elif isinstance(widget, QAbstractButton | QLineEdit | QComboBox | QAbstractSpinBox):
        hint = widget.minimumSizeHint()
    else:
        return ""
    if hint.width() > size.width() + SLACK:
        return f"it needs {hint.width()} pixels of width, it has {size.width()}"
    if hint.height() > size.height() + SLACK:
        return f"it needs {hint.height()} pixels of height, it has {size.height()}"
    return ""


def fit_problems(window: QWidget) -> list[str]:
    """Everything that does not fit in `window` as it is shown now."""
    where = f"{type(window).__name__} {window.windowTitle()!r}"
    screen = window.screen()
    problems = []
    if screen is not None:
        area = screen.availableGeometry()
        frame = window.frameGeometry()
        if not area.contains(frame):
            problems.append(
                f"{where} is {frame.width()}×{frame.height()} at ({frame.x()}, {frame.y()}), "
                f"past the screen's {area.width()}×{area.height()}"
            )
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.isWindow() or widget.window() is not window:
            continue
        if widget.objectName().startswith("focus-ring"):
            continue  # the focus ring is drawn around what has the focus, by design
        if inside_compound(widget, window):
            continue
        reason = too_small(widget)
        if reason:
            problems.append(f"{describe(widget)} in {where} is cut off: {reason}")
        parent = widget.parentWidget()
        if parent is not None and not _is_scroll_content(widget):
            inside = QRect(0, 0, parent.width(), parent.height()).adjusted(
                -SLACK, -SLACK, SLACK, SLACK
            )
            if (
                widget.width() > 0
                and widget.height() > 0
                and not inside.contains(widget.geometry())
            ):
                problems.append(f"{describe(widget)} in {where} reaches outside {describe(parent)}")
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"{describe(widget)} in {where} scrolls sideways")
        if isinstance(widget, QAbstractItemView):
            shown, rows = rows_shown(widget)
            if shown < min(rows, ROWS_SHOWN):
                problems.append(f"{describe(widget)} in {where} shows {shown} of its {rows} rows")
    return problems


def rows_shown(view: QAbstractItemView) -> tuple[int, int]:
    """How many whole rows `view` shows, and how many it has."""
    model = view.model()
    rows = model.rowCount() if model is not None else 0
    if not rows:
        return 0, 0
    assert model is not None
    height = view.visualRect(model.index(0, 0, view.rootIndex())).height()
    return (view.viewport().height() // height if height > 0 else rows), rows
