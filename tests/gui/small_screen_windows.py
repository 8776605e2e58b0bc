"""Run by test_fits_the_screen.py in a child process whose Qt shows a small screen (200% on
1920×1080, or 144 dpi on 1366×768: Qt's environment must be set before it starts): every window
and every page of the wizard, each checked with `fit.fit_problems`. Not collected on its own."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.every_window import WINDOW_NAMES, Windows, shown_wizard, wizard_pages
from tests.gui.fit import fit_problems


@pytest.mark.parametrize("name", WINDOW_NAMES)
def test_the_window_fits(windows: Windows, name: str) -> None:
    problems = []
    for window in windows.open(name):
        problems += fit_problems(window)
    assert problems == [], "\n".join(problems)


def test_every_page_of_the_wizard_fits(qtbot: QtBot) -> None:
    wizard = shown_wizard(qtbot)
    problems: list[str] = []
    for shown in wizard_pages(wizard):
        qtbot.wait(1)
        problems += [f"{shown.currentPage().title()!r}: {p}" for p in fit_problems(shown)]
    assert problems == [], "\n".join(problems)
