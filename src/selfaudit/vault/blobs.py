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

from selfaudit.evidence.blob_store import BlobError
from selfaudit.vault.atomic import (
    fsync_folder,
    read_file,
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
            sealed = read_file(path)
        except FileNotFoundError:
            raise BlobError("A stored file is missing from the attachments folder.") from None
        except OSError as exc:
            raise BlobError(f"A stored file could not be read: {exc.strerror}.") from None
        if len(sealed) < _HEADER.size + 16 or not sealed.startswith(_MAGIC):
            raise BlobError("A stored file is damaged.")
        _, version, key_id, nonce = _HEADER.unpack_from(sealed)
        if version != _VERSION:
            raise BlobError("A stored file was saved by a newer version of selfaudit.")
        if key_id != self._key.key_id:
            raise BlobError("A stored file was locked with a different key.")
        header = sealed[: _HEADER.size]
        try:
            return AESGCM(self._key.secret).decrypt(
                nonce, sealed[_HEADER.size :], header + blob_id.encode()
            )
        except InvalidTag:
            raise BlobError("A stored file is damaged or has been changed.") from None

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
