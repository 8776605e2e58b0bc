"""Settings' "Locking" tab's answers for a checklist that asks for a passphrase, without a
running app behind them (the tab's screenshots and its accessibility sweep). Made up; nothing
here is part of the app."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from selfaudit.ui.screen_lock import WATCHED_NOTE
from selfaudit.vault.lock_rules import LockRules


class PassphraseLocking:
    """A `LockSettings` (ui/vault/lock_settings.py): asks for a passphrase, locks after 10
    minutes, hears the screen lock; choosing anything does nothing."""

    def __init__(self, rules: LockRules | None = None) -> None:
        self.rules = rules or LockRules()
        self.opens_with_passphrase = True
        self.read_only: str | None = None
        self.screen_lock_note = WATCHED_NOTE

    def idle_choice(self) -> int | None:
        return 10

    def choose_idle_minutes(self, minutes: int | None) -> None:
        pass

    def switch_to_passphrase(self, parent: QWidget | None) -> None:
        pass

    def switch_to_keyring(self, parent: QWidget | None) -> None:
        pass

    def lock(self) -> None:
        pass

    def watch_lockable(self, owner: QObject, show: Callable[[bool], None]) -> None:
        show(True)
