"""Tab order that follows reading order. Qt puts widgets in the Tab order in the order they are
made; a widget made later but laid out earlier (a page's header added by a subclass, the
steps beside a question) is put where it is read with `read_after`."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def stops_in(container: QWidget) -> list[QWidget]:
    """The widgets in `container` that can take the focus (shown or not), in Tab order: those
    Tab stops at, and the other answers of a group of answers (one of which Tab stops at)."""
    top = container.window()
    found: list[QWidget] = []
    widget = top.nextInFocusChain()
    while widget is not None and widget is not top:
        if container.isAncestorOf(widget) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def read_after(anchor: QWidget, widgets: Iterable[QWidget]) -> QWidget:
    """Puts `widgets`, in order, right after `anchor` in the Tab order; returns the last.
    `anchor` must take the focus itself (Qt ignores an order set from a plain label)."""
    assert anchor.focusPolicy() != Qt.FocusPolicy.NoFocus, "the anchor must take the focus"
    last = anchor
    for widget in widgets:
        QWidget.setTabOrder(last, widget)
        last = widget
    return last
