"""Moving to a new computer without a terminal: at first run the person restores the copy they
saved on the old computer, with its recovery code, instead of starting a new checklist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring.core
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from selfaudit.audit.state import AppState
from selfaudit.paths import AppPaths
from selfaudit.ui.vault import restore
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.recovery import RecoveryDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.startup import VaultStartup
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.portable import write_portable_copy
from selfaudit.vault.vault import Vault, inspect
from tests.gui.test_vault_startup import Outcome
from tests.gui.vault_helpers import (
    keep_code_and_continue,
    open_with_keyring,
    wait_for_dialog,
    wait_for_message,
)
from tests.keyring_double import InMemoryKeyring
from tests.unit.test_plan import audited

STRONG = "lantern otter basalt quietly"


class OldComputer:
    """A checklist with an audit done, saved as a copy, as `selfaudit backup` writes it."""

    def __init__(self, folder: Path, passphrase: str | None = None) -> None:
        self.state: AppState = audited({}, ["facebook"]).state
        self.key, self.code = DataKey.generate(), RecoveryCode.generate()
        layout = VaultLayout(folder / "old-computer")
        Vault.create(layout, self.key, self.code, passphrase, state=self.state)
        self.copy = folder / "selfaudit-backup.zip"
        write_portable_copy(layout, self.copy)


@pytest.fixture
def old(tmp_path: Path) -> OldComputer:
    return OldComputer(tmp_path)


@pytest.fixture
def layout(app_paths: AppPaths) -> VaultLayout:
    return VaultLayout(app_paths.data_dir)


@pytest.fixture
def picked(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """What the file dialog answers, in turn."""
    answers: list[Path | None] = []
    monkeypatch.setattr(restore, "choose_copy", lambda parent: answers.pop(0))
    return answers


@pytest.fixture
def start(qtbot: QtBot, layout: VaultLayout) -> Iterator[tuple[VaultStartup, Outcome]]:
    startup = VaultStartup(layout, keyring_timeout=2)
    outcome = Outcome(startup)
    startup.start()
    yield startup, outcome
    if startup.dialog is not None:
        startup.dialog.close()


def test_a_copy_from_the_old_computer_is_restored_with_its_code_and_its_key_kept(
    qtbot: QtBot,
    start: tuple[VaultStartup, Outcome],
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    old: OldComputer,
    picked: list[Path | None],
) -> None:
    startup, outcome = start
    open_with_keyring(qtbot, startup)
    first = wait_for_dialog(qtbot, startup, RecoveryCodeDialog)
    assert first.restore_button is not None and first.restore_button.accessibleName()
    qtbot.waitUntil(lambda: len(test_keyring.entries) == 1)  # the new checklist's key

    picked.append(old.copy)
    first.restore_button.click()
    ask = wait_for_dialog(qtbot, startup, RecoveryDialog)
    assert ask.windowTitle() == "Restore your checklist"
    ask.code.setText(str(RecoveryCode.generate()))  # someone else's code
    ask.open_button.click()
    qtbot.waitUntil(lambda: ask.open_button.isEnabled() and ask.feedback.text() != "Checking…")
    assert "does not open" in ask.feedback.text()
    assert not layout.main.exists()  # nothing restored on a wrong code

    ask.code.setText(str(old.code))
    ask.open_button.click()
    unlocked = outcome.wait(qtbot)
    assert unlocked.state == old.state and unlocked.vault.key == old.key
    # the key now lives in this computer's keyring; the unused new one is gone
    qtbot.waitUntil(lambda: len(test_keyring.entries) == 1)
    assert KeyringKeyStore(test_keyring).load(old.key.key_id) == old.key
    assert inspect(layout).key_from_code(old.code) == old.key


def test_cancelling_the_file_choice_leaves_the_first_run_as_it_was(
    qtbot: QtBot,
    start: tuple[VaultStartup, Outcome],
    layout: VaultLayout,
    picked: list[Path | None],
) -> None:
    startup, outcome = start
    open_with_keyring(qtbot, startup)
    first = wait_for_dialog(qtbot, startup, RecoveryCodeDialog)
    picked.append(None)
    assert first.restore_button is not None
    first.restore_button.click()
    assert startup.dialog is first and first.isVisible()
    keep_code_and_continue(first)
    assert outcome.wait(qtbot).state == AppState()


def test_a_file_that_is_not_a_copy_is_refused_and_the_person_goes_back(
    qtbot: QtBot,
    start: tuple[VaultStartup, Outcome],
    layout: VaultLayout,
    tmp_path: Path,
    picked: list[Path | None],
) -> None:
    startup, outcome = start
    open_with_keyring(qtbot, startup)
    first = wait_for_dialog(qtbot, startup, RecoveryCodeDialog)
    code = first.code
    not_a_copy = tmp_path / "holiday.zip"
    not_a_copy.write_bytes(b"PK\x03\x04 not really a zip")
    picked.append(not_a_copy)
    assert first.restore_button is not None
    first.restore_button.click()
    message = wait_for_message(qtbot, startup, "cannot be restored")
    assert "Nothing was changed" in message.informativeText()
    message.choose("back")
    again = wait_for_dialog(qtbot, startup, RecoveryCodeDialog)
    assert again.code == code  # the same code the person may have written down already
    keep_code_and_continue(again)
    unlocked = outcome.wait(qtbot)
    assert unlocked.state == AppState()
    assert not layout.quarantine.exists() or not any(layout.quarantine.iterdir())


def test_without_a_keyring_the_restored_copy_gets_a_new_passphrase(
    qtbot: QtBot,
    layout: VaultLayout,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    picked: list[Path | None],
) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    old = OldComputer(tmp_path, passphrase="the old computer's passphrase")
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    choose = wait_for_dialog(qtbot, startup, PassphraseDialog)
    assert choose.restore_button is not None
    picked.append(old.copy)
    choose.restore_button.click()
    ask = wait_for_dialog(qtbot, startup, RecoveryDialog)
    ask.code.setText(str(old.code))
    ask.open_button.click()
    new_passphrase = wait_for_dialog(qtbot, startup, PassphraseDialog)
    assert new_passphrase is not choose and new_passphrase.restore_button is None
    new_passphrase.passphrase.setText(STRONG)
    new_passphrase.again.setText(STRONG)
    new_passphrase.ok_button.click()
    unlocked = outcome.wait(qtbot)
    assert unlocked.state == old.state and unlocked.keyring is None
    assert inspect(layout).key_from_passphrase(STRONG) == old.key


def test_a_restored_checklist_whose_key_is_not_kept_asks_for_its_code_not_an_old_backup(
    qtbot: QtBot,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    old: OldComputer,
) -> None:
    """This computer's keyring still holds the key of the checklist the copy replaced (its
    backups use it): opening must not set the restored checklist aside for an old backup."""
    from selfaudit.vault.portable import read_portable_copy, restore_copy

    mine, my_code = DataKey.generate(), RecoveryCode.generate()
    KeyringKeyStore(test_keyring).store(mine)
    Vault.create(layout, mine, my_code, state=AppState(platforms=["x"]))
    restore_copy(layout, read_portable_copy(old.copy), old.key)  # its key not kept here
    startup = VaultStartup(layout, keyring_timeout=2)
    outcome = Outcome(startup)
    startup.start()
    ask = wait_for_dialog(qtbot, startup, RecoveryDialog)
    assert not layout.quarantine.exists() or not any(layout.quarantine.iterdir())
    ask.code.setText(str(old.code))
    ask.open_button.click()
    unlocked = outcome.wait(qtbot)
    assert unlocked.state == old.state
    assert KeyringKeyStore(test_keyring).load(old.key.key_id) == old.key  # kept from now on
    if startup.dialog is not None:
        startup.dialog.close()
