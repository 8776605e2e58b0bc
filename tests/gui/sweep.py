"""What a keyboard and a screen reader meet in a window, found the way they meet it: the Tab key
pressed until it comes round again, each stop's name asked of Qt's accessibility interface (what
AT-SPI, UI Automation and VoiceOver read out), and the stops' places on screen compared with
reading order. Shared by the accessibility sweep and the keyboard journey."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from selfaudit.ui.style import focus_ring

MAX_STOPS = 400
LINKS_IN_ONE_WIDGET = 30


@dataclass(frozen=True)
class Stop:
    widget: QWidget
    name: str
    description: str
    role: QAccessible.Role
    area: QRect  # where it is laid out in the window (scroll areas at the top)
    region: QWidget | None  # the scroll area it scrolls in, if any
    ringed: bool  # the focus ring was around it while it had the focus

    def describe(self) -> str:
        what = self.widget.objectName() or self.name or "?"
        return f"{type(self.widget).__name__} {what!r}"


def accessible_text(widget: QWidget, which: QAccessible.Text) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(which).strip() if interface is not None else ""


def focus(widget: QWidget) -> None:
    window = widget.window()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        window.raise_()
        QApplication.processEvents()
    widget.setFocus(Qt.FocusReason.TabFocusReason)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press, where the keyboard's focus is (as a person's key goes)."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard's focus"
    QTest.keyClick(target, key, modifier)


def tab_stops(window: QWidget) -> list[Stop]:
    """Every widget Tab stops at in `window`, in the order Tab reaches them, from the first in
    Qt's focus chain round to it again. Fails if Tab is trapped or never comes back."""
    start = _first_stop(window)
    if start is None:
        return []
    focus(start)
    stops: list[Stop] = []
    seen: set[int] = set()
    repeats = 0
    for _ in range(MAX_STOPS):
        current = QApplication.focusWidget()
        assert current is not None and current.window() is window, (
            f"Tab left {window.windowTitle()!r} (at {current!r})"
        )
        if stops and current is stops[-1].widget:
            # a label with links, or a text browser: Tab goes from link to link within it; or
            # the window's only stop, where Tab stays
            repeats += 1
            if repeats > LINKS_IN_ONE_WIDGET:
                assert len(stops) == 1, f"Tab is trapped in {current!r}"
                return stops
            press(Qt.Key.Key_Tab)
            continue
        repeats = 0
        if id(current) in seen:
            assert current is start, (
                f"Tab goes round without coming back to the first stop: trapped at {current!r}"
            )
            return stops
        seen.add(id(current))
        stops.append(_stop(current, window))
        press(Qt.Key.Key_Tab)
    raise AssertionError(f"more than {MAX_STOPS} Tab stops in {window.windowTitle()!r}")


def _first_stop(window: QWidget) -> QWidget | None:
    widget = window.nextInFocusChain()
    while widget is not window:
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(window)
            and widget.isEnabled()
            and widget.focusProxy() is None
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


def _stop(widget: QWidget, window: QWidget) -> Stop:
    interface = QAccessible.queryAccessibleInterface(widget)
    role = interface.role() if interface is not None else QAccessible.Role.NoRole
    top_left = laid_out_at(widget, window)
    return Stop(
        widget,
        accessible_text(widget, QAccessible.Text.Name),
        accessible_text(widget, QAccessible.Text.Description),
        role,
        QRect(top_left, widget.size()),
        _scrolled_by(widget, window),
        _ringed(widget, window),
    )


def _ringed(widget: QWidget, window: QWidget) -> bool:
    QApplication.processEvents()  # the ring moves on the focus change
    ring = focus_ring(window)
    return ring is not None and ring.widget() is widget and ring.isVisibleTo(window)


def _scrolled_by(widget: QWidget, window: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea) and parent.widget().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def laid_out_at(widget: QWidget, window: QWidget) -> QPoint:
    """Where `widget` is laid out in `window`, as if every scroll area were scrolled to the top
    (Tab scrolls them as it goes, which would move what was already measured)."""
    point = QPoint(0, 0)
    current = widget
    while current is not window:
        parent = current.parentWidget()
        assert parent is not None, f"{widget!r} is not in {window!r}"
        point += current.pos()
        scroll = parent.parentWidget()
        if isinstance(scroll, QScrollArea) and scroll.widget() is current:
            point -= current.pos()  # the content's own scrolled position
        current = parent
    return point


def focus_not_shown(stops: list[Stop], where: str) -> list[str]:
    return [f"no focus ring: {stop.describe()} in {where}" for stop in stops if not stop.ringed]


def unnamed(stops: list[Stop], where: str) -> list[str]:
    return [f"no name: {stop.describe()} in {where}" for stop in stops if not stop.name]


def out_of_reading_order(stops: list[Stop], where: str) -> list[str]:
    """Tab should read like the page: down, or across to a column on the right. Going back up
    (not into a column to the right) is allowed once, where Tab wraps round to the top. A move
    into or out of a scrolling part is not compared: its content has no place beside the rest."""
    if len(stops) < 3:
        return []
    jumps = []
    line = max(8, min(stop.area.height() for stop in stops) // 2)
    for before, after in zip(stops, stops[1:] + stops[:1], strict=True):
        if before.region is not after.region:
            continue
        above = after.area.top() < before.area.top() - line
        rightward = after.area.left() >= before.area.right() - line
        if above and not rightward:
            jumps.append(f"{before.describe()} then {after.describe()}")
    if len(jumps) <= 1:
        return []
    return [f"Tab goes back up in {where}: " + "; ".join(jumps)]
