"""A portable copy of the checklist, for moving to a new computer or keeping somewhere safe.

The copy is a zip holding the encrypted vault file and the encrypted attachments exactly as they
are on disk: nothing is decrypted to make it, and opening it needs the recovery code. A plain
vault file (from backups/ or quarantine/) is accepted by `restore` too.

A copy is a file from outside, so reading one is bounded (`selfaudit.bounded`): a regular file,
a zip whose directory is sized up before it is read, a checklist of at most MAX_CHECKLIST_BYTES.
Its attachments are never taken on trust: each one the checklist lists is read, one at a time,
and must open with the copy's key under its own name and match the SHA-256 and size the
checklist recorded; a file the checklist does not list is left in the zip, and a copy with one
that disagrees is refused, saying which. Attachments are written only once every one has passed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from selfaudit.audit.state import AppState
from selfaudit.bounded import (
    MB,
    ReadRefusedError,
    open_file,
    read_file,
    size_text,
    zip_directory_size,
)
from selfaudit.evidence.blob_store import BlobError
from selfaudit.vault import contents as vault_contents
from selfaudit.vault.atomic import (
    fsync_folder,
    remove_quietly,
    temp_path_for,
    write_atomically,
    write_new_file,
)
from selfaudit.vault.blobs import (
    MAX_SEALED_BYTES,
    is_blob_name,
    open_sealed,
    sealed_size,
)
from selfaudit.vault.errors import VaultError, VaultFormatError, describe_os_error
from selfaudit.vault.fileformat import Header, decrypt, read_header
from selfaudit.vault.keys import DataKey
from selfaudit.vault.layout import MAIN_NAME, VaultLayout
from selfaudit.vault.vault import back_up_main, rotate_backups

MAX_CHECKLIST_BYTES = 64 * MB  # a 10 MB checklist is a large one
MAX_MEMBERS = 100_000
MAX_COPY_BYTES = 1 << 44  # the zip itself: its attachments may add up to gigabytes
_BLOBS = "attachments/"


@dataclass
class PortableCopy:
    """A copy as read: its checklist's bytes, and where its attachments are (read when they
    are checked or restored, never all at once)."""

    vault: bytes
    source: Path | None = None  # the zip holding the attachments; None for a plain file
    blob_sizes: dict[str, int] = field(default_factory=dict)  # file name -> size in the zip
    missing: tuple[str, ...] = ()  # attachments the checklist lists that the copy lacks

    @property
    def header(self) -> Header:
        return read_header(self.vault)[0]


def write_portable_copy(layout: VaultLayout, target: Path) -> int:
    """Writes the copy to `target` (0600, atomically). Returns how many attachments it holds.
    Only regular files named as the blob store names them go in; anything else found in
    attachments/ (a link, a pipe) is left out."""
    try:
        vault = read_file(layout.main, MAX_CHECKLIST_BYTES, MAIN_NAME, follow_links=False)
    except ReadRefusedError as exc:
        if exc.missing:
            raise VaultError("There is no checklist to back up yet.") from None
        raise VaultError(f"selfaudit cannot read your checklist: {exc}.") from None
    read_header(vault)  # refuse to pass on a file that is visibly damaged
    buffer = io.BytesIO()
    blobs = _stored_blobs(layout)
    # already encrypted, so compression would gain nothing
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(MAIN_NAME, vault)
        for blob in blobs:
            try:
                sealed = read_file(blob, MAX_SEALED_BYTES, blob.name, follow_links=False)
            except ReadRefusedError as exc:
                raise VaultError(f"selfaudit cannot read attachments/{exc}.") from None
            archive.writestr(f"{_BLOBS}{blob.name}", sealed)

    def verify(written: bytes) -> None:
        if written != buffer.getvalue():
            raise VaultError("The copy did not read back correctly.")

    write_atomically(target, buffer.getvalue(), verify)
    return len(blobs)


def _stored_blobs(layout: VaultLayout) -> list[Path]:
    """The blob files in attachments/: regular files only (lstat: a link is never followed)."""
    if not layout.attachments.is_dir():
        return []
    found = []
    for path in sorted(layout.attachments.iterdir()):
        with contextlib.suppress(OSError):
            if is_blob_name(path.name) and stat.S_ISREG(path.lstat().st_mode):
                found.append(path)
    return found


# reading a copy -------------------------------------------------------------------------------
def read_portable_copy(path: Path) -> PortableCopy:
    """The copy at `path`, its checklist read (bounded). Raises VaultError in one line."""
    try:
        stream = open_file(path, MAX_COPY_BYTES, "it")
    except ReadRefusedError as exc:
        if exc.missing:
            raise VaultError(f"There is no file {path}.") from None
        raise VaultError(f"Cannot read {path}: {exc}.") from None
    with stream:
        try:
            start = stream.read(4)
            stream.seek(0)
            if start in (b"PK\x03\x04", b"PK\x05\x06"):
                copy = _read_zip(path, stream)
            else:
                size = stream.seek(0, io.SEEK_END)
                if size > MAX_CHECKLIST_BYTES:
                    raise VaultError(
                        f"{path} is not a selfaudit backup: it is {size_text(size)}, far larger "
                        "than a checklist."
                    )
                stream.seek(0)
                copy = PortableCopy(stream.read(MAX_CHECKLIST_BYTES + 1))
        except OSError as exc:
            raise VaultError(f"Cannot read {path}: {describe_os_error(exc)}.") from None
    try:
        copy.header  # noqa: B018 (parses; raises with the reason)
    except VaultFormatError as exc:
        raise VaultError(f"{path} is not a selfaudit backup: {exc}") from None
    return copy


@contextlib.contextmanager
def _opened_zip(path: Path, given: BinaryIO | None = None) -> Iterator[zipfile.ZipFile]:
    """The zip at `path` (or in `given`), its directory sized up first. VaultError otherwise."""
    if given is None:
        try:
            stream = open_file(path, MAX_COPY_BYTES, "it")
        except ReadRefusedError as exc:
            raise VaultError(f"Cannot read {path}: {exc}.") from None
    else:
        stream = given
    try:
        size = zip_directory_size(stream)
        if size is not None and (size[0] > MAX_MEMBERS or size[1] > 64 * MB):
            raise VaultError(f"{path} is a zip file but not a selfaudit backup.")
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            yield archive
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, struct.error) as exc:
        raise VaultError(f"{path} is damaged: {_zip_problem(exc)}.") from None
    finally:
        if given is None:
            stream.close()


def _zip_problem(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, zipfile.BadZipFile) else type(exc).__name__


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: Path) -> bytes:
    """One member's bytes, at most `limit` of them whatever the directory says."""
    if info.file_size > limit:
        raise VaultError(f"{path} is not a selfaudit backup: {info.filename} is far too large.")
    try:
        with archive.open(info) as stream:
            data = stream.read(limit + 1)
    except NotImplementedError:  # a compression method zipfile lacks (AES: 99)
        raise VaultError(
            f"{path} is not a selfaudit backup: {info.filename} is packed in a way selfaudit "
            "never packs it."
        ) from None
    except RuntimeError:  # zipfile's word for an encrypted member (after the above)
        raise VaultError(
            f"{path} is not a selfaudit backup: {info.filename} is protected by a password, "
            "and selfaudit's own backups never are."
        ) from None
    if len(data) > limit:
        raise VaultError(f"{path} is not a selfaudit backup: {info.filename} is far too large.")
    return data


