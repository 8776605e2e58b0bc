"""An in-memory keyring backend for tests, so no test touches the person's real keyring."""

from __future__ import annotations

import os
import sys

import keyring.backend
import keyring.errors
from keyring.compat import properties


class InMemoryKeyring(keyring.backend.KeyringBackend):
    """Holds passwords in a dict. Refuses to exist outside a test run, like dangerzone's dummy
    isolation provider: it must never end up protecting real data."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 (a class property)
        # keyring registers every backend subclass for discovery; a test double must never be
        # discovered (the real-keyring group would get it in its chain). The fixture installs
        # it directly instead.
        raise RuntimeError("a test double, installed by the test fixture, never discovered")

    def __init__(self) -> None:
        # child processes started by tests set the variable; nothing else should
        if "pytest" not in sys.modules and os.environ.get("SELFAUDIT_TEST_KEYRING") != "1":
            raise RuntimeError("InMemoryKeyring is for tests only")
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)
