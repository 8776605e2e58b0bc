"""Encrypted, write-once storage for large binary items (evidence attachments) kept beside the
vault file rather than inside its JSON, so saving the checklist never rewrites them."""

from __future__ import annotations

import os
import re
import secrets
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from selfaudit.bounded import ReadRefusedError, read_file
from selfaudit.evidence.blob_store import BlobError
from selfaudit.vault.atomic import (
    fsync_folder,
    remove_quietly,
    secure_folder,
    temp_path_for,
    write_new_file,
)

if TYPE_CHECKING:
    from selfaudit.vault.keys import DataKey


# magic, format version, key id, nonce; then AES-256-GCM ciphertext with this header and the
# blob's id as associated data (a blob renamed to another id does not decrypt)
_MAGIC = b"\x89SAB\r\n\x1a\n"
_HEADER = struct.Struct(">8sH16s12s")
_VERSION = 1
_ID = re.compile(r"^[0-9a-f]{32}$")
_SUFFIX = ".blob"


MAX_SEALED_BYTES = 64 * 1024 * 1024  # the largest attachment (50 MB), sealed, with room


def sealed_size(size: int) -> int:
    """How many bytes a blob of `size` bytes takes on disk."""
    return _HEADER.size + size + 16


def open_sealed(sealed: bytes, blob_id: str, key: DataKey) -> bytes:
    """The bytes of a sealed blob, checked: it must have been sealed with `key` under
    `blob_id` (a blob renamed to another id does not open). Raises BlobError."""
    if len(sealed) < _HEADER.size + 16 or not sealed.startswith(_MAGIC):
        raise BlobError("A stored file is damaged.")
    _, version, key_id, nonce = _HEADER.unpack_from(sealed)
    if version != _VERSION:
        raise BlobError("A stored file was saved by a newer version of selfaudit.")
    if key_id != key.key_id:
        raise BlobError("A stored file was locked with a different key.")
    header = sealed[: _HEADER.size]
    try:
        return AESGCM(key.secret).decrypt(nonce, sealed[_HEADER.size :], header + blob_id.encode())
    except InvalidTag:
        raise BlobError("A stored file is damaged or has been changed.") from None


class EncryptedBlobStore:
    """The BlobStore of the vault: one file per blob in `attachments/`, named by a random id,
    encrypted with the vault's data key."""

    def __init__(self, folder: Path, key: DataKey) -> None:
        self.folder = folder
        self._key = key

    def _path(self, blob_id: str) -> Path:
        if not _ID.match(blob_id):
            raise BlobError(f"{blob_id!r} is not the id of a stored file.")
        return self.folder / f"{blob_id}{_SUFFIX}"

    def put(self, data: bytes) -> str:
        """Data before pointer: the blob is on disk, flushed, before its id is returned for the
        caller to save in the checklist. Raises OSError if the disk refuses."""
        secure_folder(self.folder)
        blob_id = secrets.token_hex(16)
        target = self._path(blob_id)
        header = _HEADER.pack(_MAGIC, _VERSION, self._key.key_id, os.urandom(12))
        nonce = header[-12:]
        sealed = header + AESGCM(self._key.secret).encrypt(nonce, data, header + blob_id.encode())
        temp = temp_path_for(target)
        try:
            write_new_file(temp, sealed)
            temp.replace(target)
        except BaseException:
            remove_quietly(temp)
            raise
        fsync_folder(self.folder)
        return blob_id

    def get(self, blob_id: str) -> bytes:
        path = self._path(blob_id)
        try:
            # a regular file of at most a sealed attachment's size, never through a link
            sealed = read_file(path, MAX_SEALED_BYTES, follow_links=False)
        except ReadRefusedError as exc:
            if exc.missing:
                raise BlobError("A stored file is missing from the attachments folder.") from None
            raise BlobError(f"A stored file {exc.reason}.") from None
        return open_sealed(sealed, blob_id, self._key)

    def delete(self, blob_id: str) -> None:
        path = self._path(blob_id)
        try:
            path.unlink()
        except FileNotFoundError:
            return
        fsync_folder(self.folder)

    def ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob(f"*{_SUFFIX}") if _ID.match(p.stem))


def is_blob_name(name: str) -> bool:
    """Whether a file name is one the store gives a blob ("<32 hex digits>.blob")."""
    return name.endswith(_SUFFIX) and _ID.match(name.removesuffix(_SUFFIX)) is not None
