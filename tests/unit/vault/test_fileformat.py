"""The file format: round trip, and a clean refusal for every kind of damage (never a traceback,
never data). Hypothesis plays the bit-flipper, the truncator and the garbage generator."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.vault.errors import (
    DamagedFileError,
    KeyMismatchError,
    NotAVaultFileError,
    TooNewError,
    VaultFormatError,
)
from selfaudit.vault.fileformat import (
    FIXED_SIZE,
    MAGIC,
    VERSION_FIELD,
    decrypt,
    encrypt,
    read_header,
)
from selfaudit.vault.keys import DataKey, KeySlot, RecoveryCode, passphrase_slot, recovery_slot

KEY = DataKey(bytes(range(32)))
SLOTS = [recovery_slot(KEY, RecoveryCode.generate()), passphrase_slot(KEY, "a passphrase")]
PLAINTEXT = b'{"answers": "a small document"}'
FILE = encrypt(KEY, 7, SLOTS, PLAINTEXT)
HEADER_SIZE = read_header(FILE)[1]


@settings(max_examples=50)
@given(st.binary(max_size=4096), st.integers(0, 2**63 - 1))
def test_round_trip(plaintext: bytes, generation: int) -> None:
    header, back = decrypt(encrypt(KEY, generation, SLOTS, plaintext), KEY)
    assert back == plaintext
    assert header.generation == generation and header.key_id == KEY.key_id
    assert header.has_passphrase and len(header.slots) == 2


def test_each_save_uses_a_fresh_nonce() -> None:
    first, second = encrypt(KEY, 1, SLOTS, PLAINTEXT), encrypt(KEY, 1, SLOTS, PLAINTEXT)
    assert read_header(first)[0].nonce != read_header(second)[0].nonce
    assert first != second


def test_the_plaintext_is_not_in_the_file() -> None:
    assert b"small document" not in FILE


def refuses(data: bytes) -> VaultFormatError:
    with pytest.raises(VaultFormatError) as info:
        decrypt(data, KEY)
    return info.value


def test_every_truncation_is_refused() -> None:
    for length in range(len(FILE)):
        refuses(FILE[:length])


def test_truncation_inside_the_header_is_reported_as_damage_or_foreign() -> None:
    for length in range(HEADER_SIZE + 1):
        error = refuses(FILE[:length])
        assert isinstance(error, DamagedFileError | NotAVaultFileError), (length, error)


@settings(max_examples=300)
@given(st.data())
def test_bit_flips_anywhere_are_refused(data: st.DataObject) -> None:
    positions = data.draw(st.sets(st.integers(0, len(FILE) * 8 - 1), min_size=1, max_size=8))
    damaged = bytearray(FILE)
    for bit in positions:  # a set: two flips of one bit would cancel out
        damaged[bit // 8] ^= 1 << (bit % 8)
    refuses(bytes(damaged))


@settings(max_examples=200)
@given(st.binary(max_size=4096))
def test_garbage_is_refused(garbage: bytes) -> None:
    refuses(garbage)


@settings(max_examples=100)
@given(st.binary(min_size=1, max_size=64))
def test_appended_bytes_are_refused(extra: bytes) -> None:
    refuses(FILE + extra)


@settings(max_examples=300)
@given(st.integers(0, HEADER_SIZE - 1), st.integers(1, 255))
def test_any_edit_to_the_header_is_refused(position: int, delta: int) -> None:
    edited = bytearray(FILE)
    edited[position] = (edited[position] + delta) % 256
    error = refuses(bytes(edited))
    if position in range(VERSION_FIELD.start, VERSION_FIELD.stop) and isinstance(
        error, TooNewError
    ):
        return  # a higher version number: refused as "newer", the file left alone
    assert isinstance(error, DamagedFileError | NotAVaultFileError | KeyMismatchError), error


def test_a_newer_format_is_refused_as_too_new() -> None:
    newer = bytearray(FILE)
    newer[VERSION_FIELD] = (2).to_bytes(2, "big")
    with pytest.raises(TooNewError) as info:
        read_header(bytes(newer))
    assert info.value.found == 2 and "newer version" in str(info.value)


def test_another_key_is_a_mismatch_not_damage() -> None:
    with pytest.raises(KeyMismatchError):
        decrypt(FILE, DataKey.generate())


def test_foreign_files_are_named_as_such() -> None:
    assert isinstance(refuses(b"PK\x03\x04 a zip file" + bytes(100)), NotAVaultFileError)
    assert isinstance(refuses(b""), NotAVaultFileError)
    assert isinstance(refuses(MAGIC[:5]), DamagedFileError)


def test_a_file_without_a_recovery_slot_is_refused() -> None:
    only_passphrase = encrypt(KEY, 1, SLOTS[1:], PLAINTEXT)
    with pytest.raises(DamagedFileError, match="recovery"):
        read_header(only_passphrase)


def test_header_size_is_bounded() -> None:
    assert FIXED_SIZE == 51
    assert HEADER_SIZE == FIXED_SIZE + 2 * KeySlot.SIZE
