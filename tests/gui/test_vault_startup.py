"""Opening the checklist at start: first run, keyring, passphrase, recovery code, damaged and
newer files, a slow keyring. Each path driven through the dialogs the person sees."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import keyring.core
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from selfaudit.audit.state import AppState
from selfaudit.paths import AppPaths
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.recovery import RecoveryDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.startup import VaultStartup
from selfaudit.ui.vault.startup_stages import ENDED, TRANSITIONS, Stage, may_follow
from selfaudit.ui.vault.unlock import UnlockDialog
from selfaudit.ui.vault.unlocked import UnlockedVault
from selfaudit.ui.vault.waiting import KeyringWaitDialog
from selfaudit.vault.fileformat import VERSION_FIELD
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault, inspect, open_vault
from tests.gui.vault_helpers import (
    keep_code_and_continue,
    open_with_keyring,
    wait_for_dialog,
    wait_for_message,
)
from tests.keyring_double import InMemoryKeyring
from tests.unit.vault.conftest import marker_of, state_with

STRONG = "lantern otter basalt quietly"


@pytest.fixture
def layout(app_paths: AppPaths) -> VaultLayout:
    return VaultLayout(app_paths.data_dir)


class Outcome:
    def __init__(self, startup: VaultStartup) -> None:
        self.unlocked: UnlockedVault | None = None
        self.abandoned = False
        self.stages: list[Stage] = []  # every stage entered after INSPECTING, in order
        startup.ready.connect(self._ready)
        startup.abandoned.connect(self._abandoned)
        startup.stage_changed.connect(self.stages.append)

    def _ready(self, unlocked: UnlockedVault) -> None:
        self.unlocked = unlocked

    def _abandoned(self) -> None:
        self.abandoned = True

    def wait(self, qtbot: QtBot) -> UnlockedVault:
        qtbot.waitUntil(lambda: self.unlocked is not None or self.abandoned, timeout=10000)
        assert self.unlocked is not None, "the startup was abandoned"
        return self.unlocked


@pytest.fixture
def start(qtbot: QtBot, layout: VaultLayout) -> Iterator[tuple[VaultStartup, Outcome]]:
    startup = VaultStartup(layout, keyring_timeout=2)
    outcome = Outcome(startup)
    startup.start()
    yield startup, outcome
    if startup.dialog is not None:
        startup.dialog.close()


def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())


def existing(
    layout: VaultLayout, test_keyring: InMemoryKeyring, marker: str
) -> tuple[Vault, RecoveryCode]:
    key, code = DataKey.generate(), RecoveryCode.generate()
    KeyringKeyStore(test_keyring).store(key)
    vault = Vault.create(layout, key, code, state=state_with(marker))
    return vault, code


def test_first_run_with_a_keyring_shows_the_code_once_then_opens(
    qtbot: QtBot,
    start: tuple[VaultStartup, Outcome],
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
) -> None:
    startup, outcome = start
    open_with_keyring(qtbot, startup)
    dialog = wait_for_dialog(qtbot, startup, RecoveryCodeDialog)
    assert dialog.windowTitle() == "Save your recovery code"
    assert not layout.main.exists()  # nothing is written before the code has been kept
    keep_code_and_continue(dialog)
    unlocked = outcome.wait(qtbot)
    assert unlocked.state == AppState() and unlocked.keyring is not None
    assert unlocked.vault.recovery_code == dialog.code
    assert layout.main.exists() and len(test_keyring.entries) == 1
    assert "kept in" in unlocked.lock_description
    assert outcome.stages == [
        Stage.CHOOSING_LOCK,
        Stage.KEYRING_CALL,
        Stage.SHOWING_CODE,
        Stage.CREATING,
        Stage.READY,
    ]
    RecoveryCode.parse(dialog.code)  # what was shown is a valid code
    found = inspect(layout)
    assert found.key_from_code(RecoveryCode.parse(dialog.code)) == unlocked.vault.key


def test_quitting_at_the_code_leaves_nothing_behind(
    qtbot: QtBot,
    start: tuple[VaultStartup, Outcome],
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
) -> None:
    startup, outcome = start
    open_with_keyring(qtbot, startup)
    wait_for_dialog(qtbot, startup, RecoveryCodeDialog).reject()
    qtbot.waitUntil(lambda: outcome.abandoned)
    assert outcome.stages == [
        Stage.CHOOSING_LOCK,
        Stage.KEYRING_CALL,
        Stage.SHOWING_CODE,
        Stage.ABANDONED,
    ]
    qtbot.waitUntil(lambda: not test_keyring.entries)
    assert not layout.has_data()


def test_without_a_keyring_the_person_chooses_a_passphrase_and_nothing_is_plain(
    qtbot: QtBot, layout: VaultLayout, monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths
) -> None:
    no_keyring(monkeypatch)
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    dialog = wait_for_dialog(qtbot, startup, PassphraseDialog)
    assert dialog.choose
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.feedback)))
    assert "no keyring" in texts
    dialog.passphrase.setText("password1")
    assert not dialog.ok_button.isEnabled() and "at least" in dialog.feedback.text()
    dialog.passphrase.setText("password123456")
    assert not dialog.ok_button.isEnabled() and "easy to guess" in dialog.feedback.text()
    dialog.passphrase.setText(STRONG)
    dialog.again.setText(STRONG + "x")
    assert not dialog.ok_button.isEnabled() and "not the same" in dialog.feedback.text()
    dialog.again.setText(STRONG)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    code_dialog = wait_for_dialog(qtbot, startup, RecoveryCodeDialog)
    assert "passphrase you chose" in " ".join(
        label.text() for label in code_dialog.findChildren(type(dialog.feedback))
    )
    keep_code_and_continue(code_dialog)
    unlocked = outcome.wait(qtbot)
    assert unlocked.keyring is None and unlocked.vault.uses_passphrase
    unlocked.vault.save(state_with("canary-in-passphrase-mode"))
    for path in app_paths.data_dir.parent.parent.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"canary-in-passphrase-mode" not in data and STRONG.encode() not in data
            assert unlocked.vault.key.secret not in data

    # next start: the passphrase opens it, a wrong one is refused kindly
    again = VaultStartup(layout)
    reopened = Outcome(again)
    again.start()
    prompt = wait_for_dialog(qtbot, again, UnlockDialog)
    assert prompt.windowTitle() == "Open your checklist"
    prompt.passphrase.setText("lantern otter basalt loudly")
    prompt.unlock_button.click()
    qtbot.waitUntil(lambda: "Caps Lock" in prompt.feedback.text())
    prompt.passphrase.setText(STRONG)
    prompt.unlock_button.click()
    assert marker_of(reopened.wait(qtbot).state) == "canary-in-passphrase-mode"


def test_an_existing_checklist_opens_straight_from_the_keyring(
    qtbot: QtBot, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    existing(layout, test_keyring, "kept")
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    unlocked = outcome.wait(qtbot)
    assert marker_of(unlocked.state) == "kept"
    assert startup.dialog is None
    assert outcome.stages == [Stage.KEYRING_CALL, Stage.OPENING, Stage.READY]


def test_lost_keyring_entry_leads_to_the_recovery_code_never_a_new_key(
    qtbot: QtBot, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    vault, code = existing(layout, test_keyring, "precious")
    vault.save(state_with("precious"))
    before = layout.main.read_bytes()
    test_keyring.entries.clear()
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    dialog = wait_for_dialog(qtbot, startup, RecoveryDialog)
    assert layout.main.read_bytes() == before and not test_keyring.entries
    dialog.code.setText(str(code)[:-1] + ("0" if str(code)[-1] != "0" else "1"))
    dialog.open_button.click()
    qtbot.waitUntil(lambda: "typing mistake" in dialog.feedback.text())
    dialog.code.setText(str(RecoveryCode.generate()))
    dialog.open_button.click()
    qtbot.waitUntil(lambda: "does not open" in dialog.feedback.text())
    dialog.code.setText(str(code).lower())
    dialog.open_button.click()
    unlocked = outcome.wait(qtbot)
    assert marker_of(unlocked.state) == "precious"
    # a wrong code goes back to the dialog; after the right one the key is kept again
    wrong = [Stage.OPENING, Stage.RECOVERY_CODE]
    assert outcome.stages == [
        Stage.KEYRING_CALL,
        Stage.RECOVERY_CODE,
        *wrong,
        *wrong,
        Stage.OPENING,
        Stage.KEYRING_CALL,
        Stage.READY,
    ]
    assert KeyringKeyStore(test_keyring).load(vault.key.key_id) == vault.key  # back in place
    assert layout.main.read_bytes() == before


def test_without_keyring_and_code_the_old_checklist_is_set_aside_not_destroyed(
    qtbot: QtBot, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    existing(layout, test_keyring, "old")
    old = layout.main.read_bytes()
    test_keyring.entries.clear()
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    recovery = wait_for_dialog(qtbot, startup, RecoveryDialog)
    assert recovery.passphrase_button is None  # a keyring's checklist has no passphrase
    recovery.lost_button.click()
    wait_for_message(qtbot, startup, "Start again").choose("start")
    open_with_keyring(qtbot, startup)
    keep_code_and_continue(wait_for_dialog(qtbot, startup, RecoveryCodeDialog))
    assert outcome.wait(qtbot).state == AppState()
    assert [p.read_bytes() for p in layout.quarantine.iterdir()] == [old]


def test_a_damaged_file_is_set_aside_and_the_newest_good_copy_offered(
    qtbot: QtBot, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    vault, _ = existing(layout, test_keyring, "good")
    vault.save(state_with("newest"))
    damaged = bytearray(layout.main.read_bytes())
    damaged[-3] ^= 0x10
    layout.main.write_bytes(bytes(damaged))
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    message = wait_for_message(qtbot, startup, "damaged")
    assert str(layout.quarantine) in message.informativeText()
    assert "Changes made after that are lost" in message.informativeText()
    message.choose("use")
    unlocked = outcome.wait(qtbot)
    assert marker_of(unlocked.state) == "good"
    assert [p.read_bytes() for p in layout.quarantine.iterdir()] == [bytes(damaged)]


@pytest.mark.parametrize("damage", ["garbage", "damaged, no backup"])
def test_nothing_readable_sets_everything_aside_and_starts_afresh(
    qtbot: QtBot, layout: VaultLayout, test_keyring: InMemoryKeyring, damage: str
) -> None:
    existing(layout, test_keyring, "lost")
    data = bytearray(layout.main.read_bytes())
    if damage == "garbage":
        data = bytearray(b"this was overwritten by something else entirely")
    else:
        data[-1] ^= 1
    layout.main.write_bytes(bytes(data))
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    message = wait_for_message(qtbot, startup, "could not be opened")
    assert "not delete" in message.informativeText()
    message.choose("start")
    open_with_keyring(qtbot, startup)
    keep_code_and_continue(wait_for_dialog(qtbot, startup, RecoveryCodeDialog))
    assert outcome.wait(qtbot).state == AppState()
    assert [p.read_bytes() for p in layout.quarantine.iterdir()] == [bytes(data)]


def test_a_file_from_a_newer_version_is_explained_and_left_alone(
    qtbot: QtBot, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    existing(layout, test_keyring, "future")
    data = bytearray(layout.main.read_bytes())
    data[VERSION_FIELD] = (7).to_bytes(2, "big")
    layout.main.write_bytes(bytes(data))
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    message = wait_for_message(qtbot, startup, "newer version")
    assert "has not changed it" in message.informativeText()
    assert list(message.buttons_by_key) == ["quit"]  # no "delete" or "repair", ever
    message.choose("quit")
    qtbot.waitUntil(lambda: outcome.abandoned)
    assert layout.main.read_bytes() == bytes(data)


def test_a_newer_schema_opens_read_only_with_an_explanation(
    qtbot: QtBot,
    layout: VaultLayout,
    test_keyring: InMemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selfaudit.vault import contents as vault_contents

    existing(layout, test_keyring, "from a newer app")
    monkeypatch.setattr(vault_contents, "SCHEMA_VERSION", 0)  # as if this app were older
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    message = wait_for_message(qtbot, startup, "read-only")
    assert "changes will not be saved" in message.informativeText()
    message.choose("ok")
    unlocked = outcome.wait(qtbot)
    assert unlocked.vault.read_only and marker_of(unlocked.state) == "from a newer app"


class SlowKeyring(InMemoryKeyring):
    """A keyring waiting for its unlock prompt to be answered."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.answer.wait(10)
        return super().get_password(service, username)


