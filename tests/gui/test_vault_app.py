"""The app as a whole: answers survive kill -9 half-way through the wizard; a second launch
writes nothing and brings the first forward; the composed app opens, saves and closes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from selfaudit.audit.session import AuditSession
from selfaudit.audit.state import AppState
from selfaudit.content import load_catalog
from selfaudit.paths import AppPaths
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.ui.settings import SettingsDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.running_app import AppServices, RunningApp
from selfaudit.ui.vault.single_instance import SingleInstance
from selfaudit.ui.wizard import AuditWizard
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault, open_vault
from tests.gui.vault_helpers import keep_code_and_continue, open_with_keyring

ROOT = Path(__file__).resolve().parents[2]


def child_env(app_paths: AppPaths) -> dict[str, str]:
    home = app_paths.data_dir.parent.parent
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        # if anything reached for a keyring, it must not be the real one
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )


def test_answers_survive_a_kill_half_way_through_the_wizard(app_paths: AppPaths) -> None:
    layout = VaultLayout(app_paths.data_dir)
    key = DataKey.generate()
    Vault.create(layout, key, RecoveryCode.generate())
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.wizard_child", str(layout.root), key.secret.hex()],
        cwd=ROOT,
        env=child_env(app_paths),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    saved: list[str] = []
    deadline = time.monotonic() + 60
    try:
        while len([s for s in saved if s.startswith("answer")]) < 8:
            line = child.stdout.readline()
            assert line, f"the app stopped early: {child.stderr.read()}"
            saved.append(line.strip())
            assert time.monotonic() < deadline
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
    state = open_vault(layout, key).state
    assert "facebook" in state.platforms
    for line in saved:
        if line.startswith("answer"):
            _, check_id, value = line.split()
            assert state.answers[check_id].value == value, check_id
    total = len(AuditSession(load_catalog(), state).applicable_checks())
    assert len(state.answers) < total  # really half-way, not finished


def test_a_second_launch_writes_nothing_and_raises_the_first(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    layout = VaultLayout(app_paths.data_dir)
    Vault.create(layout, DataKey.generate(), RecoveryCode.generate())
    first = SingleInstance(layout)
    assert first.claim()
    before = {p: p.read_bytes() for p in layout.root.rglob("*") if p.is_file()}
    try:
        with qtbot.waitSignal(first.show_requested, timeout=30000):
            second = subprocess.Popen(
                [sys.executable, "-m", "selfaudit"],
                cwd=ROOT,
                env=child_env(app_paths),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            # the signal arrives while the second is still running or has just finished
        _, err = second.communicate(timeout=30)
        assert second.returncode == 0, err
    finally:
        first.release()
    after = {p: p.read_bytes() for p in layout.root.rglob("*") if p.is_file()}
    assert after == before


def test_a_second_launch_finds_the_first_while_it_is_still_starting(
    qtbot: QtBot, app_paths: AppPaths
) -> None:
    """The first holds the lock at once but opens its socket only once its window is drawn: a
    second launch in that moment waits for it rather than calling it stuck."""
    layout = VaultLayout(app_paths.data_dir)
    first = SingleInstance(layout)
    assert first.claim(listen=False)
    try:
        with qtbot.waitSignal(first.show_requested, timeout=30000):
            second = subprocess.Popen(
                [sys.executable, "-m", "selfaudit"],
                cwd=ROOT,
                env=child_env(app_paths),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            qtbot.wait(1000)  # the second is trying to reach the first by now
            first.listen()
        _, err = second.communicate(timeout=30)
        assert second.returncode == 0, err
    finally:
        first.release()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_the_composed_app_opens_saves_and_closes(
    qtbot: QtBot, qapp: QApplication, app_paths: AppPaths
) -> None:
    layout = VaultLayout(app_paths.data_dir)
    instance = SingleInstance(layout)
    assert instance.claim()
    quits: list[int] = []
    built: list[AuditWizard] = []

    def build(state: AppState, services: AppServices) -> tuple[AuditWizard, AuditSession]:
        session = AuditSession(load_catalog(), state)
        wizard = AuditWizard(session, DEFAULT_POLICY)
        wizard.offer_settings(services.open_settings)
        qtbot.addWidget(wizard)
        built.append(wizard)
        wizard.show()
        return wizard, session

    running = RunningApp(qapp, layout, instance, build, lambda: (), lambda: quits.append(1))
    try:
        running.start()
        open_with_keyring(qtbot, running.startup)
        qtbot.waitUntil(lambda: isinstance(running.startup.dialog, RecoveryCodeDialog))
        # a new user sees the audit first; the recovery code is shown over it
        assert built and built[0].isVisible()
        wizard = built[0]
        wizard.session.set_platforms(["x"])  # before the checklist exists: kept, then saved
        code_dialog = running.startup.dialog
        assert isinstance(code_dialog, RecoveryCodeDialog)
        keep_code_and_continue(code_dialog)
        qtbot.waitUntil(lambda: running.controller is not None)
        assert running.controller is not None
        qtbot.waitUntil(
            # read-only, as another reader would: repair would clear the save's temp file
            lambda: (
                open_vault(layout, running.controller.vault.key, repair=False).state.platforms
                == ["x"]
            )
        )
        settings_button = wizard.button(QWizard.WizardButton.CustomButton2)
        assert settings_button.isVisible() and settings_button.accessibleName() == "Settings"
        settings_button.click()
        assert isinstance(running.settings, SettingsDialog) and running.settings.isVisible()
        running.settings.reject()
        instance.show_requested.emit()  # as a second launch would
        wizard.session.set_platforms(["instagram"])
        wizard.reject()  # Cancel or the window's close button
        qtbot.waitUntil(lambda: bool(quits), timeout=5000)
        assert running.controller is not None
        assert open_vault(layout, running.controller.vault.key, repair=False).state.platforms == [
            "instagram"
        ]
    finally:
        instance.release()
