"""Helpers for the vault's GUI tests: a startup to drive, and waiting for its dialogs."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from selfaudit.ui.vault.messages import VaultMessage
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.startup import VaultStartup

W = TypeVar("W", bound=QWidget)


def wait_for_dialog(qtbot: QtBot, startup: VaultStartup, kind: type[W], timeout: int = 5000) -> W:
    """Waits until the startup shows a dialog of this kind, and returns it."""
    qtbot.waitUntil(
        lambda: isinstance(startup.dialog, kind) and startup.dialog.isVisible(), timeout=timeout
    )
    dialog = startup.dialog
    assert isinstance(dialog, kind)
    return dialog


def wait_for_message(qtbot: QtBot, startup: VaultStartup, title_part: str) -> VaultMessage:
    message = wait_for_dialog(qtbot, startup, VaultMessage)
    assert title_part in message.text(), message.text()
    return message


def keep_code_and_continue(dialog: RecoveryCodeDialog) -> str:
    """What the person does at first run: tick that the code is kept, then Continue."""
    assert dialog.kept_box is not None, "not the first-run recovery code dialog"
    assert not dialog.continue_button.isEnabled()  # not before the code is kept
    dialog.kept_box.setChecked(True)
    dialog.continue_button.click()
    return dialog.code


def open_with_keyring(qtbot: QtBot, startup: VaultStartup, timeout: int = 5000) -> None:
    """At first run, the person chooses "Open with my computer's sign-in"."""
    from selfaudit.ui.vault.lock_choice import KEYRING, LockChoiceDialog

    choice = wait_for_dialog(qtbot, startup, LockChoiceDialog, timeout)
    assert not choice.continue_button.isEnabled()  # a choice, not a default
    choice.choose(KEYRING)
