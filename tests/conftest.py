"""Test harness shared by unit and GUI tests.

- Qt runs offscreen unless told otherwise.
- Every test gets its own data and config folders under tmp_path: nothing touches the real home.
- A network guard: the app must never open a connection other than local (AF_UNIX) ones.
- A test keyring (in memory) replaces the real one, except for tests marked real_keyring; and the
  passphrase key derivation is made cheap (its cost is stored in each file, so this is safe).
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring.core
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from selfaudit.paths import AppPaths
from selfaudit.vault import keys, keystore
from tests.keyring_double import InMemoryKeyring


def _refuse_network(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.connect":
        sock = args[0]
        if getattr(sock, "family", None) != socket.AF_UNIX:
            raise RuntimeError(f"selfaudit tests must not open network connections: {args[1]!r}")


# An audit hook cannot be removed: installed once for the whole run, it watches every test.
sys.addaudithook(_refuse_network)


@pytest.fixture(autouse=True)
def app_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppPaths]:
    """Points every per-user and system folder at tmp_path, for platformdirs and for AppPaths."""
    home = tmp_path / "home"
    paths = AppPaths(
        data_dir=home / "data" / "selfaudit",
        config_dir=home / "config" / "selfaudit",
        site_config_dirs=(tmp_path / "etc" / "selfaudit",),
        cache_dir=home / "cache" / "selfaudit",
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setattr(AppPaths, "for_user", classmethod(lambda cls: paths))
    yield paths


@pytest.fixture(autouse=True)
def test_keyring(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> InMemoryKeyring | None:
    """Every test gets an empty in-memory keyring that selfaudit trusts; the real_keyring group
    gets the real one (a private GNOME Keyring, see scripts/dev.py)."""
    if request.node.get_closest_marker("real_keyring"):
        return None
    backend = InMemoryKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    monkeypatch.setattr(
        keystore, "TRUSTED_BACKENDS", keystore.TRUSTED_BACKENDS | {keystore.class_name(backend)}
    )
    return backend


@pytest.fixture(autouse=True)
def cheap_passphrase_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "PASSPHRASE_KDF", keys.Argon2Params(1, 8, 1))
