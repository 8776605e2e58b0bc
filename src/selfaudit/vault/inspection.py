"""What `vault.inspect` finds before any key is known: whether this is a first run, a file too new
to touch, nothing readable, or which key (and which key slots) open the checklist."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from selfaudit.vault.errors import VaultError, WrongSecretError
from selfaudit.vault.fileformat import Header
from selfaudit.vault.keys import (
    DataKey,
    KeySlot,
    RecoveryCode,
    unlock_with_code,
    unlock_with_passphrase,
)


class Need(Enum):
    FIRST_RUN = "first run"  # no copy of a checklist exists: a new key may be made
    KEY = "key"  # open with the key named in `header`
    TOO_NEW = "too new"  # the main file is from a newer file format: explain, leave it alone
    UNREADABLE = "unreadable"  # copies exist, none has a readable header


@dataclass(frozen=True)
class Inspection:
    need: Need
    headers: tuple[Header, ...] = ()  # readable headers: the main file's first, then backups'
    problem: VaultError | None = None
    main_readable: bool = False  # headers[0] is the main file's

    @property
    def header(self) -> Header:
        return self.headers[0]

    @property
    def deciding_headers(self) -> tuple[Header, ...]:
        """The copies whose key and slots count: the main file's alone while its header reads
        (a copy restored from another computer has its own key, and a passphrase changed since
        the backups were written no longer opens it through them), else every copy's."""
        return self.headers[:1] if self.main_readable else self.headers

    @property
    def key_ids(self) -> list[bytes]:
        """The keys to look for, newest first: any of them will do."""
        return list(dict.fromkeys(h.key_id for h in self.deciding_headers))

    @property
    def has_passphrase(self) -> bool:
        return self.header.has_passphrase

    def key_from_code(self, code: RecoveryCode) -> DataKey:
        """Tries the recovery slot of each copy (one may be damaged). Raises WrongSecretError."""
        return self._unlock(lambda slots: unlock_with_code(slots, code))

    def key_from_passphrase(self, passphrase: str) -> DataKey:
        """Slow (a passphrase key derivation per distinct slot): call off the UI thread."""
        return self._unlock(lambda slots: unlock_with_passphrase(slots, passphrase))

    def _unlock(self, unlock: Callable[[list[KeySlot]], DataKey]) -> DataKey:
        failure: WrongSecretError | None = None
        tried: set[bytes] = set()
        for header in self.deciding_headers:
            slots = b"".join(slot.to_bytes() for slot in header.slots)
            if slots in tried:
                continue
            tried.add(slots)
            try:
                return unlock(header.slots)
            except WrongSecretError as exc:
                failure = failure or exc
        raise failure or WrongSecretError("There is no checklist to unlock.")
