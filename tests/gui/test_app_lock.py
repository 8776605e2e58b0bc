"""Locking the composed app: Ctrl+L or the Lock button, the idle time (on an injected clock)
and the desktop's screen lock close every window holding the person's data (the dashboard, the
wizard, the evidence log, the friend check, Settings), save the last changes, drop the key, and
open the checklist again only with the passphrase or the recovery code."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from selfaudit.audit.state import AppState
from selfaudit.paths import AppPaths
from selfaudit.ui.composition import AppAssembly
from selfaudit.ui.evidence.window import EvidenceWindow
from selfaudit.ui.friends.dialog import FriendCheckDialog
from selfaudit.ui.main_window import Feature, MainWindow
from selfaudit.ui.screen_lock import ScreenLockWatch
from selfaudit.ui.settings import SettingsDialog
from selfaudit.ui.vault.app_lock import LockState
from selfaudit.ui.vault.controller import Flow
from selfaudit.ui.vault.lock_setup import LockSetup
from selfaudit.ui.vault.passphrase import PassphraseDialog
from selfaudit.ui.vault.recovery import RecoveryDialog
from selfaudit.ui.vault.running_app import RunningApp
from selfaudit.ui.vault.single_instance import SingleInstance
from selfaudit.ui.vault.unlock import UnlockDialog
from selfaudit.ui.wizard import AuditWizard
from selfaudit.vault.errors import SaveFailedError, VaultError
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock_rules import LockRules
from selfaudit.vault.vault import Vault, inspect, open_vault
from tests.keyring_double import InMemoryKeyring
from tests.unit.test_plan import audited

STRONG = "lantern otter basalt quietly"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeScreen(ScreenLockWatch):
    """The desktop's screen lock, as a test says it happens."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening = False

    def start(self) -> None:
        self.listening = self.available = True

    def stop(self) -> None:
        self.listening = False


class App:
    """The composed app as run_app makes it, with an injected clock and screen lock."""

    def __init__(
        self, qapp: QApplication, layout: VaultLayout, rules: LockRules | None = None
    ) -> None:
        self.quits: list[int] = []
        self.clock = Clock()
        self.instance = SingleInstance(layout)
        assert self.instance.claim()
        self.assembly = AppAssembly(
            qapp, argparse.Namespace(policy=None, induction=False), self.quits.append
        )
        setup = LockSetup(
            (lambda: rules) if rules else self.assembly.lock_rules,
            FakeScreen,
            self.assembly.forget_person,
            self.clock,
        )
        self.running = RunningApp(
            qapp,
            layout,
            self.instance,
            self.assembly.build_main_window,
            self.assembly.settings_sections,
            lambda: self.quits.append(0),
            quick=self.assembly.quick_start(),
            lock=setup,
        )
        self.lock = self.running.app_lock

    @property
    def screen(self) -> FakeScreen:
        screen = self.lock.screen
        assert isinstance(screen, FakeScreen)
        return screen

    def unlock_screen(self, qtbot: QtBot) -> UnlockDialog:
        qtbot.waitUntil(
            lambda: (
                isinstance(self.running.startup.dialog, UnlockDialog)
                and self.running.startup.dialog.isVisible()
            ),
            timeout=10000,
        )
        dialog = self.running.startup.dialog
        assert isinstance(dialog, UnlockDialog)
        return dialog

    def unlock(self, qtbot: QtBot, passphrase: str = STRONG) -> MainWindow:
        dialog = self.unlock_screen(qtbot)
        dialog.passphrase.setText(passphrase)
        dialog.unlock_button.click()
        qtbot.waitUntil(lambda: self.lock.state is LockState.UNLOCKED, timeout=10000)
        window = self.running.window
        assert isinstance(window, MainWindow)
        return window

    def close(self) -> None:
        for widget in QApplication.topLevelWidgets():
            widget.hide()
        # the app's lock watches every event of the application: a later test's must not
        # meet this one's
        self.lock.activity.stop()
        self.running.deleteLater()
        self.instance.release()


@pytest.fixture
def layout(app_paths: AppPaths) -> VaultLayout:
    return VaultLayout(app_paths.data_dir)


@pytest.fixture
def code(layout: VaultLayout) -> RecoveryCode:
    """A checklist locked with a passphrase, one audit done (the dashboard opens)."""
    code = RecoveryCode.generate()
    Vault.create(layout, DataKey.generate(), code, STRONG, audited({}, ["facebook"]).state)
    return code


@pytest.fixture
def app(qapp: QApplication, layout: VaultLayout, code: RecoveryCode) -> Iterator[App]:
    running = App(qapp, layout)
    yield running
    running.close()


