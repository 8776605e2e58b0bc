"""The data key, the recovery code and the passphrase: how the key is made, named and wrapped.

One random 256-bit data key encrypts the vault. It is kept in the OS keyring, or, when there is
no keyring selfaudit trusts, only in memory after the person types their passphrase. Every file's
header carries the data key wrapped by the recovery code (and by the passphrase, in passphrase
mode), so losing the keyring entry or moving to a new computer does not lose the data.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import struct
import unicodedata
from dataclasses import dataclass
from enum import IntEnum

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from selfaudit.vault.errors import BadRecoveryCodeError, DamagedFileError, WrongSecretError

KEY_BYTES = 32
KEY_ID_BYTES = 16


class DataKey:
    """The key that encrypts the vault. `key_id` is a fingerprint of it, so a file names the key
    it needs without revealing it, and an edited key id in a header cannot pass for a real one.

    The secret is kept in a bytearray that `wipe` overwrites with zeros, so locking the app leaves
    no copy of it in this object. Copies made on the way in are beyond reach: the `bytes` that
    unwrapping a key slot returns, the string a keyring hands back, and the key schedules the
    encryption library keeps for each cipher object; they are dropped and freed, not zeroed."""

    __slots__ = ("_id", "_secret")

    def __init__(self, secret: bytes | bytearray) -> None:
        if len(secret) != KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self._secret = bytearray(secret)
        self._id = hmac.new(self._secret, b"selfaudit key id v1", hashlib.sha256).digest()[
            :KEY_ID_BYTES
        ]

    @classmethod
    def generate(cls) -> DataKey:
        return cls(AESGCM.generate_key(bit_length=256))

    @property
    def secret(self) -> bytearray:
        if self.wiped:
            raise ValueError("this key has been wiped: the checklist is locked")
        return self._secret

    @property
    def key_id(self) -> bytes:
        return self._id

    @property
    def wiped(self) -> bool:
        return not self._secret

    def wipe(self) -> None:
        """Overwrites the secret with zeros and forgets it. The key cannot be used again."""
        # first the key is gone for every reader, then its buffer is overwritten in one go
        secret, self._secret = self._secret, bytearray()
        secret[:] = bytes(len(secret))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DataKey):
            return NotImplemented
        return self._id == other._id and hmac.compare_digest(self._secret, other._secret)

    __hash__ = None  # type: ignore[assignment]  # mutable: never a dict key

    def __repr__(self) -> str:  # never print the secret, even in a traceback
        return f"DataKey(key_id={self._id.hex()})"


# recovery code ---------------------------------------------------------------------------------
# Crockford's base32: no I, L, O or U, so the code survives being read aloud or handwritten.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = {"O": "0", "I": "1", "L": "1"}
_CODE_RANDOM_BYTES = 16  # 128 bits: far beyond guessing, so a fast KDF is enough for it
_CODE_CHECK_BYTES = 4  # catches typing mistakes before they look like "wrong code"
CODE_GROUPS = 8


@dataclass(frozen=True, repr=False)
class RecoveryCode:
    entropy: bytes

    @classmethod
    def generate(cls) -> RecoveryCode:
        return cls(secrets.token_bytes(_CODE_RANDOM_BYTES))

    def __str__(self) -> str:
        raw = self.entropy + _code_check(self.entropy)
        number = int.from_bytes(raw, "big")
        chars = [_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(len(raw) * 8 // 5))]
        text = "".join(chars)
        return "-".join(text[i : i + 4] for i in range(0, len(text), 4))

    def __repr__(self) -> str:
        return "RecoveryCode(…)"

    @classmethod
    def parse(cls, typed: str) -> RecoveryCode:
        """Accepts any case, spaces or dashes, and the letters O, I and L for 0, 1 and 1."""
        cleaned = [_READ_AS.get(c, c) for c in typed.upper() if c not in " -\t\n"]
        size = (_CODE_RANDOM_BYTES + _CODE_CHECK_BYTES) * 8 // 5
        if len(cleaned) != size:
            raise BadRecoveryCodeError(
                f"A recovery code has {size} letters and numbers in {CODE_GROUPS} groups; "
                f"you typed {len(cleaned)}."
            )
        number = 0
        for char in cleaned:
            if char not in _ALPHABET:
                raise BadRecoveryCodeError(f"A recovery code does not contain {char!r}.")
            number = number * 32 + _ALPHABET.index(char)
        raw = number.to_bytes(_CODE_RANDOM_BYTES + _CODE_CHECK_BYTES, "big")
        entropy, check = raw[:_CODE_RANDOM_BYTES], raw[_CODE_RANDOM_BYTES:]
        if not hmac.compare_digest(check, _code_check(entropy)):
            raise BadRecoveryCodeError(
                "That recovery code has a typing mistake. Check each group against your copy."
            )
        return cls(entropy)


def _code_check(entropy: bytes) -> bytes:
    return hashlib.sha256(b"selfaudit recovery code" + entropy).digest()[:_CODE_CHECK_BYTES]


# key slots ------------------------------------------------------------------------------------
class SlotKind(IntEnum):
    RECOVERY_CODE = 1  # KEK = HKDF-SHA256(code): the code is random, 128 bits
    PASSPHRASE = 2  # KEK = Argon2id(passphrase): people choose guessable things


@dataclass(frozen=True)
class Argon2Params:
    iterations: int = 3
    memory_kib: int = 64 * 1024  # RFC 9106's second recommended setting, about 0.2 s here
    lanes: int = 4

    def check(self) -> None:
        """Bounds on what a header may ask for, so a damaged file cannot make us allocate GiBs."""
        if not (1 <= self.iterations <= 20 and 1 <= self.lanes <= 16):
            raise DamagedFileError("the passphrase settings in the header are out of range")
        if not (8 * self.lanes <= self.memory_kib <= 1024 * 1024):
            raise DamagedFileError("the passphrase settings in the header are out of range")


# Tests lower this (a fixture in tests/conftest.py); the value used is stored in each slot.
PASSPHRASE_KDF = Argon2Params()
_SLOT_HEAD = struct.Struct(">BIIB16s12s")  # kind, iterations, memory, lanes, salt, nonce
WRAPPED_BYTES = KEY_BYTES + 16


@dataclass(frozen=True)
class KeySlot:
    """The data key, encrypted with a key derived from the recovery code or the passphrase."""

    kind: SlotKind
    salt: bytes
    nonce: bytes
    wrapped: bytes
    kdf: Argon2Params | None = None  # passphrase slots only

    SIZE = _SLOT_HEAD.size + WRAPPED_BYTES

    def to_bytes(self) -> bytes:
        kdf = self.kdf or Argon2Params(0, 0, 0)
        head = _SLOT_HEAD.pack(
            self.kind, kdf.iterations, kdf.memory_kib, kdf.lanes, self.salt, self.nonce
        )
        return head + self.wrapped

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeySlot:
        if len(raw) != cls.SIZE:
            raise DamagedFileError("a key slot in the header has the wrong size")
        kind, iterations, memory, lanes, salt, nonce = _SLOT_HEAD.unpack_from(raw)
        try:
            slot_kind = SlotKind(kind)
        except ValueError:
            raise DamagedFileError("the header names an unknown kind of key slot") from None
        kdf = None
        if slot_kind is SlotKind.PASSPHRASE:
            kdf = Argon2Params(iterations, memory, lanes)
            kdf.check()
        elif (iterations, memory, lanes) != (0, 0, 0):
            raise DamagedFileError("a recovery-code key slot carries passphrase settings")
        return cls(slot_kind, salt, nonce, raw[_SLOT_HEAD.size :], kdf)

    def unwrap(self, kek: bytes) -> DataKey:
        try:
            secret = AESGCM(kek).decrypt(self.nonce, self.wrapped, _slot_aad(self.kind))
        except InvalidTag:
            raise WrongSecretError(_wrong_secret_message(self.kind)) from None
        return DataKey(secret)


def _slot_aad(kind: SlotKind) -> bytes:
    return b"selfaudit key slot v1" + bytes([kind])


def _wrong_secret_message(kind: SlotKind) -> str:
    if kind is SlotKind.PASSPHRASE:
        return "That passphrase does not open your checklist. Check Caps Lock and try again."
    return "That recovery code does not open this checklist. It may belong to another one."


def _wrap(
    key: DataKey, kind: SlotKind, kek: bytes, salt: bytes, kdf: Argon2Params | None
) -> KeySlot:
    nonce = os.urandom(12)
    wrapped = AESGCM(kek).encrypt(nonce, key.secret, _slot_aad(kind))
    return KeySlot(kind, salt, nonce, wrapped, kdf)


def recovery_kek(code: RecoveryCode, salt: bytes) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"selfaudit recovery v1"
    )
    return hkdf.derive(code.entropy)


def passphrase_kek(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    """Slow on purpose (a fifth of a second): call it off the UI thread."""
    params.check()
    normalised = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalised)


def recovery_slot(key: DataKey, code: RecoveryCode) -> KeySlot:
    salt = os.urandom(16)
    return _wrap(key, SlotKind.RECOVERY_CODE, recovery_kek(code, salt), salt, None)


def passphrase_slot(key: DataKey, passphrase: str) -> KeySlot:
    salt, params = os.urandom(16), PASSPHRASE_KDF
    return _wrap(key, SlotKind.PASSPHRASE, passphrase_kek(passphrase, salt, params), salt, params)


def unlock_with_code(slots: list[KeySlot], code: RecoveryCode) -> DataKey:
    for slot in slots:
        if slot.kind is SlotKind.RECOVERY_CODE:
            return slot.unwrap(recovery_kek(code, slot.salt))
    raise WrongSecretError("This checklist has no recovery code.")


def unlock_with_passphrase(slots: list[KeySlot], passphrase: str) -> DataKey:
    for slot in slots:
        if slot.kind is SlotKind.PASSPHRASE and slot.kdf is not None:
            return slot.unwrap(passphrase_kek(passphrase, slot.salt, slot.kdf))
    raise WrongSecretError("This checklist is not locked with a passphrase.")
