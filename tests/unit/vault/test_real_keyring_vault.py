"""The vault's key store against the real thing: GNOME Keyring's Secret Service in a private
D-Bus session (scripts/dev.py starts it), which is what Linux desktop users have."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import keyring.core
import pytest
from keyring.backends import SecretService

from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import KeyringKeyStore, call_with_timeout, choose_keyring
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.secret_service import SecretServiceKeyring
from selfaudit.vault.vault import Vault, inspect, open_vault
from tests.unit.vault.conftest import marker_of, state_with

pytestmark = pytest.mark.real_keyring


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> KeyringKeyStore:
    # as in the app: no program has set a backend (another test may have asked keyring's own)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    choice = choose_keyring()
    assert choice.usable, choice.refusal
    # keyring's choice here is the Secret Service, so it is spoken to directly
    assert isinstance(choice.backend, SecretServiceKeyring)
    return KeyringKeyStore(choice.backend, service=f"selfaudit-test-{secrets.token_hex(4)}")


def test_a_key_kept_directly_is_found_by_keyrings_own_backend_and_back(
    store: KeyringKeyStore,
) -> None:
    """The same items as keyring's Secret Service backend: a key kept by an earlier version
    (through keyring) opens the checklist, and keyring (PYTHON_KEYRING_BACKEND, say) finds ours."""
    theirs = SecretService.Keyring()
    ours = DataKey.generate()
    store.store(ours)
    try:
        value = theirs.get_password(store.service, store.username(ours.key_id))
        assert value is not None and value.startswith("v1:")
    finally:
        store.delete(ours.key_id)
    assert theirs.get_password(store.service, store.username(ours.key_id)) is None
    kept_before = DataKey.generate()
    KeyringKeyStore(theirs, service=store.service).store(kept_before)
    try:
        assert store.load(kept_before.key_id) == kept_before
    finally:
        store.delete(kept_before.key_id)
    assert store.load(kept_before.key_id) is None


def test_opening_with_the_secret_service_leaves_keyring_and_its_web_modules_out(
    store: KeyringKeyStore, tmp_path: Path
) -> None:
    key = DataKey.generate()
    store.store(key)
    code = (
        "import sys\n"
        "from selfaudit.vault.keystore import KeyringKeyStore, choose_keyring\n"
        "choice = choose_keyring()\n"
        f"found = KeyringKeyStore(choice.backend, service={store.service!r}).load("
        f"bytes.fromhex({key.key_id.hex()!r}))\n"
        "loaded = [m for m in ('keyring', 'jaraco.context', 'http.client', 'ssl') "
        "if m in sys.modules]\n"
        "print(type(choice.backend).__name__, found is not None, loaded)\n"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
        )
    finally:
        store.delete(key.key_id)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["SecretServiceKeyring", "True", "[]"]


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
