"""Locking the running app when the checklist asks for a passphrase: on demand (the Lock button,
Ctrl+L), after the idle time (Settings; the policy's `lock_after_minutes` is the longest), and
when the desktop's screen locks (ui/screen_lock/).

Locking closes every window of the person's data at once (the dashboard, the wizard, the
evidence log, the friend check, Settings and any message over them), saves the last changes,
drops the key (overwritten in memory), lets go of the windows and the session, and opens the
checklist again as at start-up: a `VaultStartup` with `after_lock`, whose unlock screen takes
the passphrase or the recovery code. If that last save fails (a full disk), the unsaved state
is kept in memory, never on screen, and saved as soon as the checklist is open again.

`AppLock` is always in one `LockState`, moved only by `_enter` along `TRANSITIONS`. It also
answers Settings' questions about locking (`LockSettings` in ui/vault/lock_settings.py). What it is
given is a `LockSetup` (lock_setup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, auto
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget, QWizard

from selfaudit.ui.vault.activity import ActivityWatch

if TYPE_CHECKING:
    from selfaudit.audit.state import AppState
    from selfaudit.ui.screen_lock import ScreenLockWatch
    from selfaudit.ui.vault.controller import VaultController
    from selfaudit.ui.vault.lock_setup import LockSetup
    from selfaudit.ui.vault.running_app import RunningApp
    from selfaudit.ui.vault.unlocked import UnlockedVault
    from selfaudit.vault.lock_rules import LockRules


class LockState(Enum):
    CLOSED = auto()  # no checklist open yet (start-up, a first run)
    OPEN = auto()  # open, and it opens with the keyring: there is nothing to lock
    UNLOCKED = auto()  # open, with a passphrase: locks on demand, when idle, with the screen
    LOCKING = auto()  # the windows are closed; the last changes saved, then the key dropped
    LOCKED = auto()  # the unlock screen: the checklist is opened again as at start-up


S = LockState
TRANSITIONS: dict[LockState, frozenset[LockState]] = {
    S.CLOSED: frozenset({S.OPEN, S.UNLOCKED}),
    S.OPEN: frozenset({S.UNLOCKED}),  # switched to a passphrase
    S.UNLOCKED: frozenset({S.OPEN, S.LOCKING}),  # switched to the keyring; locked
    S.LOCKING: frozenset({S.LOCKED}),
    S.LOCKED: frozenset({S.UNLOCKED, S.OPEN}),  # opened again
}


def close_windows() -> None:
    """Every window off the screen at once. Dialogs end as if closed (a friend check forgets its
    list, an incident editor its unsaved files, a Settings action its flow); the audit wizard is
    only hidden: its answers are already in the session."""
    for window in QApplication.topLevelWidgets():
        if isinstance(window, QDialog) and not isinstance(window, QWizard) and window.isVisible():
            window.done(QDialog.DialogCode.Rejected)
    for window in QApplication.topLevelWidgets():
        window.hide()


def delete_windows() -> None:
    """Lets go of every window; a child window goes with its parent."""
    for window in QApplication.topLevelWidgets():
        window.hide()
        if window.parentWidget() is None:
            window.deleteLater()


class AppLock(QObject):
    mode_changed = Signal()  # opens with a passphrase now, or with the keyring

    def __init__(self, running: RunningApp, setup: LockSetup) -> None:
        super().__init__(running)
        self.running = running
        self.setup = setup
        self.state = LockState.CLOSED
        self.controller: VaultController | None = None
        self.activity = ActivityWatch(self, setup.clock)
        self.activity.idle.connect(self.lock)
        self.activity.lock_key.connect(self.lock)
        self._screen: ScreenLockWatch | None = None  # made when first wanted (`screen`)
        self._unsaved: AppState | None = None
        self._watchers: list[tuple[QObject, Callable[[bool], None]]] = []

    def _enter(self, state: LockState) -> None:
        if state not in TRANSITIONS[self.state]:
            raise RuntimeError(f"the lock cannot go from {self.state.name} to {state.name}")
        self.state = state

    @property
    def screen(self) -> ScreenLockWatch:
        """The desktop's screen-lock watch, made when first wanted: a checklist opened with the
        keyring has nothing to lock, so its start-up loads none of it (nor the OS's bus)."""
        if self._screen is None:
            self._screen = self.setup.screen_lock(self)
            self._screen.locked.connect(self.lock)
        return self._screen

    def _stop_screen(self) -> None:
        if self._screen is not None:
            self._screen.stop()

    @property
    def rules(self) -> LockRules:
        return self.setup.rules()

    @property
    def lockable(self) -> bool:
        return self.state is LockState.UNLOCKED

    # the running app's hooks -----------------------------------------------------------------
    def before_window(self, unlocked: UnlockedVault) -> bool:
        """The checklist is open again: changes that could not be saved when it locked come
        back. True when there were such (the caller saves them)."""
        if self._unsaved is None:
            return False
        unlocked.state, self._unsaved = self._unsaved, None
        return True

    def opened(self, controller: VaultController) -> None:
        """The window is built on the open checklist."""
        self.controller = controller
        controller.mode_changed.connect(self._mode_changed)
        self._settle()
        required = self.rules.require_passphrase and controller.read_only is None
        if required and not controller.vault.uses_passphrase:
            from selfaudit.ui.vault.switch_mode import to_passphrase

            to_passphrase(controller, self.running.window, required=True)

    def _mode_changed(self) -> None:
        self._settle()
        self.mode_changed.emit()

    def _settle(self) -> None:
        """Watches for the reasons to lock while there is something to lock."""
        controller = self.controller
        lockable = controller is not None and controller.vault.uses_passphrase
        wanted = LockState.UNLOCKED if lockable else LockState.OPEN
        if self.state is not wanted:
            self._enter(wanted)
        if lockable:
            self.activity.start(self.idle_minutes())
            self.screen.start()
        else:
            self.activity.stop()
            self._stop_screen()
        self._tell_watchers()

    def watch_lockable(self, owner: QObject, show: Callable[[bool], None]) -> None:
        """`show(lockable)` now and whenever that changes, while `owner` exists (a window
        showing its Lock button only when there is something to lock)."""
        self._watchers.append((owner, show))
        show(self.lockable)

    def _tell_watchers(self) -> None:
        self._watchers = [(o, show) for o, show in self._watchers if shiboken6.isValid(o)]
        for _owner, show in self._watchers:
            show(self.lockable)

    # locking ---------------------------------------------------------------------------------
    def lock(self) -> None:
        """Locks now, if there is something to lock and the app is not closing."""
        from selfaudit.ui.vault.controller import FLOW_TRANSITIONS, Flow

        controller = self.controller
        if self.state is not LockState.UNLOCKED or controller is None:
            return
        if Flow.LOCKING not in FLOW_TRANSITIONS[controller.flow]:
            return  # closing, or replaced by a restored copy: it is going anyway
        self._enter(LockState.LOCKING)
        self.activity.stop()
        self._stop_screen()
        close_windows()
        controller.lock(self._key_dropped)

    def _key_dropped(self, unsaved: AppState | None) -> None:
        self._unsaved = unsaved
        self.controller = None
        delete_windows()
        self.running.forget_person()
        self.setup.forget()
        self._enter(LockState.LOCKED)
        self._tell_watchers()
        self.running.reopen_after_lock()

    # what Settings asks --------------------------------------------------------------------
    def idle_choice(self) -> int | None:
        """The person's chosen idle time (None: never)."""
        if self.controller is None:
            return None
        return self.controller.autosave.session.state.idle_lock_minutes

    def idle_minutes(self) -> int | None:
        """The idle time in force: the person's, within the policy's longest."""
        return self.rules.idle_minutes(self.idle_choice())

    def choose_idle_minutes(self, minutes: int | None) -> None:
        if self.controller is not None:
            self.controller.autosave.session.set_idle_lock_minutes(minutes)
            self.activity.set_idle_minutes(self.idle_minutes())

    @property
    def opens_with_passphrase(self) -> bool:
        return self.controller is not None and self.controller.vault.uses_passphrase

    @property
    def read_only(self) -> str | None:
        return None if self.controller is None else self.controller.read_only

    @property
    def screen_lock_note(self) -> str:
        return self.screen.note

    def switch_to_passphrase(self, parent: QWidget | None) -> None:
        from selfaudit.ui.vault.switch_mode import to_passphrase

        if self.controller is not None:
            to_passphrase(self.controller, parent)

    def switch_to_keyring(self, parent: QWidget | None) -> None:
        from selfaudit.ui.vault.switch_mode import to_keyring

        if self.controller is not None and not self.rules.require_passphrase:
            to_keyring(self.controller, parent)

    def offer_passphrase(self, parent: QWidget | None) -> None:
        """The person keeps service users' names: offer a passphrase if the keyring opens it."""
        from selfaudit.ui.vault.switch_mode import offer_for_kept_names

        if self.controller is not None and not self.rules.require_passphrase:
            offer_for_kept_names(self.controller, parent)
