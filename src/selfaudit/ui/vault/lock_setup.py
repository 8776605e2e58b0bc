"""What the composition gives the running app for locking (ui/vault/app_lock.py): the policy's
rules, the desktop's screen-lock watch, letting go of the person's session, and the clock. Apart
from the lock itself, and as plain as it is, so that start-up loads none of the lock before the
first window is drawn."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from selfaudit.ui.screen_lock import ScreenLockWatch
    from selfaudit.vault.lock_rules import LockRules


def _nothing() -> None:
    pass


def _any_way(*_args: object) -> LockRules:
    """No policy: the person chooses how it opens and when it locks."""
    from selfaudit.vault.lock_rules import LockRules

    return LockRules()


def _no_screen_lock(parent: QObject) -> ScreenLockWatch:
    """Watches nothing (tests, and systems where the screen lock cannot be told)."""
    from selfaudit.ui.screen_lock import ScreenLockWatch

    return ScreenLockWatch(parent)


class LockSetup:
    def __init__(
        self,
        rules: Callable[[], LockRules] = _any_way,  # the policy's, once it is read
        screen_lock: Callable[[QObject], ScreenLockWatch] = _no_screen_lock,
        forget: Callable[[], None] = _nothing,  # drops what the composition holds of the person
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rules = rules
        self.screen_lock = screen_lock
        self.forget = forget
        self.clock = clock