def _read_zip(path: Path, stream: BinaryIO) -> PortableCopy:
    with _opened_zip(path, stream) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        if MAIN_NAME not in infos:
            raise VaultError(f"{path} is a zip file but not a selfaudit backup.")
        vault = _member(archive, infos[MAIN_NAME], MAX_CHECKLIST_BYTES, path)
        sizes = {
            name.removeprefix(_BLOBS): info.file_size
            for name, info in infos.items()
            if name.startswith(_BLOBS) and is_blob_name(name.removeprefix(_BLOBS))
        }
    return PortableCopy(vault, path, sizes)


# checking and restoring -----------------------------------------------------------------------
@dataclass(frozen=True)
class _Listed:
    blob_id: str
    file_name: str
    size: int
    sha256: str


def _listed(state: AppState) -> dict[str, _Listed]:
    """Every attachment the checklist lists, by blob file name (deleted incidents' too)."""
    evidence = state.evidence
    incidents = [*evidence.incidents, *(d.incident for d in evidence.deleted)]
    listed: dict[str, _Listed] = {}
    for incident in incidents:
        for version in incident.versions():
            for a in version.attachments:
                item = _Listed(a.blob_id, a.file_name, a.size, a.sha256)
                known = listed.setdefault(f"{a.blob_id}.blob", item)
                if (known.size, known.sha256) != (item.size, item.sha256):
                    raise VaultError(
                        f"This backup cannot be restored: its checklist gives “{a.file_name}” "
                        "two different fingerprints."
                    )
    return listed


