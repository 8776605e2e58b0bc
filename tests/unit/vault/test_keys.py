"""The data key, the recovery code and the key slots."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.vault.errors import BadRecoveryCodeError, DamagedFileError, WrongSecretError
from selfaudit.vault.keys import (
    DataKey,
    KeySlot,
    RecoveryCode,
    SlotKind,
    passphrase_slot,
    recovery_slot,
    unlock_with_code,
    unlock_with_passphrase,
)


def test_recovery_code_is_eight_groups_of_four_unambiguous_characters() -> None:
    code = str(RecoveryCode.generate())
    groups = code.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert not set(code) & set("ILOU")


def test_two_recovery_codes_differ() -> None:
    assert str(RecoveryCode.generate()) != str(RecoveryCode.generate())


def test_recovery_code_is_forgiving_about_how_it_is_typed() -> None:
    code = RecoveryCode.generate()
    typed = str(code).lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert RecoveryCode.parse(f"  {typed}\n").entropy == code.entropy


@settings(max_examples=150)
@given(st.data())
def test_any_single_typing_mistake_is_caught_by_the_check_characters(data: st.DataObject) -> None:
    code = str(RecoveryCode.generate()).replace("-", "")
    position = data.draw(st.integers(0, len(code) - 1))
    wrong = data.draw(
        st.sampled_from([c for c in "0123456789ABCDEFGHJKMNPQRSTVWXYZ" if c != code[position]])
    )
    with pytest.raises(BadRecoveryCodeError):
        RecoveryCode.parse(code[:position] + wrong + code[position + 1 :])


@pytest.mark.parametrize("typed", ["", "ABCD-EFGH", "U" * 32, "!" * 32])
def test_malformed_recovery_codes_are_refused_with_the_reason(typed: str) -> None:
    with pytest.raises(BadRecoveryCodeError) as info:
        RecoveryCode.parse(typed)
    assert str(info.value)


def test_key_id_is_a_fingerprint_and_repr_hides_the_secret() -> None:
    key = DataKey.generate()
    assert len(key.key_id) == 16 and key.key_id == DataKey(key.secret).key_id
    assert key.key_id != DataKey.generate().key_id
    assert key.secret.hex() not in repr(key) and key.key_id.hex() in repr(key)
    assert "entropy" not in repr(RecoveryCode.generate())


def test_slots_survive_serialisation_and_unlock_with_the_right_secret_only() -> None:
    key, code = DataKey.generate(), RecoveryCode.generate()
    slots = [
        KeySlot.from_bytes(recovery_slot(key, code).to_bytes()),
        KeySlot.from_bytes(passphrase_slot(key, "correct horse battery staple").to_bytes()),
    ]
    assert unlock_with_code(slots, code) == key
    assert unlock_with_passphrase(slots, "correct horse battery staple") == key
    with pytest.raises(WrongSecretError, match="recovery code does not open"):
        unlock_with_code(slots, RecoveryCode.generate())
    with pytest.raises(WrongSecretError, match="Caps Lock"):
        unlock_with_passphrase(slots, "Correct horse battery staple")


def test_passphrase_is_unicode_normalised() -> None:
    key = DataKey.generate()
    slot = passphrase_slot(key, "caf\u00e9 au lait, s'il vous pla\u00eet")
    assert unlock_with_passphrase([slot], "cafe\u0301 au lait, s'il vous pla\u00eet") == key


def test_a_slot_asking_for_absurd_passphrase_costs_is_refused() -> None:
    key = DataKey.generate()
    raw = bytearray(passphrase_slot(key, "a long passphrase").to_bytes())
    raw[5:9] = (1 << 31).to_bytes(4, "big")  # memory in KiB: 2 TiB
    with pytest.raises(DamagedFileError):
        KeySlot.from_bytes(bytes(raw))


def test_no_passphrase_slot_means_no_passphrase() -> None:
    key = DataKey.generate()
    with pytest.raises(WrongSecretError, match="not locked with a passphrase"):
        unlock_with_passphrase([recovery_slot(key, RecoveryCode.generate())], "anything at all")
    assert SlotKind.PASSPHRASE.value == 2
