"""The Secret Service (GNOME Keyring, KDE's ksecretd, KeePassXC) spoken to directly through
SecretStorage, the library keyring's own Secret Service backend uses, with the same items: found
by the same attributes in the default collection, written with the same attributes and label.
A key kept by one is found by the other.

Why not through keyring: importing it loads its backend machinery and, through jaraco.context,
the HTTP, TLS and e-mail modules (about 13 MB and 30 ms) that a start-up never uses. keyring is
still what decides when anything but the Secret Service could be its choice
(vault/keystore.py: `choose_keyring`).

Every call may wait on an unlock prompt: call it off the UI thread, like any keyring call.
"""

from __future__ import annotations

import os
from contextlib import closing
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection
    from secretstorage import Collection, Item

# keyring's SecretService backend: its `appid`, and the label it gives an item
APPLICATION = "Python keyring library"
MIN_SECRETSTORAGE = (3, 2)


class SecretServiceLockedError(Exception):
    """The person dismissed the prompt to unlock their keyring."""


class SecretNotFoundError(Exception):
    """No item to delete."""


def available() -> bool:
    """Whether a Secret Service answers (or can be started) on this session's D-Bus: keyring's
    own test of its Secret Service backend. Never raises."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address or address.startswith("disabled:"):
        return False  # no session bus: nothing to ask (and nothing to load to ask it)
    try:
        import secretstorage
    except ImportError:
        return False
    if secretstorage.__version_tuple__ < MIN_SECRETSTORAGE:
        return False
    try:
        with closing(secretstorage.dbus_init()) as connection:
            return bool(secretstorage.check_service_availability(connection))
    except (secretstorage.SecretStorageException, OSError, ValueError):
        return False


class SecretServiceKeyring:
    """get, set and delete a password, as keyring's SecretService backend does."""

    def get_password(self, service: str, username: str) -> str | None:
        import secretstorage

        with closing(secretstorage.dbus_init()) as connection:
            collection = self._collection(connection)
            for item in collection.search_items(_query(service, username)):
                self._unlock(item)
                return item.get_secret().decode("utf-8")
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        import secretstorage

        with closing(secretstorage.dbus_init()) as connection:
            collection = self._collection(connection)
            attributes = {**_query(service, username), "application": APPLICATION}
            label = f"Password for '{username}' on '{service}'"
            collection.create_item(label, attributes, password.encode("utf-8"), replace=True)

    def delete_password(self, service: str, username: str) -> None:
        """Deletes the first matching item, as keyring does."""
        import secretstorage

        with closing(secretstorage.dbus_init()) as connection:
            collection = self._collection(connection)
            for item in collection.search_items(_query(service, username)):
                item.delete()
                return
        raise SecretNotFoundError(username)

    @staticmethod
    def _collection(connection: DBusConnection) -> Collection:
        import secretstorage

        collection = secretstorage.get_default_collection(connection)
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():
                raise SecretServiceLockedError("the keyring stayed locked")
        return collection

    @staticmethod
    def _unlock(item: Item) -> None:
        if item.is_locked():
            item.unlock()
            if item.is_locked():
                raise SecretServiceLockedError("the key stayed locked")


def _query(service: str, username: str) -> dict[str, str]:
    """keyring's default scheme."""
    return {"username": username, "service": service}