def _checked_blobs(
    copy: PortableCopy, key: DataKey, listed: dict[str, _Listed]
) -> Iterator[tuple[str, bytes]]:
    """(file name, sealed bytes) of each attachment the copy holds and its checklist lists,
    each checked: it opens with `key` under its own id, and its bytes have the SHA-256 and
    size recorded. Raises VaultError naming the first that does not."""
    if copy.source is None:
        return
    wanted = {name: item for name, item in listed.items() if name in copy.blob_sizes}
    if not wanted:
        return
    with _opened_zip(copy.source) as archive:
        for name, item in sorted(wanted.items()):
            mismatch = VaultError(
                f"This backup cannot be restored: the attachment “{item.file_name}” "
                f"({_BLOBS}{name}) does not match the fingerprint its checklist recorded. "
                "The backup has been changed or damaged."
            )
            info = archive.getinfo(f"{_BLOBS}{name}")
            if info.file_size != sealed_size(item.size):
                raise mismatch
            try:
                sealed = _member(archive, info, sealed_size(item.size), copy.source)
                data = open_sealed(sealed, item.blob_id, key)
            except (VaultError, BlobError):
                raise mismatch from None
            if len(data) != item.size or hashlib.sha256(data).hexdigest() != item.sha256:
                raise mismatch
            del data
            yield name, sealed


def check_copy(copy: PortableCopy, key: DataKey) -> vault_contents.Contents:
    """Decrypts and validates the copy with `key`, and checks every attachment it holds
    against its checklist: raises VaultFormatError if it is damaged, VaultError naming an
    attachment that disagrees. Records in `copy.missing` attachments it lacks."""
    _, plaintext = decrypt(copy.vault, key)
    contents = vault_contents.load(plaintext)
    if contents.schema_found > vault_contents.SCHEMA_VERSION:
        raise VaultError(
            "This backup was made by a newer version of selfaudit. Restore it with that version."
        )
    listed = _listed(contents.state)
    for _ in _checked_blobs(copy, key, listed):
        pass
    if copy.source is not None:
        copy.missing = tuple(
            item.file_name for name, item in sorted(listed.items()) if name not in copy.blob_sizes
        )
    return contents


def restore_copy(layout: VaultLayout, copy: PortableCopy, key: DataKey) -> None:
    """Makes `copy` the checklist (call holding the instance lock). The checklist it replaces is
    kept in backups/ like any previous version; the attachments its checklist lists are added
    (each checked again as it is written), none removed, none it does not list taken."""
    contents = check_copy(copy, key)
    layout.ensure()
    written: list[Path] = []
    try:
        pending: list[tuple[Path, Path]] = []
        for name, sealed in _checked_blobs(copy, key, _listed(contents.state)):
            target = layout.attachments / name
            if target.exists() or target.is_symlink():
                continue
            temp = temp_path_for(target)
            write_new_file(temp, sealed)
            written.append(temp)
            pending.append((temp, target))
        for temp, target in pending:  # only once every attachment has passed
            temp.replace(target)
            written.append(target)
        fsync_folder(layout.attachments)
    except OSError as exc:
        for path in written:
            remove_quietly(path)
        raise VaultError(
            f"selfaudit could not restore the attachments: {describe_os_error(exc)}."
        ) from exc
    except BaseException:
        for path in written:
            remove_quietly(path)
        raise

    def verify(written_vault: bytes) -> None:
        if written_vault != copy.vault:
            raise VaultError("The restored file did not read back correctly.")

    write_atomically(layout.main, copy.vault, verify, lambda: back_up_main(layout))
    rotate_backups(layout)
