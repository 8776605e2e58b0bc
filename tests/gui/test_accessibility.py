"""Every window a person can reach, and every page of the wizard, swept the way a keyboard and a
screen reader meet them (tests/gui/sweep.py): Tab pressed until it comes round, each stop named
by Qt's accessibility interface (what a screen reader reads) and shown by the focus ring, the
stops in reading order, every control reachable, no two controls shown together sharing an
Alt+letter."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QButtonGroup,
    QComboBox,
    QDialog,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

import selfaudit.ui
from selfaudit.ui import mnemonics
from selfaudit.ui.evidence.guidance_panel import GuidancePanel
from tests.gui.every_window import (
    WINDOW_CLASSES,
    WINDOW_NAMES,
    Windows,
    feature_button,
    shown_wizard,
    wizard_pages,
)
from tests.gui.fit import inside_compound
from tests.gui.sweep import Stop, focus_not_shown, out_of_reading_order, tab_stops, unnamed

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
)


def unreachable(window: QWidget, stops: list[Stop], where: str) -> list[str]:
    """Controls shown and enabled that Tab never reaches (an answer counts as reached when its
    group's stop is: the arrow keys move within a group)."""
    reached = {id(stop.widget) for stop in stops}
    problems = []
    for kind in CONTROLS:
        for widget in window.findChildren(kind):
            if (
                id(widget) in reached
                or inside_compound(widget, window)
                or widget.window() is not window
            ):
                continue
            if not widget.isVisibleTo(window) or not widget.isEnabled():
                continue
            if isinstance(widget, QRadioButton) and _group_reached(widget, reached):
                continue
            problems.append(
                f"not reachable by Tab: {type(widget).__name__} "
                f"{widget.objectName() or widget.accessibleName()!r} in {where}"
            )
    return problems


def _group_reached(button: QRadioButton, reached: set[int]) -> bool:
    group = button.group()
    members: list[QAbstractButton] = (
        group.buttons()
        if isinstance(group, QButtonGroup)
        else [b for b in button.parentWidget().findChildren(QRadioButton)]
    )
    return any(id(member) in reached for member in members)


def ambiguous(stops: list[Stop], where: str) -> list[str]:
    """Stops a screen reader would announce alike (the same name and description), so that the
    person cannot tell which "Yes" or which "Open this setting" they are on."""
    seen: dict[tuple[str, str], Stop] = {}
    problems = []
    for stop in stops:
        key = (stop.name, stop.description)
        if key in seen and seen[key].widget is not stop.widget:
            problems.append(
                f"read out alike: {seen[key].describe()} and {stop.describe()} in {where}: "
                f"{stop.name!r}"
            )
        seen.setdefault(key, stop)
    return problems


def sweep(window: QWidget, where: str) -> list[str]:
    stops = tab_stops(window)
    assert stops, f"Tab reaches nothing in {where}"
    return (
        unnamed(stops, where)
        + focus_not_shown(stops, where)
        + out_of_reading_order(stops, where)
        + unreachable(window, stops, where)
        + ambiguous(stops, where)
        + mnemonics.clashes(window)
    )


def test_every_window_class_is_in_the_sweeps() -> None:
    """A window added under ui/ fails here until tests/gui/every_window.py opens it."""
    found = set()
    for module in pkgutil.walk_packages(selfaudit.ui.__path__, "selfaudit.ui."):
        loaded = importlib.import_module(module.name)
        for name, value in inspect.getmembers(loaded, inspect.isclass):
            if value.__module__ == loaded.__name__ and issubclass(value, QDialog | QMainWindow):
                found.add(name)
    assert found - WINDOW_CLASSES == set()
    assert list(Windows.makers(object.__new__(Windows))) == WINDOW_NAMES  # type: ignore[arg-type]


@pytest.mark.parametrize("name", WINDOW_NAMES)
def test_the_window_is_named_and_reachable(windows: Windows, name: str) -> None:
    problems: list[str] = []
    for window in windows.open(name):
        problems += sweep(window, f"{name} ({window.windowTitle()!r})")
    assert problems == [], "\n".join(problems)


def test_every_page_of_the_wizard_is_named_and_reachable(qtbot: QtBot) -> None:
    wizard = shown_wizard(qtbot)
    problems: list[str] = []
    pages = 0
    for shown in wizard_pages(wizard):
        pages += 1
        # the Alt+letters are settled as the page turns: a quick Alt+N finds no clash
        problems += mnemonics.clashes(shown)
        qtbot.wait(1)  # the keyboard is put on the page's first answer once it is shown
        problems += sweep(shown, repr(shown.currentPage().title()))
    assert pages > 30
    assert problems == [], "\n".join(problems)


def test_the_evidence_guidance_pages_open_from_the_keyboard(qtbot: QtBot, windows: Windows) -> None:
    window = windows.dashboard()
    feature_button(window, "evidence_log").click()
    panel = window.findChild(GuidancePanel)
    assert panel is not None and panel.currentIndex() == 0
    titles = panel.findChildren(QAbstractButton, "qt_toolbox_toolboxbutton")
    assert len(titles) == panel.count()
    titles[3].setFocus()
    qtbot.keyClick(titles[3], Qt.Key.Key_Space)
    assert panel.currentIndex() == 3
