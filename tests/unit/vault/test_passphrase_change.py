"""A changed passphrase: the main file's slots decide, so the old passphrase stops opening the
checklist even though older backups still carry it; those backups stay reachable when the
main file's header is damaged, and the recovery code opens every copy."""

from __future__ import annotations

import pytest

from selfaudit.vault.errors import WrongSecretError
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault, inspect, open_vault
from tests.unit.vault.conftest import state_with

OLD, NEW = "moss ladder quiet", "copper finch yonder tide"


@pytest.fixture
def changed(layout: VaultLayout, key: DataKey, code: RecoveryCode) -> Vault:
    vault = Vault.create(layout, key, code, passphrase=OLD, state=state_with("one"))
    vault.save(state_with("two"))  # a backup locked with the old passphrase
    vault.use_passphrase(NEW)
    vault.save(state_with("three"))
    return vault


def test_only_the_new_passphrase_opens_the_checklist(
    changed: Vault, layout: VaultLayout, key: DataKey, code: RecoveryCode
) -> None:
    found = inspect(layout)
    assert len(found.headers) > 1  # the backups are there, with the old passphrase in them
    assert found.key_from_passphrase(NEW) == key
    with pytest.raises(WrongSecretError):
        found.key_from_passphrase(OLD)
    assert found.key_from_code(code) == key


def test_with_the_main_header_damaged_the_backups_still_open(
    changed: Vault, layout: VaultLayout, key: DataKey
) -> None:
    data = bytearray(layout.main.read_bytes())
    data[:8] = b"garbage!"  # the header can no longer be read
    layout.main.write_bytes(bytes(data))
    found = inspect(layout)
    assert not found.main_readable
    assert found.key_from_passphrase(OLD) == key  # the backups were locked with it
    assert open_vault(layout, key).recovered is not None
