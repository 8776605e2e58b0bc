#!/usr/bin/env python3
"""Saves a picture of each vault dialog (first run: how it opens, the recovery code, a
passphrase; the unlock screen; recovery; keyring waiting; Settings and its Locking tab; the
error messages), for looking at what we built.

    .venv/bin/python scripts/vault_screenshots.py OUT_DIR [--dark]

Uses a throw-away data folder; never touches your real data or keyring. Runs offscreen or under
xvfb-run; set QT_SCALE_FACTOR=2 to check 200% scaling.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # samples/

import shots
from samples.locking import PassphraseLocking

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.ui.settings import DeleteDataDialog, SettingsDialog
from selfaudit.ui.vault.autosave import ask_before_losing_changes
from selfaudit.ui.vault.controller import VaultController
from selfaudit.ui.vault.lock_choice import LockChoiceDialog
from selfaudit.ui.vault.messages import show_message
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.recovery import LOST_CODE_TEXT, RecoveryDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog, describe_lock
from selfaudit.ui.vault.unlock import UnlockDialog
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.ui.vault.waiting import KeyringWaitDialog
from selfaudit.ui.wizard import AuditWizard, fit_to_screen
from selfaudit.vault.errors import ChangedOnDiskError, SaveFailedError
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock_rules import LockRules
from selfaudit.vault.vault import Vault

KEYRING = "your desktop's keyring (Secret Service, such as GNOME Keyring)"


def shoot(app: QApplication, widget: QWidget, out: Path, name: str, fit: bool = True) -> None:
    widget.show()
    if fit:
        widget.adjustSize()
    for _ in range(5):
        app.processEvents()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    widget.hide()


def message(title: str, text: str, choices: list[tuple[str, str]]) -> QMessageBox:
    return show_message(None, title, text, choices, lambda _: None)


def key_press(letter: str) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, ord(letter), Qt.KeyboardModifier.NoModifier, letter)


def main() -> None:
    args, app = shots.start(__doc__ or "")
    code = str(RecoveryCode.generate())

    how = LockChoiceDialog(KEYRING)
    shoot(app, how, args.out, "00-first-run-how-it-opens")
    how.passphrase_button.setChecked(True)
    shoot(app, how, args.out, "00-first-run-how-it-opens-chosen")

    first = RecoveryCodeDialog(code, describe_lock(KEYRING), first_run=True, offer_restore=True)
    shoot(app, first, args.out, "01-first-run-recovery-code")

    choose = PassphraseDialog(
        choose=True,
        reason="This computer has no keyring (a safe place for secrets) that selfaudit can use.",
    )
    choose.passphrase.setText("password123456")
    shoot(app, choose, args.out, "02-choose-passphrase-weak")
    choose.passphrase.setText("lantern otter basalt quietly")
    choose.again.setText("lantern otter basalt quietly")
    shoot(app, choose, args.out, "03-choose-passphrase-strong")

    unlock = UnlockDialog()
    shoot(app, unlock, args.out, "04-unlock-screen")
    unlock.field.edit.setFocus()
    for letter in "WRONG":  # typed with Caps Lock on
        unlock.field.caps.eventFilter(unlock.field.edit, key_press(letter))
    unlock.passphrase.setText("WRONG GUESS")
    unlock.show_error(
        "That passphrase does not open your checklist. Check Caps Lock and try again."
    )
    unlock.wait_for(8)
    shoot(app, unlock, args.out, "04-unlock-screen-wrong-caps-lock-wait")
    locked = UnlockDialog(after_lock=True)
    locked.field.show_button.click()
    locked.passphrase.setText("lantern otter basalt quietly")
    shoot(app, locked, args.out, "04-unlock-screen-after-lock-shown")

    recovery = RecoveryDialog(
        f"selfaudit cannot find the key to your checklist in {KEYRING}. This can happen after "
        "the keyring is reset, or on a new computer."
    )
    recovery.code.setText("K7QD-93MF-2203-QYQ2-AWJ0-P7M3-EV6A-KGBX")
    recovery.show_error(
        "That recovery code has a typing mistake. Check each group against your copy."
    )
    shoot(app, recovery, args.out, "05-recovery-code-typo")

    wait = KeyringWaitDialog(KEYRING, "Use my recovery code instead")
    shoot(app, wait, args.out, "06-waiting-for-keyring")
    wait.show_timed_out(
        f"{KEYRING[0].upper()}{KEYRING[1:]} did not answer within 60 seconds. If it is asking "
        "you to unlock it, do that and choose Try again."
    )
    shoot(app, wait, args.out, "07-keyring-not-answering")

    with tempfile.TemporaryDirectory() as folder:
        layout = VaultLayout(Path(folder) / "selfaudit")
        vault = Vault.create(layout, DataKey.generate(), RecoveryCode.generate(), "a passphrase")
        session = AuditSession(load_catalog(), AppState())
        wizard = AuditWizard(session, DEFAULT_POLICY)
        fit_to_screen(wizard)
        unlocked = UnlockedVault(vault, session.state, None)
        controller = VaultController(unlocked, session, wizard, app.quit)
        wizard.offer_settings(lambda: None)
        shoot(app, wizard, args.out, "08-wizard-with-settings-button", fit=False)
        settings = SettingsDialog(controller, lock=PassphraseLocking())
        shoot(app, settings, args.out, "09-settings", fit=False)
        settings.tabs.setCurrentIndex(1)
        shoot(app, settings, args.out, "09-settings-locking", fit=False)
        ruled = SettingsDialog(
            controller,
            lock=PassphraseLocking(LockRules(require_passphrase=True, longest_idle_minutes=15)),
        )
        ruled.tabs.setCurrentIndex(1)
        shoot(app, ruled, args.out, "09-settings-locking-policy", fit=False)
        delete = DeleteDataDialog()
        delete.confirm_field.setText("delete")
        shoot(app, delete, args.out, "10-delete-confirm")

        boxes = {
            "11-damaged-file": message(
                "Your checklist file was damaged",
                "selfaudit found that your checklist file is damaged: its contents do not match "
                f"its checksum. It has been moved to {layout.quarantine}, not deleted. The "
                "newest good copy was saved on 24 November 2026 at 10:15. Changes made after "
                "that are lost.",
                [("use", "Carry on from this copy"), ("quit", "Quit")],
            ),
            "12-newer-version": message(
                "This checklist needs a newer version of selfaudit",
                "Your checklist was saved by a newer version of selfaudit (file format 2; this "
                "version understands up to 1). Install the newer version to change it. selfaudit "
                "has not changed it.",
                [("quit", "Quit")],
            ),
            "13-read-only": message(
                "Your checklist is open read-only",
                "You can look at your checklist, but changes will not be saved: it was saved by "
                "a newer version of selfaudit (data version 2; this version understands up to "
                "1). Install the newer version to make changes.",
                [("ok", "OK")],
            ),
            "14-save-failed": message(
                "Your latest changes are not saved",
                f"{SaveFailedError('the disk is full. Free up some space, then try again')} "
                "selfaudit will try again when you next change something.",
                [("retry", "Try again now"), ("ok", "OK")],
            ),
            "15-changed-elsewhere": message(
                "Your checklist was changed elsewhere",
                f"{ChangedOnDiskError()} If you keep your changes, the other version is kept as "
                "a backup. If you stop saving, close selfaudit and open it again to see the "
                "other version.",
                [("keep", "Keep my changes"), ("stop", "Stop saving")],
            ),
            "16-close-unsaved": ask_before_losing_changes(
                None, SaveFailedError("the disk reported an error"), lambda _: None
            ),
            "17-lost-code": message(
                "Start again without your recovery code?",
                LOST_CODE_TEXT,
                [("start", "Start a new checklist"), ("back", "Go back")],
            ),
        }
        for name, box in boxes.items():
            shoot(app, box, args.out, name)


if __name__ == "__main__":
    main()
