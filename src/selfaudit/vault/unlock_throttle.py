"""Slowing down repeated wrong passphrases, so someone at the keyboard cannot try one after
another; never locking the person out for good.

After a few wrong passphrases each further try waits twice as long as the one before, up to
`LONGEST_WAIT`; the right passphrase (or the recovery code) clears the count. The count lives in
a small file in the data folder (0600) so that quitting and starting the app again does not
clear it. It holds nothing secret: how many tries failed and when the last one did.

This is a speed bump for a person at this computer. Someone who copies the checklist file is
slowed by the passphrase's key derivation (Argon2id), not by this file, which they can delete.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from selfaudit.vault.atomic import open_regular, remove_quietly, replace_file
from selfaudit.vault.errors import WrongSecretError

if TYPE_CHECKING:
    from selfaudit.vault.keys import DataKey

FREE_TRIES = 3  # typing mistakes happen: the first wrong passphrases cost nothing
LONGEST_WAIT = 300.0  # seconds: slows guessing down without ever keeping the person out
_MOST_BYTES = 4096  # the file is a line of JSON; anything bigger is not ours


def wait_after(failures: int) -> float:
    """Seconds to wait before the next try after `failures` wrong passphrases in a row:
    nothing for the first few, then 2, 4, 8 … seconds, never more than LONGEST_WAIT."""
    if failures < FREE_TRIES:
        return 0.0
    doublings = min(failures - FREE_TRIES + 1, 30)  # far past LONGEST_WAIT, never an overflow
    return min(LONGEST_WAIT, 2.0**doublings)


@dataclass(frozen=True)
class Attempts:
    failures: int = 0
    last_failure: float = 0.0  # seconds since the epoch (wall clock: it must survive a restart)


class UnlockThrottle:
    """The wrong-passphrase count in `path`. File work is small but still file work: call from a
    worker thread. `clock` is injectable so tests can move time on."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock

    def read(self) -> Attempts:
        """What is recorded; nothing recorded (or a file that is not ours) is no failures."""
        try:
            data = _read_small(self.path)
            found = json.loads(data.decode("utf-8"))
            failures, last = found["failures"], found["last_failure"]
            if not (isinstance(failures, int) and isinstance(last, int | float)):
                return Attempts()
            if failures < 0 or not math.isfinite(last):
                return Attempts()
            return Attempts(min(failures, 10_000), float(last))
        except (OSError, ValueError, KeyError, TypeError):
            return Attempts()

    def wait_left(self) -> float:
        """Seconds before the next try is allowed (0: now). A clock set back never makes it
        longer than the wait itself."""
        attempts = self.read()
        wait = wait_after(attempts.failures)
        if wait <= 0:
            return 0.0
        left = attempts.last_failure + wait - self.clock()
        return max(0.0, min(wait, left))

    def record_failure(self) -> float:
        """Counts one wrong passphrase; returns the wait before the next try."""
        failures = self.read().failures + 1
        record = {"failures": failures, "last_failure": self.clock()}
        with contextlib.suppress(OSError):  # a full disk must not stop the person trying
            replace_file(self.path, json.dumps(record).encode("utf-8"))
        return wait_after(failures)

    def record_success(self) -> None:
        remove_quietly(self.path)


class PassphraseRefusedError(WrongSecretError):
    """A wrong passphrase (`tried`), or one refused because the wait was not over: `wait`
    seconds until the next try is allowed (0: at once)."""

    def __init__(self, message: str, wait: float, tried: bool) -> None:
        super().__init__(message)
        self.wait = wait
        self.tried = tried


def try_passphrase(throttle: UnlockThrottle, unlock: Callable[[], DataKey]) -> DataKey:
    """Runs `unlock` (a passphrase against the key slots: slow, off the UI thread) unless the
    wait after earlier wrong passphrases is not over, and counts the outcome."""
    left = throttle.wait_left()
    if left > 0:
        seconds = math.ceil(left)
        raise PassphraseRefusedError(
            f"Too many wrong passphrases in a row. Wait {seconds} second"
            f"{'' if seconds == 1 else 's'}, then try again.",
            left,
            tried=False,
        )
    try:
        key = unlock()
    except WrongSecretError as exc:
        raise PassphraseRefusedError(str(exc), throttle.record_failure(), tried=True) from None
    throttle.record_success()
    return key


def _read_small(path: Path) -> bytes:
    """A regular file's first bytes: never a link followed, never a pipe waited on."""
    fd = open_regular(path)
    try:
        return os.read(fd, _MOST_BYTES)
    finally:
        os.close(fd)
