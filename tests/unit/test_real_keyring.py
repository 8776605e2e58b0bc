"""The real keyring that Linux users have: GNOME Keyring's Secret Service in a private D-Bus
session (started by scripts/dev.py). Proves the environment the vault's key store relies on."""

from __future__ import annotations

import secrets

import keyring
import pytest
from keyring.backends import SecretService

pytestmark = pytest.mark.real_keyring


def test_secret_service_is_the_selected_backend_and_round_trips() -> None:
    backend = keyring.get_keyring()
    names = [type(b).__module__ for b in getattr(backend, "backends", [backend])]
    assert any(
        isinstance(b, SecretService.Keyring) for b in getattr(backend, "backends", [backend])
    ), names
    value = secrets.token_urlsafe(32)
    keyring.set_password("selfaudit-test", "probe", value)
    try:
        assert keyring.get_password("selfaudit-test", "probe") == value
    finally:
        keyring.delete_password("selfaudit-test", "probe")
    assert keyring.get_password("selfaudit-test", "probe") is None
