"""Choosing how the checklist opens at first run, the unlock screen (Show/Hide, Caps Lock, the
recovery code instead) and the wait after wrong passphrases, which survives a restart."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from selfaudit.paths import AppPaths
from selfaudit.ui.vault.lock_choice import KEYRING, PASSPHRASE, LockChoiceDialog
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.recovery import RecoveryDialog
from selfaudit.ui.vault.recovery_code import RecoveryCodeDialog
from selfaudit.ui.vault.startup import VaultStartup
from selfaudit.ui.vault.startup_stages import Stage
from selfaudit.ui.vault.unlock import UnlockDialog
from selfaudit.ui.widgets.caps_lock import caps_lock_state
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock_rules import REQUIRED_LINE, LockRules
from selfaudit.vault.unlock_throttle import FREE_TRIES
from selfaudit.vault.vault import Vault, inspect
from tests.gui.fit import fit_problems
from tests.gui.test_vault_startup import STRONG, Outcome
from tests.gui.vault_helpers import keep_code_and_continue, wait_for_dialog, wait_for_message
from tests.keyring_double import InMemoryKeyring
from tests.unit.vault.conftest import marker_of, state_with


@pytest.fixture
def layout(app_paths: AppPaths) -> VaultLayout:
    return VaultLayout(app_paths.data_dir)


def choose_passphrase(dialog: PassphraseDialog, passphrase: str = STRONG) -> None:
    dialog.passphrase.setText(passphrase)
    dialog.again.setText(passphrase)
    dialog.ok_button.click()


def texts(widget: object) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))  # type: ignore[attr-defined]


def test_first_run_with_a_passphrase_each_time_keeps_nothing_in_the_keyring(
    qtbot: QtBot, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    choice = wait_for_dialog(qtbot, startup, LockChoiceDialog)
    assert "Anyone who can use your account" in texts(choice)
    assert "share this computer" in texts(choice)
    choice.choose(PASSPHRASE)
    first = wait_for_dialog(qtbot, startup, PassphraseDialog)
    assert first.choose
    assert first.back_button is not None and first.restore_button is None
    first.back_button.click()  # changed their mind: the choice again
    wait_for_dialog(qtbot, startup, LockChoiceDialog).choose(PASSPHRASE)
    choose_passphrase(wait_for_dialog(qtbot, startup, PassphraseDialog))
    keep_code_and_continue(wait_for_dialog(qtbot, startup, RecoveryCodeDialog))
    unlocked = outcome.wait(qtbot)
    assert unlocked.keyring is None and unlocked.vault.uses_passphrase
    assert not test_keyring.entries  # never even written there
    assert inspect(layout).key_from_passphrase(STRONG) == unlocked.vault.key
    assert outcome.stages == [
        Stage.CHOOSING_LOCK,
        Stage.FIRST_PASSPHRASE,
        Stage.CHOOSING_LOCK,
        Stage.FIRST_PASSPHRASE,
        Stage.SHOWING_CODE,
        Stage.CREATING,
        Stage.READY,
    ]


def test_a_policy_that_requires_a_passphrase_offers_only_that_and_says_why(
    qtbot: QtBot, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    startup = VaultStartup(layout)
    startup.rules = LockRules(require_passphrase=True)
    outcome = Outcome(startup)
    startup.start()
    dialog = wait_for_dialog(qtbot, startup, PassphraseDialog)
    assert REQUIRED_LINE in texts(dialog)
    choose_passphrase(dialog)
    keep_code_and_continue(wait_for_dialog(qtbot, startup, RecoveryCodeDialog))
    assert outcome.wait(qtbot).vault.uses_passphrase
    assert Stage.CHOOSING_LOCK not in outcome.stages and not test_keyring.entries


def test_a_forgotten_passphrase_is_replaced_after_the_code_and_the_keyring_stays_empty(
    qtbot: QtBot, layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    key, code = DataKey.generate(), RecoveryCode.generate()
    Vault.create(layout, key, code, passphrase=STRONG, state=state_with("forgotten"))
    startup = VaultStartup(layout)
    outcome = Outcome(startup)
    startup.start()
    wait_for_dialog(qtbot, startup, UnlockDialog).code_button.click()
    recovery = wait_for_dialog(qtbot, startup, RecoveryDialog)
    recovery.code.setText(str(code))
    recovery.open_button.click()
    new = wait_for_dialog(qtbot, startup, PassphraseDialog)
    assert "Choose a new passphrase" in texts(new)
    choose_passphrase(new, "a brand new passphrase for me")
    unlocked = outcome.wait(qtbot)
    assert marker_of(unlocked.state) == "forgotten" and unlocked.keyring is None
    assert not test_keyring.entries  # still asks for a passphrase, as the person chose
    found = inspect(layout)
    assert found.key_from_passphrase("a brand new passphrase for me") == key
    assert found.key_from_code(code) == key


def unlock_with(qtbot: QtBot, dialog: UnlockDialog, passphrase: str) -> None:
    dialog.passphrase.setText(passphrase)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: not dialog.busy or not dialog.isVisible(), timeout=5000)


def test_wrong_passphrases_slow_down_and_the_wait_survives_a_restart(
    qtbot: QtBot, layout: VaultLayout
) -> None:
    key, code = DataKey.generate(), RecoveryCode.generate()
    Vault.create(layout, key, code, passphrase=STRONG, state=state_with("behind a passphrase"))
    startup = VaultStartup(layout)
    startup.start()
    dialog = wait_for_dialog(qtbot, startup, UnlockDialog)
    for attempt in range(1, FREE_TRIES + 1):
        unlock_with(qtbot, dialog, f"wrong guess number {attempt}")
        assert "does not open" in dialog.feedback.text()
        assert dialog.passphrase.text() == ""  # what was typed is not kept
    assert dialog.waiting() and not dialog.unlock_button.isEnabled()
    assert "try again in 2 seconds" in dialog.feedback.text()
    dialog.passphrase.setText(STRONG)
    assert not dialog.unlock_button.isEnabled()
    # even past the button the wait holds: the check itself refuses to try
    dialog.submitted.emit(STRONG)
    qtbot.waitUntil(lambda: "Too many wrong" in dialog.feedback.text(), timeout=5000)
    assert startup.stage is Stage.PASSPHRASE
    dialog.reject()  # quit the app ...

    again = VaultStartup(layout)  # ... and start it again: the wait is still there
    outcome = Outcome(again)
    again.start()
    reopened = wait_for_dialog(qtbot, again, UnlockDialog)
    assert reopened.waiting() and "try again in" in reopened.feedback.text()
    reopened.passphrase.setText(STRONG)
    assert not reopened.unlock_button.isEnabled()

    # time passes (the clocks are moved on, not waited for)
    attempts = json.loads(layout.unlock_attempts.read_text())
    assert attempts["failures"] == FREE_TRIES  # a try refused during the wait is not counted
    attempts["last_failure"] -= 3600
    layout.unlock_attempts.write_text(json.dumps(attempts))
    reopened.countdown.clock = lambda: reopened.countdown.ends
    reopened.countdown.tick()
    assert reopened.unlock_button.isEnabled()
    assert reopened.feedback.text() == "You can try again now."
    reopened.unlock_button.click()
    assert marker_of(outcome.wait(qtbot).state) == "behind a passphrase"
    assert not layout.unlock_attempts.exists()  # the right passphrase clears the count


def test_show_hide_and_the_caps_lock_warning(qtbot: QtBot) -> None:
    dialog = UnlockDialog(after_lock=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "selfaudit is locked"
    field = dialog.field
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password
    assert field.show_button.accessibleName() == "Show passphrase"
    field.show_button.click()
    assert field.edit.echoMode() == QLineEdit.EchoMode.Normal
    assert field.show_button.accessibleName() == "Hide passphrase"
    field.show_button.click()
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password

    assert not field.caps_warning.isVisible()  # unknown until a key is typed
    qtbot.keyClicks(field.edit, "Q")  # a capital without Shift
    assert field.caps_warning.isVisible() and field.caps_warning.text() == "Caps Lock is on."
    qtbot.keyClicks(field.edit, "q")
    assert not field.caps_warning.isVisible()
    qtbot.keyClicks(field.edit, "Q", Qt.KeyboardModifier.ShiftModifier)
    assert not field.caps_warning.isVisible()


def test_the_caps_lock_warning_makes_room_for_itself(qtbot: QtBot) -> None:
    """The dialog grows for the warning, under a message of two lines too, instead of
    squeezing the passphrase box and its Show button (as it did at 200%)."""
    dialog = UnlockDialog(after_lock=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.show_error("That passphrase does not open your checklist.")
    dialog.wait_for(30, just_wrong=True)
    qtbot.wait(1)
    assert fit_problems(dialog) == []
    qtbot.keyClicks(dialog.passphrase, "Q")  # a capital without Shift: Caps Lock is on
    assert dialog.field.caps_warning.isVisible()
    qtbot.wait(1)
    assert fit_problems(dialog) == []
    assert dialog.passphrase.height() >= dialog.passphrase.minimumSizeHint().height()


LETTER_A = int(Qt.Key.Key_A)
CAPS = int(Qt.Key.Key_CapsLock)


@pytest.mark.parametrize(
    ("platform", "native", "key", "text", "shift", "before", "expected"),
    [
        # X11: the key event's state, LockMask (0x2) beside Mod2 (Num Lock, 0x10)
        ("xcb", 0x12, LETTER_A, "A", False, None, True),
        ("xcb", 0x10, LETTER_A, "a", False, True, False),
        ("xcb", 0x13, LETTER_A, "a", True, None, True),  # Shift with Caps Lock: small letters
        # Windows: Qt's key mapper sets 0x100 for Caps Lock (0x200 is Num Lock)
        ("windows", 0x300, LETTER_A, "A", False, None, True),
        ("windows", 0x201, LETTER_A, "A", True, None, False),
        # macOS: NSEventModifierFlagCapsLock (1 << 16); Shift is 1 << 17
        ("cocoa", 0x10000, LETTER_A, "A", False, None, True),
        ("cocoa", 0x20000, LETTER_A, "A", True, True, False),
        # elsewhere the letter tells, and a digit tells nothing
        ("wayland", 0, LETTER_A, "A", False, None, True),
        ("wayland", 0, LETTER_A, "a", True, None, True),
        ("offscreen", 0, int(Qt.Key.Key_1), "1", False, True, True),
        ("offscreen", 0, int(Qt.Key.Key_1), "1", False, None, None),
        # the Caps Lock key itself turns a known state over
        ("xcb", 0x0, CAPS, "", False, False, True),
        ("windows", 0x100, CAPS, "", False, True, False),
        ("cocoa", 0, CAPS, "", False, None, None),
    ],
)
def test_caps_lock_is_read_from_each_platforms_key_events(
    platform: str,
    native: int,
    key: int,
    text: str,
    shift: bool,
    before: bool | None,
    expected: bool | None,
) -> None:
    assert caps_lock_state(platform, native, key, text, shift, before) is expected


def test_the_recovery_code_opens_it_from_the_unlock_screen_too(
    qtbot: QtBot, layout: VaultLayout
) -> None:
    key, code = DataKey.generate(), RecoveryCode.generate()
    Vault.create(layout, key, code, passphrase=STRONG, state=state_with("by code"))
    startup = VaultStartup(layout, after_lock=True)
    outcome = Outcome(startup)
    startup.start()
    screen = wait_for_dialog(qtbot, startup, UnlockDialog)
    assert screen.windowTitle() == "selfaudit is locked"
    screen.code_button.click()
    recovery = wait_for_dialog(qtbot, startup, RecoveryDialog)
    recovery.code.setText(str(code))
    recovery.open_button.click()
    # a new passphrase, as after any recovery of a checklist that asks for one
    choose_passphrase(wait_for_dialog(qtbot, startup, PassphraseDialog))
    assert marker_of(outcome.wait(qtbot).state) == "by code"


def test_from_the_recovery_code_back_to_the_passphrase_with_its_wait(
    qtbot: QtBot, layout: VaultLayout
) -> None:
    """ "Use my recovery code instead" chosen by mistake is not a dead end (its only other way
    out was Quit), and going there and back does not cut short the wait."""
    key, code = DataKey.generate(), RecoveryCode.generate()
    Vault.create(layout, key, code, passphrase=STRONG, state=state_with("there and back"))
    startup = VaultStartup(layout, after_lock=True)
    outcome = Outcome(startup)
    startup.start()
    screen = wait_for_dialog(qtbot, startup, UnlockDialog)
    for attempt in range(FREE_TRIES):
        unlock_with(qtbot, screen, f"wrong guess number {attempt}")
    assert screen.waiting()
    screen.code_button.click()
    recovery = wait_for_dialog(qtbot, startup, RecoveryDialog)
    # and via "I have lost my recovery code", "Go back": still offered
    recovery.lost_button.click()
    wait_for_message(qtbot, startup, "Start again").choose("back")
    recovery = wait_for_dialog(qtbot, startup, RecoveryDialog)
    assert recovery.passphrase_button is not None
    assert recovery.passphrase_button.accessibleName() == "Use my passphrase instead"
    recovery.passphrase_button.click()

    again = wait_for_dialog(qtbot, startup, UnlockDialog)
    assert again is not screen and again.windowTitle() == "selfaudit is locked"
    assert startup.stage is Stage.PASSPHRASE and not outcome.abandoned
    assert again.waiting() and "Too many wrong" in again.feedback.text()
    assert "try again in" in again.passphrase.accessibleDescription()
    again.passphrase.setText(STRONG)
    assert not again.unlock_button.isEnabled()
    # time passes (the clocks are moved on, not waited for)
    attempts = json.loads(layout.unlock_attempts.read_text())
    attempts["last_failure"] -= 3600
    layout.unlock_attempts.write_text(json.dumps(attempts))
    again.countdown.clock = lambda: again.countdown.ends
    again.countdown.tick()
    again.unlock_button.click()
    assert marker_of(outcome.wait(qtbot).state) == "there and back"
    assert outcome.stages[-3:] == [Stage.PASSPHRASE, Stage.OPENING, Stage.READY]


def test_a_wrong_recovery_code_is_read_out_as_the_keyboard_comes_back(
    qtbot: QtBot, layout: VaultLayout
) -> None:
    Vault.create(
        layout,
        DataKey.generate(),
        RecoveryCode.generate(),
        passphrase=STRONG,
        state=state_with("x"),
    )
    startup = VaultStartup(layout)
    startup.start()
    wait_for_dialog(qtbot, startup, UnlockDialog).code_button.click()
    recovery = wait_for_dialog(qtbot, startup, RecoveryDialog)
    recovery.code.setText(str(RecoveryCode.generate()))  # someone else's
    recovery.open_button.click()
    qtbot.waitUntil(lambda: recovery.code.isEnabled(), timeout=10000)
    assert recovery.feedback.text()
    assert recovery.code.accessibleDescription() == recovery.feedback.text()
    qtbot.wait(1)
    assert fit_problems(recovery) == []  # the message has room: nothing is squeezed


def test_the_keyring_choice_names_the_keyring(qtbot: QtBot) -> None:
    dialog = LockChoiceDialog("GNOME Keyring")
    qtbot.addWidget(dialog)
    assert "GNOME Keyring" in dialog.keyring_button.accessibleDescription()
    assert dialog.choice() is None and not dialog.continue_button.isEnabled()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.keyring_button.setFocus()
    qtbot.keyClick(dialog.keyring_button, Qt.Key.Key_Down)  # Tab enters the choice, arrows move
    assert dialog.passphrase_button.hasFocus()
    qtbot.keyClick(dialog.passphrase_button, Qt.Key.Key_Space)
    assert dialog.choice() == PASSPHRASE and dialog.continue_button.isEnabled()
    chosen: list[str] = []
    dialog.chosen.connect(chosen.append)
    dialog.choose(KEYRING)
    assert chosen == [KEYRING]
