"""The application object: its icon, and the hidden --exit-after-show the bundle smoke test uses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from selfaudit import APP_ID, APP_TITLE
from selfaudit.ui.app import MAX_WINDOW_ICON, app_icon, configure_application


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


def test_exit_after_show_reports_the_first_page_and_quits() -> None:
    # a child process: running the whole app here would leave this test run's QApplication
    # quit and reconfigured for the tests after it
    result = subprocess.run(
        [sys.executable, "-m", "selfaudit", "--exit-after-show"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        # a new user on a computer without a keyring (never the real one)
        env=dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        ),
    )
    assert result.returncode == 0, result.stderr
    first, *others = result.stdout.strip().splitlines()
    # the first page at once; then, once start-up has settled, the dialog shown over it, and
    # what the audit window shows then
    welcome = "Check how well you protect yourself online"
    assert first == f"shown: {APP_TITLE}: {welcome}"
    assert others == ["shown: Choose a passphrase", f"settled: {APP_TITLE}: {welcome}"]


def test_first_frames_are_reported_once_painted(qtbot: QtBot, qapp: QApplication) -> None:
    from PySide6.QtWidgets import QLabel

    from selfaudit.ui.first_frame import FirstFrames

    painted: list[str] = []
    frames = FirstFrames(qapp, lambda window: painted.append(window.objectName()))
    try:
        window = QLabel("hello")
        window.setObjectName("first-frame-window")
        qtbot.addWidget(window)
        assert painted == []  # nothing shown yet
        window.show()
        qtbot.waitUntil(lambda: "first-frame-window" in painted)
        assert frames.unpainted() == []
        window.update()  # a later frame is not a first frame
        qtbot.wait(20)
        assert painted.count("first-frame-window") == 1
    finally:
        frames.stop()
        frames.deleteLater()


def test_qts_own_options_reach_qapplication() -> None:
    """What the app hands QApplication (ui/app.py: qt_arguments), read back from Qt itself."""
    code = (
        "import sys; from selfaudit.cli import parse; from selfaudit.ui.app import qt_arguments\n"
        "from PySide6.QtWidgets import QApplication\n"
        "args = parse(['-platform', 'offscreen', '-style', 'fusion', '-reverse'])\n"
        "app = QApplication(qt_arguments(args))\n"
        "print(app.platformName(), app.style().name(), app.layoutDirection().name)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["offscreen", "fusion", "RightToLeft"]


def test_the_app_opens_with_qts_own_options() -> None:
    """`selfaudit -platform offscreen -style fusion` opens the window (it used to be refused as
    an unknown command)."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "selfaudit",
            "-platform",
            "offscreen",
            "-style",
            "fusion",
            "--exit-after-show",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env | {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"shown: {APP_TITLE}")


def test_ctrl_c_in_the_terminal_closes_the_app_in_one_line() -> None:
    """Ctrl-C in the terminal the app was started from closes its windows as their close
    buttons do and says so in one line; it used to be ignored once the window was up."""
    app = subprocess.Popen(
        [sys.executable, "-m", "selfaudit", "--report-frames"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        ),
    )
    try:
        assert app.stdout is not None
        # a new user: the first page, then the passphrase dialog over it; the app waits
        lines = [app.stdout.readline() for _ in range(3)]
        assert lines[-1].startswith("settled:"), lines
        app.send_signal(signal.SIGINT)
        _, errors = app.communicate(timeout=30)
    finally:
        app.kill()
    assert app.returncode == 130, errors
    # Qt's offscreen platform may add its own notes; ours is the one line of the app's own
    assert [line for line in errors.splitlines() if line.startswith("selfaudit")] == [
        "selfaudit: closed (Ctrl-C)."
    ]
    assert "Traceback" not in errors
