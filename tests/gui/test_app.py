"""The application object: its icon, and the hidden --exit-after-show the bundle smoke test uses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from selfaudit import APP_ID, APP_TITLE
from selfaudit.cli import build_parser
from selfaudit.ui.app import MAX_WINDOW_ICON, app_icon, configure_application, run_app


def test_configure_sets_the_desktop_id_and_the_icon(qapp: QApplication) -> None:
    configure_application(qapp)
    assert qapp.desktopFileName() == APP_ID
    sides = {size.width() for size in qapp.windowIcon().availableSizes()}
    assert {16, 32, 48, 128} <= sides
    assert max(sides) <= MAX_WINDOW_ICON


def test_icon_comes_from_the_resources(qtbot: QtBot) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(16, 16).toImage().isNull()


def test_exit_after_show_reports_the_first_page_and_quits(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args(["--exit-after-show"])
    # if the option were ignored the app would wait for a person: quit for it after a while
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(15_000)
    try:
        assert run_app(args) == 0
    finally:
        guard.stop()
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"shown: {APP_TITLE}: ")
    assert len(out) > len(f"shown: {APP_TITLE}: ")  # names the page it shows
