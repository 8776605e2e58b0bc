"""A portable copy of the checklist, for moving to a new computer or keeping somewhere safe.

The copy is a zip holding the encrypted vault file and the encrypted attachments exactly as they
are on disk: nothing is decrypted to make it, and opening it needs the recovery code. A plain
vault file (from backups/ or quarantine/) is accepted by `restore` too.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from selfaudit.vault import contents as vault_contents
from selfaudit.vault.atomic import fsync_folder, read_file, write_atomically, write_new_file
from selfaudit.vault.errors import VaultError, VaultFormatError, describe_os_error
from selfaudit.vault.fileformat import Header, decrypt, read_header
from selfaudit.vault.keys import DataKey
from selfaudit.vault.layout import MAIN_NAME, VaultLayout
from selfaudit.vault.vault import back_up_main, rotate_backups

_BLOB_NAME = re.compile(r"^attachments/([0-9a-f]{32}\.blob)$")
_MAX_MEMBERS = 100_000


@dataclass
class PortableCopy:
    vault: bytes
    blobs: dict[str, bytes] = field(default_factory=dict)  # file name -> encrypted bytes

    @property
    def header(self) -> Header:
        return read_header(self.vault)[0]


def write_portable_copy(layout: VaultLayout, target: Path) -> int:
    """Writes the copy to `target` (0600, atomically). Returns how many attachments it holds."""
    try:
        vault = read_file(layout.main)
    except FileNotFoundError:
        raise VaultError("There is no checklist to back up yet.") from None
    except OSError as exc:
        raise VaultError(
            f"selfaudit cannot read your checklist: {describe_os_error(exc)}."
        ) from exc
    read_header(vault)  # refuse to pass on a file that is visibly damaged
    buffer = io.BytesIO()
    blobs = sorted(layout.attachments.glob("*.blob")) if layout.attachments.is_dir() else []
    # already encrypted, so compression would gain nothing
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(MAIN_NAME, vault)
        for blob in blobs:
            archive.writestr(f"attachments/{blob.name}", read_file(blob))

    def verify(written: bytes) -> None:
        if written != buffer.getvalue():
            raise VaultError("The copy did not read back correctly.")

    write_atomically(target, buffer.getvalue(), verify)
    return len(blobs)


def read_portable_copy(path: Path) -> PortableCopy:
    try:
        data = read_file(path)
    except OSError as exc:
        raise VaultError(f"selfaudit cannot read {path}: {describe_os_error(exc)}.") from exc
    copy = _unzip(path, data) if zipfile.is_zipfile(io.BytesIO(data)) else PortableCopy(data)
    try:
        copy.header  # noqa: B018 (parses; raises with the reason)
    except VaultFormatError as exc:
        raise VaultError(f"{path} is not a selfaudit backup: {exc}") from None
    return copy


def _unzip(path: Path, data: bytes) -> PortableCopy:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if MAIN_NAME not in names or len(names) > _MAX_MEMBERS:
                raise VaultError(f"{path} is a zip file but not a selfaudit backup.")
            copy = PortableCopy(archive.read(MAIN_NAME))
            for name in names:
                match = _BLOB_NAME.match(name)
                if match:
                    copy.blobs[match[1]] = archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise VaultError(f"{path} is damaged: {exc}.") from None
    return copy


def check_copy(copy: PortableCopy, key: DataKey) -> vault_contents.Contents:
    """Decrypts and validates the copy with `key`: raises VaultFormatError if it is damaged."""
    _, plaintext = decrypt(copy.vault, key)
    contents = vault_contents.load(plaintext)
    if contents.schema_found > vault_contents.SCHEMA_VERSION:
        raise VaultError(
            "This backup was made by a newer version of selfaudit. Restore it with that version."
        )
    return contents


def restore_copy(layout: VaultLayout, copy: PortableCopy, key: DataKey) -> None:
    """Makes `copy` the checklist (call holding the instance lock). The checklist it replaces is
    kept in backups/ like any previous version; attachments are added, none removed."""
    check_copy(copy, key)
    layout.ensure()
    try:
        for name, sealed in copy.blobs.items():
            target = layout.attachments / name
            if not target.exists():
                write_new_file(target, sealed)
        fsync_folder(layout.attachments)
    except OSError as exc:
        raise VaultError(
            f"selfaudit could not restore the attachments: {describe_os_error(exc)}."
        ) from exc

    def verify(written: bytes) -> None:
        if written != copy.vault:
            raise VaultError("The restored file did not read back correctly.")

    write_atomically(layout.main, copy.vault, verify, lambda: back_up_main(layout))
    rotate_backups(layout)
