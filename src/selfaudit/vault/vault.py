"""The vault: opening (with quarantine, backups, migration, read-only), saving, deleting.

Plain Python and Qt-free: the app, the CLI and the tests drive it alike. How the key is obtained
(keyring, passphrase, recovery code) is the caller's business; `inspect` says which key is
needed, `open_vault` opens with it.

Opening, step by step:
1. `inspect(layout)` reads headers only (no key): no data at all -> first run; a file from a newer
   format -> explain, never touch; otherwise the key id and key slots of the newest readable copy.
2. The caller gets that key (keyring, passphrase slot, or recovery-code slot).
3. `open_vault(layout, key)` decrypts the main file; if it is damaged it is moved to
   `quarantine/` and the newest good backup is used instead (the caller asks the person before
   the first save); an older schema is migrated after a pre-migration backup; a newer schema
   opens read-only.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from selfaudit.vault.atomic import (
    fsync_folder,
    read_file,
    remove_quietly,
    write_atomically,
    write_new_file,
)
from selfaudit.vault.backups import (
    Backup,
    backup_name,
    backups_to_delete,
    list_backups,
)
from selfaudit.vault.blobs import EncryptedBlobStore
from selfaudit.vault.erase import delete_all_data
from selfaudit.vault.errors import (
    ChangedOnDiskError,
    DamagedFileError,
    KeyMismatchError,
    NotAVaultFileError,
    ReadOnlyError,
    SaveFailedError,
    TooNewError,
    VaultError,
    VaultFormatError,
    describe_os_error,
)
from selfaudit.vault.fileformat import Header, decrypt, encrypt, read_head, read_header
from selfaudit.vault.fingerprint import FileFingerprint
from selfaudit.vault.inspection import Inspection, Need
from selfaudit.vault.keys import (
    DataKey,
    KeySlot,
    RecoveryCode,
    SlotKind,
    passphrase_slot,
    recovery_slot,
)
from selfaudit.vault.layout import VaultLayout

if TYPE_CHECKING:
    # the checklist's own models (pydantic, the audit's state) load when a checklist is read or
    # written: `inspect`, which a start-up runs first, and the keyring need none of them
    from selfaudit.audit.state import AppState
    from selfaudit.vault import contents as vault_contents


def inspect(layout: VaultLayout) -> Inspection:
    """Which key opens the checklist, read from headers only. Cheap: a few hundred bytes a file."""
    candidates = _candidates(layout)
    if not candidates:
        return Inspection(Need.FIRST_RUN)
    problem: VaultError | None = None
    headers: list[Header] = []
    main_readable = False
    for path in candidates:
        try:
            headers.append(read_header(read_head(path))[0])
            main_readable = main_readable or (path == layout.main and len(headers) == 1)
        except TooNewError as exc:
            if path == layout.main:
                return Inspection(Need.TOO_NEW, problem=exc)
        except (VaultFormatError, OSError) as exc:
            problem = problem or _as_vault_error(exc)
    if not headers:
        return Inspection(Need.UNREADABLE, problem=problem)
    return Inspection(Need.KEY, tuple(headers), problem, main_readable)


@dataclass(frozen=True)
class Recovered:
    """The main file was damaged or missing: the state shown came from `backup`."""

    problem: str
    quarantined: tuple[Path, ...]
    backup: Backup


@dataclass(frozen=True)
class Migrated:
    from_schema: int
    backup: Path | None  # None when opened without writing (export)


@dataclass(frozen=True)
class Opened:
    vault: Vault
    state: AppState
    recovered: Recovered | None = None
    migrated: Migrated | None = None


class NoGoodCopyError(VaultError):
    """Every copy was damaged. They were quarantined (if allowed): the folder is now empty."""

    def __init__(self, problem: str, quarantined: tuple[Path, ...]) -> None:
        where = ""
        if quarantined:
            which = "It has" if len(quarantined) == 1 else "They have"
            where = f" {which} been moved to {quarantined[0].parent}, not deleted."
        super().__init__(
            f"Your checklist file is damaged ({problem}) and selfaudit found no good backup of "
            f"it.{where}"
        )
        self.quarantined = quarantined


def open_vault(layout: VaultLayout, key: DataKey, repair: bool = True) -> Opened:
    """Opens the newest good copy that `key` opens.

    With `repair` (hold the instance lock): damaged copies go to quarantine, stale temp files are
    removed, a pre-migration backup is written. Without it (a read-only command) nothing on disk
    changes and a damaged main file is an error."""
    from selfaudit.vault import contents as vault_contents

    if repair:
        layout.ensure()
        layout.remove_stale_temp_files()
    quarantined: list[Path] = []
    problem = ""
    main_needs_other_key = False
    candidates = _candidates(layout)
    # the next save must be numbered above every copy, even a damaged one set aside
    highest_generation = max((_generation_of(p) for p in candidates), default=0)
    for path in candidates:
        try:
            data = read_file(path)
        except OSError as exc:
            if path == layout.main:
                raise VaultError(
                    f"selfaudit cannot read {path}: {describe_os_error(exc)}."
                ) from exc
            continue
        try:
            header, plaintext = decrypt(data, key)
            contents = vault_contents.load(plaintext)
        except TooNewError:
            if path == layout.main:
                raise
            continue
        except KeyMismatchError:
            if path == layout.main and not repair:
                raise
            # The main file names a key we do not hold: its key id was edited, or it came from
            # elsewhere. Set it aside only if a backup opens with our key (see below).
            main_needs_other_key = main_needs_other_key or path == layout.main
            continue  # a backup from before a restore, made with another key: not ours to judge
        except VaultFormatError as exc:
            if not repair:
                raise
            problem = problem or _problem_text(exc)
            quarantined.append(quarantine(layout, path))
            continue
        if main_needs_other_key and path != layout.main:
            problem = problem or "it names a key that does not open it"
            quarantined.insert(0, quarantine(layout, layout.main))
        return _opened(
            layout,
            key,
            path,
            data,
            header,
            contents,
            quarantined,
            problem,
            repair,
            highest_generation,
        )
    if main_needs_other_key:
        raise KeyMismatchError()
    raise NoGoodCopyError(problem or "no copy could be read", tuple(quarantined))


def _opened(
    layout: VaultLayout,
    key: DataKey,
    path: Path,
    data: bytes,
    header: Header,
    contents: vault_contents.Contents,
    quarantined: list[Path],
    problem: str,
    repair: bool,
    generation: int,
) -> Opened:
    from selfaudit.vault import contents as vault_contents

    read_only = None
    if contents.schema_found > vault_contents.SCHEMA_VERSION:
        read_only = (
            f"it was saved by a newer version of selfaudit (data version "
            f"{contents.schema_found}; this version understands up to "
            f"{vault_contents.SCHEMA_VERSION}). "
            "Install the newer version to make changes."
        )
    vault = Vault(
        layout,
        key,
        header.slots,
        contents.recovery_code,
        generation,
        FileFingerprint.of_bytes(data, path) if path == layout.main else None,
        read_only,
    )
    recovered = None
    if path != layout.main:
        backup = next(b for b in list_backups(layout.backups) if b.path == path)
        recovered = Recovered(problem or "the file was missing", tuple(quarantined), backup)
    migrated = None
    if contents.schema_found < vault_contents.SCHEMA_VERSION:
        saved = (
            _pre_migration_backup(layout, data, header, contents.schema_found) if repair else None
        )
        migrated = Migrated(contents.schema_found, saved)
    return Opened(vault, contents.state, recovered, migrated)


def _pre_migration_backup(layout: VaultLayout, data: bytes, header: Header, schema: int) -> Path:
    target = layout.backups / backup_name(header.generation, datetime.now(UTC), schema)
    try:
        write_new_file(target, data)
        fsync_folder(layout.backups)
    except OSError as exc:
        raise VaultError(
            "selfaudit needs to update your checklist to this version, and first keeps a copy "
            f"of it, but could not: {describe_os_error(exc)}."
        ) from exc
    return target


def set_aside_all(layout: VaultLayout) -> list[Path]:
    """Quarantines every copy (none can be opened, or the person has lost the recovery code),
    so a new checklist can start without destroying the old. Call holding the instance lock."""
    return [quarantine(layout, path) for path in _candidates(layout)]


def quarantine(layout: VaultLayout, path: Path) -> Path:
    """Moves a damaged file aside, never deleting it: it may still be recoverable by hand."""
    layout.ensure()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = layout.quarantine / f"{stamp}-{path.name}"
    try:
        path.replace(target)
        fsync_folder(layout.quarantine)
        fsync_folder(path.parent)
    except OSError as exc:
        raise VaultError(
            f"selfaudit found a damaged file ({path}) but could not move it aside: "
            f"{describe_os_error(exc)}."
        ) from exc
    return target


class Vault:
    """An open checklist: saves the state, atomically, keeping backups."""

    def __init__(
        self,
        layout: VaultLayout,
        key: DataKey,
        slots: list[KeySlot],
        recovery_code: str,
        generation: int,
        on_disk: FileFingerprint | None,
        read_only: str | None = None,
    ) -> None:
        self.layout = layout
        self.key = key
        self.slots = list(slots)
        self.recovery_code = recovery_code
        self.generation = generation
        self.read_only = read_only
        self._on_disk = on_disk
        self._lock = threading.Lock()  # one save at a time, whatever thread asks

    @classmethod
    def create(
        cls,
        layout: VaultLayout,
        key: DataKey,
        code: RecoveryCode,
        passphrase: str | None = None,
        state: AppState | None = None,
    ) -> Vault:
        """A new checklist: only when no copy exists, so a key is never replaced under data.
        With a passphrase this derives a key (a fifth of a second): call off the UI thread."""
        if layout.has_data():
            raise VaultError("A checklist already exists here; selfaudit will not replace it.")
        layout.ensure()
        slots = [recovery_slot(key, code)]
        if passphrase is not None:
            slots.append(passphrase_slot(key, passphrase))
        vault = cls(layout, key, slots, str(code), 0, None)
        if state is None:
            from selfaudit.audit.state import AppState

            state = AppState()
        vault.save(state)
        return vault

    @property
    def uses_passphrase(self) -> bool:
        return any(s.kind is SlotKind.PASSPHRASE for s in self.slots)

    @property
    def blobs(self) -> EncryptedBlobStore:
        return EncryptedBlobStore(self.layout.attachments, self.key)

    def passphrase_slots(self, passphrase: str) -> list[KeySlot]:
        """The slots with `passphrase` added or changed. Slow: off the UI thread."""
        return [*self.keyring_slots(), passphrase_slot(self.key, passphrase)]

    def keyring_slots(self) -> list[KeySlot]:
        return [s for s in self.slots if s.kind is not SlotKind.PASSPHRASE]

    def use_passphrase(self, passphrase: str) -> None:
        """Locks the next saves with `passphrase` too (no keyring). Slow: off the UI thread."""
        self.slots = self.passphrase_slots(passphrase)

    def use_keyring_only(self) -> None:
        self.slots = self.keyring_slots()

    def save(
        self, state: AppState, overwrite_changes: bool = False, slots: list[KeySlot] | None = None
    ) -> None:
        """Writes `state`. Raises SaveFailedError (the old file intact), ChangedOnDiskError or
        ReadOnlyError. With `slots` (a passphrase added, changed or taken away) the file is
        locked by them from now on, kept only once the save succeeds: the data key is the same,
        so nothing else (earlier copies, attachments) is encrypted again."""
        if self.read_only:
            raise ReadOnlyError(self.read_only)
        with self._lock:
            before = self.slots
            self.slots = before if slots is None else list(slots)
            try:
                self._save(state, overwrite_changes)
            except BaseException as exc:
                if not (isinstance(exc, SaveFailedError) and exc.replaced):
                    self.slots = before  # the old file, and its slots, are still in place
                if isinstance(exc, OSError):  # from the checks around the write
                    raise SaveFailedError(describe_os_error(exc), exc) from exc
                raise
        self._rotate_backups()

    def forget_key(self) -> None:
        """Overwrites the key in memory (the app locks); never in the middle of a save."""
        with self._lock:
            self.key.wipe()

    def _save(self, state: AppState, overwrite_changes: bool) -> None:
        from selfaudit.vault import contents as vault_contents

        self.layout.ensure()
        main = self.layout.main
        if not overwrite_changes and not FileFingerprint.matches(main, self._on_disk):
            raise ChangedOnDiskError()
        plaintext = vault_contents.dump(state, self.recovery_code)
        generation = max(self.generation, _main_generation(self.layout)) + 1
        data = encrypt(self.key, generation, self.slots, plaintext)

        def verify(written: bytes) -> None:
            try:
                header, readback = decrypt(written, self.key)
            except VaultFormatError:
                raise SaveFailedError("the saved copy did not read back correctly") from None
            if readback != plaintext or header.generation != generation:
                raise SaveFailedError("the saved copy did not read back correctly")

        try:
            write_atomically(main, data, verify, lambda: back_up_main(self.layout))
        except SaveFailedError as exc:
            if exc.replaced:  # the file on disk is this save's: do not mistake it for a stranger's
                self.generation, self._on_disk = generation, FileFingerprint.of_bytes(data)
            raise
        self.generation = generation
        self._on_disk = FileFingerprint.of_bytes(data)
        with contextlib.suppress(OSError):  # with the inode and time the next save need not read
            self._on_disk = FileFingerprint.of_bytes(data, main)

    def _rotate_backups(self) -> None:
        with contextlib.suppress(OSError):  # tidying up; the save itself is done
            rotate_backups(self.layout)

    def portable_bytes(self) -> bytes:
        """The main file as saved: still encrypted, opened elsewhere with the recovery code."""
        return read_file(self.layout.main)


def back_up_main(layout: VaultLayout) -> None:
    """Keeps the main file that is about to be replaced (a hard link: no copy, exact bytes)."""
    try:
        stat = layout.main.stat()
    except FileNotFoundError:
        return
    saved_at = datetime.fromtimestamp(stat.st_mtime, UTC)
    target = layout.backups / backup_name(_main_generation(layout), saved_at)
    if target.exists():
        return
    try:
        os.link(layout.main, target)
    except OSError:
        write_new_file(target, read_file(layout.main))  # FAT/exFAT and friends have no hard links
    fsync_folder(layout.backups)


def rotate_backups(layout: VaultLayout) -> None:
    for old in backups_to_delete(list_backups(layout.backups), datetime.now(UTC)):
        remove_quietly(old.path)


# helpers --------------------------------------------------------------------------------------
def _candidates(layout: VaultLayout) -> list[Path]:
    found = [layout.main] if layout.main.exists() else []
    return found + [b.path for b in list_backups(layout.backups)]


def _generation_of(path: Path) -> int:
    try:
        return read_header(read_head(path))[0].generation
    except (OSError, VaultFormatError):
        return 0


def _main_generation(layout: VaultLayout) -> int:
    return _generation_of(layout.main)


def _problem_text(exc: VaultFormatError) -> str:
    """What is wrong, as the end of "your checklist file is damaged: …"."""
    if isinstance(exc, DamagedFileError):
        return exc.detail
    if isinstance(exc, NotAVaultFileError):
        return "it is not a selfaudit checklist file"
    return str(exc)


def _as_vault_error(exc: BaseException) -> VaultError:
    if isinstance(exc, VaultError):
        return exc
    if isinstance(exc, OSError):
        return VaultError(f"selfaudit cannot read its file: {describe_os_error(exc)}.")
    return VaultError(str(exc))


__all__ = [
    "Inspection",
    "Migrated",
    "Need",
    "NoGoodCopyError",
    "Opened",
    "Recovered",
    "Vault",
    "back_up_main",
    "delete_all_data",
    "inspect",
    "open_vault",
    "quarantine",
    "rotate_backups",
    "set_aside_all",
]