def test_a_slow_keyring_shows_waiting_then_lets_the_person_use_the_code(
    qtbot: QtBot, layout: VaultLayout, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfaudit.vault import keystore

    slow = SlowKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", slow)
    monkeypatch.setattr(
        keystore, "TRUSTED_BACKENDS", keystore.TRUSTED_BACKENDS | {keystore.class_name(slow)}
    )
    key, code = DataKey.generate(), RecoveryCode.generate()
    Vault.create(layout, key, code, state=state_with("behind a slow keyring"))
    startup = VaultStartup(layout, keyring_timeout=1)
    outcome = Outcome(startup)
    startup.start()
    wait = wait_for_dialog(qtbot, startup, KeyringWaitDialog)
    assert wait.windowTitle() == "Waiting for your keyring"
    qtbot.waitUntil(lambda: wait.retry_button.isVisible(), timeout=5000)
    assert "not answering" in wait.windowTitle()
    wait.alternative_button.click()
    recovery = wait_for_dialog(qtbot, startup, RecoveryDialog)
    slow.answer.set()  # the keyring answers late: it must not take over
    recovery.code.setText(str(code))
    recovery.open_button.click()
    assert marker_of(outcome.wait(qtbot).state) == "behind a slow keyring"
    assert open_vault(layout, key).state == outcome.wait(qtbot).state


def test_the_waiting_dialog_is_built_only_once_the_keyring_is_slow(
    qtbot: QtBot, layout: VaultLayout, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keyring that answers at once (the usual case) costs no dialog nobody sees: none exists
    while the call is under way, until the delay has passed."""
    from selfaudit.ui.vault import keyring_call
    from selfaudit.vault import keystore

    slow = SlowKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", slow)
    monkeypatch.setattr(
        keystore, "TRUSTED_BACKENDS", keystore.TRUSTED_BACKENDS | {keystore.class_name(slow)}
    )
    monkeypatch.setattr(keyring_call, "WAIT_DIALOG_DELAY_MS", 300)
    key, code = DataKey.generate(), RecoveryCode.generate()
    slow.answer.set()  # storing reads the key back: it answers at once while it is kept
    KeyringKeyStore(slow).store(key)
    slow.answer.clear()
    Vault.create(layout, key, code, state=state_with("asked for"))
    startup = VaultStartup(layout, keyring_timeout=5)
    outcome = Outcome(startup)
    startup.start()
    qtbot.waitUntil(lambda: Stage.KEYRING_CALL in outcome.stages, timeout=5000)

    def wait_dialogs() -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, KeyringWaitDialog)]

    assert not wait_dialogs()
    wait = wait_for_dialog(qtbot, startup, KeyringWaitDialog)
    assert wait_dialogs() == [wait]
    slow.answer.set()
    assert marker_of(outcome.wait(qtbot).state) == "asked for"
    assert startup.dialog is None


def test_every_stage_can_be_reached_and_leads_to_an_end() -> None:
    """The transition table is one machine: no stage is cut off from the start, none is a dead
    end, and nothing follows the end."""
    assert set(TRANSITIONS) == set(Stage)

    def reachable(start: Stage) -> set[Stage]:
        seen, todo = {start}, [start]
        while todo:
            current = todo.pop()
            for following in Stage:
                if following not in seen and may_follow(current, following):
                    seen.add(following)
                    todo.append(following)
        return seen

    assert reachable(Stage.INSPECTING) == set(Stage)
    for stage in Stage:
        assert reachable(stage) & ENDED, f"{stage.name} never ends"
    for ended in ENDED:
        assert not any(may_follow(ended, stage) for stage in Stage)
    assert not may_follow(Stage.INSPECTING, Stage.READY)  # never ready without opening


def test_a_move_the_table_does_not_list_is_refused(layout: VaultLayout) -> None:
    startup = VaultStartup(layout)
    with pytest.raises(RuntimeError, match="INSPECTING to CREATING"):
        startup._enter(Stage.CREATING)
    assert startup.stage is Stage.INSPECTING
