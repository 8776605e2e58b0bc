"""The vault's key store against the real thing: GNOME Keyring's Secret Service in a private
D-Bus session (scripts/dev.py starts it), which is what Linux desktop users have."""

from __future__ import annotations

import secrets

import pytest
from keyring.backends import SecretService

from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore, call_with_timeout, choose_keyring
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault, inspect, open_vault
from tests.unit.vault.conftest import marker_of, state_with

pytestmark = pytest.mark.real_keyring


@pytest.fixture
def store() -> KeyringKeyStore:
    choice = choose_keyring()
    assert choice.usable, choice.refusal
    assert isinstance(choice.backend, SecretService.Keyring)
    return KeyringKeyStore(choice.backend, service=f"selfaudit-test-{secrets.token_hex(4)}")


def test_secret_service_is_trusted_and_round_trips_the_key(store: KeyringKeyStore) -> None:
    assert "Secret Service" in store.name
    key = DataKey.generate()
    call_with_timeout(lambda: store.store(key), timeout=30)
    try:
        assert call_with_timeout(lambda: store.load(key.key_id), timeout=30) == key
    finally:
        store.delete(key.key_id)
    assert store.load(key.key_id) is None


def test_lost_entry_in_the_real_keyring_recovered_with_the_code(
    store: KeyringKeyStore, layout: VaultLayout
) -> None:
    key, code = DataKey.generate(), RecoveryCode.generate()
    store.store(key)
    vault = Vault.create(layout, key, code, state=state_with("real keyring"))
    vault.save(state_with("real keyring, saved twice"))
    store.delete(key.key_id)  # the keyring was reset
    found = inspect(layout)
    assert store.find(found.key_ids) is None
    recovered = found.key_from_code(code)
    store.store(recovered)
    try:
        again = store.find(inspect(layout).key_ids)
        assert again == key
        assert marker_of(open_vault(layout, again).state) == "real keyring, saved twice"
    finally:
        store.delete(key.key_id)
