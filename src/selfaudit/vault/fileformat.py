"""The vault file: a versioned header, then AES-256-GCM ciphertext with the header as associated
data, so any change to any byte (header included) is detected.

All integers are big-endian.

    off  len  field
    0    8    magic  b"\\x89SAV\\r\\n\\x1a\\n"  (PNG-style: catches text-mode mangling)
    8    2    container version (1)
    10   2    header length, slots included (bounded before use)
    12   1    cipher (1 = AES-256-GCM)
    13   1    flags (0)
    14   16   key id (fingerprint of the data key)
    30   8    generation (+1 per save: which copy is newest)
    38   12   nonce (random per save, never reused)
    50   1    number of key slots
    51   …    key slots (recovery code; passphrase in passphrase mode)
    …    …    ciphertext + 16-byte tag
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from selfaudit.vault.atomic import open_regular
from selfaudit.vault.errors import (
    DamagedFileError,
    KeyMismatchError,
    NotAVaultFileError,
    TooNewError,
)
from selfaudit.vault.keys import DataKey, KeySlot, SlotKind

MAGIC = b"\x89SAV\r\n\x1a\n"
CONTAINER_VERSION = 1
CIPHER_AES_256_GCM = 1
_FIXED = struct.Struct(">8sHHBB16sQ12sB")
FIXED_SIZE = _FIXED.size
MAX_SLOTS = 4
MAX_HEADER = FIXED_SIZE + MAX_SLOTS * KeySlot.SIZE
TAG_BYTES = 16
VERSION_FIELD = slice(8, 10)  # tests edit it to fake a newer file


@dataclass(frozen=True)
class Header:
    key_id: bytes
    generation: int
    nonce: bytes
    slots: list[KeySlot] = field(default_factory=list)
    version: int = CONTAINER_VERSION

    @property
    def has_passphrase(self) -> bool:
        return any(s.kind is SlotKind.PASSPHRASE for s in self.slots)

    def to_bytes(self) -> bytes:
        size = FIXED_SIZE + len(self.slots) * KeySlot.SIZE
        fixed = _FIXED.pack(
            MAGIC,
            self.version,
            size,
            CIPHER_AES_256_GCM,
            0,
            self.key_id,
            self.generation,
            self.nonce,
            len(self.slots),
        )
        return fixed + b"".join(slot.to_bytes() for slot in self.slots)


def read_head(path: Path) -> bytes:
    """A file's first bytes: as many as a header and its tag can take (a few hundred)."""
    fd = open_regular(path)  # never a pipe (it would wait for ever), a device or a link
    try:
        return os.read(fd, MAX_HEADER + TAG_BYTES)
    finally:
        os.close(fd)


def read_header(data: bytes) -> tuple[Header, int]:
    """Parses and bounds-checks the header. Returns it and where the ciphertext starts.

    Needs no key: it is how the app learns which key a file needs and how it is wrapped."""
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        if MAGIC.startswith(data[: len(MAGIC)]) and data:
            raise DamagedFileError("it ends before its header does")
        raise NotAVaultFileError()
    if len(data) < FIXED_SIZE:
        raise DamagedFileError("it ends before its header does")
    _, version, size, cipher, flags, key_id, generation, nonce, n_slots = _FIXED.unpack_from(data)
    if version > CONTAINER_VERSION:
        raise TooNewError("file format", version, CONTAINER_VERSION)
    if version < 1:
        raise DamagedFileError("its format version is not valid")
    if cipher != CIPHER_AES_256_GCM or flags != 0:
        raise DamagedFileError("its header names an unknown cipher")
    if n_slots > MAX_SLOTS or size != FIXED_SIZE + n_slots * KeySlot.SIZE:
        raise DamagedFileError("its header has the wrong length")
    if len(data) < size + TAG_BYTES:
        raise DamagedFileError("it ends too soon")
    slots = [
        KeySlot.from_bytes(data[start : start + KeySlot.SIZE])
        for start in range(FIXED_SIZE, size, KeySlot.SIZE)
    ]
    if not any(s.kind is SlotKind.RECOVERY_CODE for s in slots):
        raise DamagedFileError("its header has no recovery code slot")
    return Header(key_id, generation, nonce, slots, version), size


def encrypt(key: DataKey, generation: int, slots: list[KeySlot], plaintext: bytes) -> bytes:
    header = Header(key.key_id, generation, os.urandom(12), list(slots))
    aad = header.to_bytes()
    return aad + AESGCM(key.secret).encrypt(header.nonce, plaintext, aad)


def decrypt(data: bytes, key: DataKey) -> tuple[Header, bytes]:
    """Verifies and decrypts a whole file. Raises only VaultFormatError subclasses."""
    header, start = read_header(data)
    if header.key_id != key.key_id:
        raise KeyMismatchError()
    try:
        plaintext = AESGCM(key.secret).decrypt(header.nonce, data[start:], data[:start])
    except InvalidTag:
        raise DamagedFileError("its contents do not match its checksum") from None
    except OverflowError:
        raise DamagedFileError("it is far too large") from None
    return header, plaintext