def data_windows() -> list[QWidget]:
    """Every window on screen that is not the unlock screen."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and not isinstance(w, UnlockDialog)
    ]


def open_everything(qtbot: QtBot, app: App, window: MainWindow) -> list[QWidget]:
    """The evidence log, Settings, the friend check and the wizard, all at once."""
    window.feature_buttons[Feature.EVIDENCE_LOG].click()
    evidence = next(w for w in window.findChildren(EvidenceWindow))
    app.running.open_settings()
    settings = app.running.settings
    assert isinstance(settings, SettingsDialog)
    window.feature_buttons[Feature.FRIEND_CHECK].click()
    friends = window.findChild(FriendCheckDialog)
    assert friends is not None
    friends.check.setup.names.setPlainText("Olivia Brown")  # a service user, in memory only
    window.start_audit()
    wizard = window.wizard
    assert isinstance(wizard, AuditWizard)
    opened: list[QWidget] = [window, evidence, settings, friends, wizard]
    qtbot.waitUntil(lambda: all(w.isVisible() for w in opened[1:]))
    return opened


def test_ctrl_l_closes_every_window_saves_and_opens_only_with_the_passphrase(
    qtbot: QtBot, app: App, layout: VaultLayout
) -> None:
    app.running.start()
    window = app.unlock(qtbot)
    assert app.screen.listening and app.lock.activity.watching
    assert window.feature_buttons[Feature.LOCK].isVisible()
    opened = open_everything(qtbot, app, window)
    friends = opened[3]
    assert isinstance(friends, FriendCheckDialog)
    controller = app.running.controller
    assert controller is not None
    key = controller.vault.key
    window.session.set_platforms(["facebook", "x"])  # a change the autosave has not saved yet

    qtbot.keyClick(friends, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # over a modal
    assert not any(w.isVisible() for w in opened)  # off the screen at once
    screen = app.unlock_screen(qtbot)
    assert screen.windowTitle() == "selfaudit is locked"
    assert data_windows() == []
    assert app.lock.state is LockState.LOCKED and controller.flow is Flow.LOCKED
    assert key.wiped  # the key is overwritten in memory
    assert app.running.window is None and app.running.session is None
    assert app.assembly.parts is not None and app.assembly.parts.session is None
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in opened))  # let go of
    with pytest.raises(VaultError):
        app.running.blobs()  # nothing of the checklist is reachable while locked
    app.running.open_settings()
    assert app.running.settings is None and screen.isVisible()
    app.running.bring_forward()  # a second launch brings the unlock screen forward, no more
    assert data_windows() == []

    # the last change was saved before the key went
    found = inspect(layout)
    assert open_vault(layout, found.key_from_passphrase(STRONG), repair=False).state.platforms == [
        "facebook",
        "x",
    ]
    # only the passphrase opens it again
    screen.passphrase.setText("not the passphrase at all")
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: not screen.busy)
    assert "does not open" in screen.feedback.text() and data_windows() == []
    again = app.unlock(qtbot)
    assert again is not window and again.isVisible()
    assert again.session.state.platforms == ["facebook", "x"]
    # the friend check forgot the service user's name when it closed
    assert not again.session.state.service_users


def test_the_lock_button_and_the_recovery_code(qtbot: QtBot, app: App, code: RecoveryCode) -> None:
    app.running.start()
    window = app.unlock(qtbot)
    window.feature_buttons[Feature.LOCK].click()
    screen = app.unlock_screen(qtbot)
    screen.code_button.click()
    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, RecoveryDialog))
    recovery = app.running.startup.dialog
    assert isinstance(recovery, RecoveryDialog)
    recovery.code.setText(str(code))
    recovery.open_button.click()
    # the code opened it: a new passphrase, since it asks for one
    qtbot.waitUntil(lambda: isinstance(app.running.startup.dialog, PassphraseDialog))
    new = app.running.startup.dialog
    assert isinstance(new, PassphraseDialog)
    new.passphrase.setText("a second passphrase for me")
    new.again.setText("a second passphrase for me")
    new.ok_button.click()
    qtbot.waitUntil(lambda: app.lock.state is LockState.UNLOCKED, timeout=10000)
    assert isinstance(app.running.window, MainWindow) and app.running.window.isVisible()


def test_idle_time_locks_and_any_input_puts_it_off(qtbot: QtBot, app: App) -> None:
    app.running.start()
    window = app.unlock(qtbot)
    window.start_audit()
    wizard = window.wizard
    assert wizard is not None
    assert app.lock.idle_minutes() == 10  # the default
    app.clock.now += 9 * 60
    app.lock.activity.check()
    assert app.lock.state is LockState.UNLOCKED
    qtbot.keyClick(wizard, Qt.Key.Key_Tab)  # the person is still there
    app.clock.now += 9 * 60
    app.lock.activity.check()
    assert app.lock.state is LockState.UNLOCKED and wizard.isVisible()
    app.clock.now += 60
    app.lock.activity.check()  # ten minutes without a key, a click or a move
    assert not wizard.isVisible() and not window.isVisible()
    app.unlock_screen(qtbot)
    assert data_windows() == []


def test_never_is_allowed_unless_the_policy_sets_a_longest_time(
    qtbot: QtBot, qapp: QApplication, layout: VaultLayout, code: RecoveryCode
) -> None:
    free = App(qapp, layout)
    try:
        free.running.start()
        free.unlock(qtbot)
        free.lock.choose_idle_minutes(None)  # "never"
        free.clock.now += 24 * 3600
        free.lock.activity.check()
        assert free.lock.state is LockState.UNLOCKED
        free.running.lock()
        free.unlock_screen(qtbot)
    finally:
        free.close()
    ruled = App(qapp, layout, LockRules(longest_idle_minutes=5))
    try:
        ruled.running.start()
        ruled.unlock(qtbot)
        assert ruled.lock.idle_choice() is None  # "never", chosen before the policy came
        assert ruled.lock.idle_minutes() == 5
        ruled.clock.now += 5 * 60
        ruled.lock.activity.check()
        assert ruled.lock.state is LockState.LOCKED
    finally:
        ruled.close()


def test_the_screen_lock_locks_the_app(qtbot: QtBot, app: App) -> None:
    app.running.start()
    window = app.unlock(qtbot)
    app.screen.locked.emit()  # as the desktop's lock screen comes up
    assert not window.isVisible()
    app.unlock_screen(qtbot)
    assert not app.screen.listening  # until it is open again
    app.unlock(qtbot)
    assert app.screen.listening


def test_changes_that_could_not_be_saved_come_back_after_unlocking(
    qtbot: QtBot, app: App, layout: VaultLayout, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.running.start()
    window = app.unlock(qtbot)
    real_save = Vault.save

    def full_disk(self: Vault, state: AppState, *args: object, **kwargs: object) -> None:
        raise SaveFailedError("the disk is full")

    monkeypatch.setattr(Vault, "save", full_disk)
    window.session.set_platforms(["instagram"])
    app.running.lock()
    app.unlock_screen(qtbot)
    assert data_windows() == []  # locked all the same: the person may be away
    monkeypatch.setattr(Vault, "save", real_save)  # the disk has room again
    again = app.unlock(qtbot)
    assert again.session.state.platforms == ["instagram"]
    key = inspect(layout).key_from_passphrase(STRONG)
    # read-only, as another reader would: repair would clear the save's temp file
    qtbot.waitUntil(
        lambda: open_vault(layout, key, repair=False).state.platforms == ["instagram"],
        timeout=5000,
    )


def test_a_checklist_opened_with_the_keyring_has_nothing_to_lock(
    qtbot: QtBot, qapp: QApplication, app_paths: AppPaths, test_keyring: InMemoryKeyring
) -> None:
    layout = VaultLayout(app_paths.data_dir)
    key = DataKey.generate()
    KeyringKeyStore(test_keyring).store(key)
    Vault.create(layout, key, RecoveryCode.generate(), state=audited({}, ["facebook"]).state)
    app = App(qapp, layout)
    try:
        app.running.start()
        qtbot.waitUntil(lambda: app.lock.state is LockState.OPEN, timeout=10000)
        window = app.running.window
        assert isinstance(window, MainWindow)
        assert not window.feature_buttons[Feature.LOCK].isVisible()
        assert not app.lock.activity.watching and not app.screen.listening
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        app.screen.locked.emit()
        assert window.isVisible() and app.lock.state is LockState.OPEN
    finally:
        app.close()


def test_every_lock_state_leads_back_to_an_open_checklist() -> None:
    from selfaudit.ui.vault.app_lock import TRANSITIONS

    assert set(TRANSITIONS) == set(LockState)
    seen, todo = {LockState.CLOSED}, [LockState.CLOSED]
    while todo:
        for following in TRANSITIONS[todo.pop()]:
            if following not in seen:
                seen.add(following)
                todo.append(following)
    assert seen == set(LockState)
    assert TRANSITIONS[LockState.LOCKING] == {LockState.LOCKED}  # no way round the unlock
    assert LockState.UNLOCKED in TRANSITIONS[LockState.LOCKED]
