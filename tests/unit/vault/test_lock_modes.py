"""The two ways a checklist opens (the keyring, or a passphrase each time), switching between
them by re-wrapping the key, the key dropped from memory, and the wrong-passphrase backoff."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from selfaudit.vault.errors import SaveFailedError, WrongSecretError
from selfaudit.vault.fileformat import read_header
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock_rules import LockRules, describe_minutes
from selfaudit.vault.unlock_throttle import (
    FREE_TRIES,
    LONGEST_WAIT,
    UnlockThrottle,
    wait_after,
)
from selfaudit.vault.vault import Vault, inspect, open_vault
from tests.unit.vault.conftest import marker_of, state_with

PASSPHRASE = "lantern otter basalt quietly"


def test_to_a_passphrase_and_back_keeps_the_data_the_key_and_the_code(
    layout: VaultLayout, key: DataKey, code: RecoveryCode
) -> None:
    vault = Vault.create(layout, key, code, state=state_with("kept"))
    attachment = vault.blobs.put(b"a screenshot")
    before = inspect(layout)
    assert not before.has_passphrase

    vault.save(open_vault(layout, key).state, slots=vault.passphrase_slots(PASSPHRASE))
    found = inspect(layout)
    assert found.has_passphrase and found.header.key_id == key.key_id
    assert found.key_from_passphrase(PASSPHRASE) == key
    assert found.key_from_code(code) == key  # the recovery code still opens it
    assert marker_of(open_vault(layout, key).state) == "kept"
    assert vault.blobs.get(attachment) == b"a screenshot"  # attachments untouched

    vault.save(open_vault(layout, key).state, slots=vault.keyring_slots())
    found = inspect(layout)
    assert not found.has_passphrase
    assert found.key_from_code(code) == key
    with pytest.raises(WrongSecretError):
        found.key_from_passphrase(PASSPHRASE)
    assert marker_of(open_vault(layout, key).state) == "kept"


def test_a_failed_switch_leaves_the_file_and_the_slots_as_they_were(
    layout: VaultLayout, key: DataKey, code: RecoveryCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = Vault.create(layout, key, code, state=state_with("kept"))
    slots_before, file_before = list(vault.slots), layout.main.read_bytes()
    new_slots = vault.passphrase_slots(PASSPHRASE)

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    monkeypatch.setattr(Path, "replace", full_disk)
    with pytest.raises(SaveFailedError):
        vault.save(state_with("kept"), slots=new_slots)
    monkeypatch.undo()
    assert vault.slots == slots_before
    assert layout.main.read_bytes() == file_before
    assert not read_header(layout.main.read_bytes())[0].has_passphrase


def test_a_wiped_key_is_zeroed_and_can_no_longer_save(
    layout: VaultLayout, code: RecoveryCode
) -> None:
    key = DataKey.generate()
    vault = Vault.create(layout, key, code, state=state_with("kept"))
    held = key._secret  # the buffer itself, as a memory dump would see it
    vault.forget_key()
    assert key.wiped and held == bytearray(32)  # overwritten where it was
    with pytest.raises(ValueError, match="locked"):
        vault.save(state_with("changed"))
    again = inspect(layout).key_from_code(code)  # the checklist opens anew with the code
    assert marker_of(open_vault(layout, again).state) == "kept"


def test_a_wiped_key_no_longer_equals_or_opens_anything() -> None:
    key = DataKey(bytes(range(32)))
    same = DataKey(bytes(range(32)))
    assert key == same
    key.wipe()
    assert key != same and key.key_id == same.key_id  # its name stays, for messages
    with pytest.raises(ValueError, match="wiped"):
        _ = key.secret


# the wrong-passphrase backoff ----------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_the_wait_doubles_after_the_free_tries_and_never_locks_out_for_good() -> None:
    waits = [wait_after(n) for n in range(1, 16)]
    assert waits[: FREE_TRIES - 1] == [0.0] * (FREE_TRIES - 1)
    growing = waits[FREE_TRIES - 1 :]
    assert growing[:4] == [2.0, 4.0, 8.0, 16.0]
    assert growing == sorted(growing)
    assert max(waits) == LONGEST_WAIT and wait_after(10_000) == LONGEST_WAIT


def test_the_backoff_grows_and_survives_a_restart(layout: VaultLayout) -> None:
    layout.ensure()
    clock = Clock()
    throttle = UnlockThrottle(layout.unlock_attempts, clock)
    waits = [throttle.record_failure() for _ in range(FREE_TRIES + 2)]
    assert waits[-3:] == [2.0, 4.0, 8.0]
    assert throttle.wait_left() == 8.0

    restarted = UnlockThrottle(layout.unlock_attempts, clock)  # the app quit and started again
    assert restarted.wait_left() == 8.0
    clock.now += 5
    assert restarted.wait_left() == 3.0
    clock.now += 3
    assert restarted.wait_left() == 0.0
    assert restarted.record_failure() == 16.0  # the count carried on where it was

    restarted.record_success()
    assert not layout.unlock_attempts.exists()
    assert UnlockThrottle(layout.unlock_attempts, clock).wait_left() == 0.0


def test_the_backoff_file_is_private_and_holds_nothing_secret(layout: VaultLayout) -> None:
    layout.ensure()
    throttle = UnlockThrottle(layout.unlock_attempts, Clock())
    throttle.record_failure()
    recorded = json.loads(layout.unlock_attempts.read_text())
    assert set(recorded) == {"failures", "last_failure"}
    if os.name == "posix":
        assert stat.S_IMODE(layout.unlock_attempts.stat().st_mode) == 0o600


def test_a_clock_set_back_never_makes_the_wait_longer(layout: VaultLayout) -> None:
    layout.ensure()
    clock = Clock()
    throttle = UnlockThrottle(layout.unlock_attempts, clock)
    for _ in range(FREE_TRIES + 1):
        throttle.record_failure()
    clock.now -= 86_400  # the computer's clock moved back a day
    assert throttle.wait_left() == 4.0


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b'{"failures": "many"}', b'{"failures": -3, "last_failure": 1}', b"[1]"],
)
def test_a_damaged_backoff_file_counts_as_none(layout: VaultLayout, content: bytes) -> None:
    layout.ensure()
    layout.unlock_attempts.write_bytes(content)
    throttle = UnlockThrottle(layout.unlock_attempts, Clock())
    assert throttle.wait_left() == 0.0
    assert throttle.record_failure() == 0.0  # and it starts counting afresh


@pytest.mark.skipif(os.name != "posix", reason="links and pipes as POSIX makes them")
def test_a_link_or_a_pipe_in_its_place_is_never_followed_or_waited_on(
    layout: VaultLayout, tmp_path: Path
) -> None:
    layout.ensure()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"failures": 50, "last_failure": 1800000000}')
    layout.unlock_attempts.symlink_to(elsewhere)
    assert UnlockThrottle(layout.unlock_attempts, Clock()).wait_left() == 0.0
    layout.unlock_attempts.unlink()
    os.mkfifo(layout.unlock_attempts)
    assert UnlockThrottle(layout.unlock_attempts, Clock()).wait_left() == 0.0


def test_deleting_everything_removes_the_backoff_file_too(
    layout: VaultLayout, key: DataKey, code: RecoveryCode
) -> None:
    from selfaudit.vault.vault import delete_all_data

    Vault.create(layout, key, code)
    UnlockThrottle(layout.unlock_attempts).record_failure()
    delete_all_data(layout)
    assert not layout.unlock_attempts.exists()


# what the policy allows ----------------------------------------------------------------------
def test_without_a_policy_limit_every_idle_time_and_never_are_offered() -> None:
    rules = LockRules()
    assert rules.idle_choices() == (1, 2, 5, 10, 15, 30, 60, None)
    assert rules.idle_minutes(None) is None and rules.idle_minutes(30) == 30
    assert rules.idle_limit_line() == ""


def test_the_policys_longest_idle_time_caps_the_choice_and_removes_never() -> None:
    rules = LockRules(require_passphrase=True, longest_idle_minutes=12)
    assert rules.idle_choices() == (1, 2, 5, 10, 12)
    assert rules.idle_minutes(None) == 12  # "never" chosen before the policy came
    assert rules.idle_minutes(60) == 12 and rules.idle_minutes(5) == 5
    assert "12 minutes" in rules.idle_limit_line()


def test_minutes_read_as_people_say_them() -> None:
    assert [describe_minutes(m) for m in (1, 10, 60, 120, None)] == [
        "1 minute",
        "10 minutes",
        "1 hour",
        "2 hours",
        "never",
    ]
