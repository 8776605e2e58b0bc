"""Keeping the data key in the OS keyring, and only in a keyring that really protects it.

`keyring` picks a backend by priority, and some candidates do not protect anything: `fail` raises
on every call, `null` silently drops what it is given, keyrings.alt's PlaintextKeyring writes the
secret base64-encoded into a file, and the environment or a config file can select any of them.
So selfaudit vets the choice against an allow-list of real stores (Secret Service, KDE Wallet,
macOS Keychain, Windows Credential Manager) and reads every key back after writing it.

Keyring calls can block on an unlock prompt: call them off the UI thread (`call_with_timeout`,
or the UI's worker), never on it.

On Linux, when keyring's choice would be the Secret Service, selfaudit talks to it directly
(vault/secret_service.py) without importing keyring at all; keyring decides everything else.
"""

from __future__ import annotations

import base64
import binascii
import importlib.util
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from selfaudit.vault.errors import KeyStoreError
from selfaudit.vault.secret_service import (
    SecretNotFoundError,
    SecretServiceKeyring,
    SecretServiceLockedError,
)

if TYPE_CHECKING:
    from selfaudit.vault.keys import DataKey

# A build's smoke test names a throw-away entry here (packaging/build.py), so that running the
# bundle on the build machine leaves no key among the builder's own.
SERVICE = os.environ.get("SELFAUDIT_KEYRING_SERVICE") or "selfaudit"
KEYRING_TIMEOUT = 60.0  # seconds: long enough for a person to type their login password

# Exact classes (module.qualname). A subclass or a look-alike from another package is not trusted.
TRUSTED_BACKENDS: frozenset[str] = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
        "selfaudit.vault.secret_service.SecretServiceKeyring",
    }
)

_NAMES = {
    "SecretService": "your desktop's keyring (Secret Service, such as GNOME Keyring)",
    "secret_service": "your desktop's keyring (Secret Service, such as GNOME Keyring)",
    "libsecret": "your desktop's keyring (Secret Service, such as GNOME Keyring)",
    "kwallet": "KDE Wallet",
    "macOS": "the macOS Keychain",
    "Windows": "Windows Credential Manager",
}


def class_name(obj: object) -> str:
    return f"{type(obj).__module__}.{type(obj).__qualname__}"


def describe_backend(backend: object) -> str:
    module = type(backend).__module__.rsplit(".", 1)[-1]
    return _NAMES.get(module, getattr(backend, "name", None) or class_name(backend))


@dataclass(frozen=True)
class KeyringChoice:
    """The keyring to use, or why there is none selfaudit trusts."""

    backend: Any | None
    refusal: str = ""

    @property
    def usable(self) -> bool:
        return self.backend is not None


# The trusted backends each OS can have, most wanted first (keyring's own priorities).
_OWN_BACKENDS: dict[str, tuple[str, ...]] = {
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
    "darwin": ("keyring.backends.macOS.Keyring",),
}
_FREEDESKTOP_BACKENDS = (
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.libsecret.Keyring",
    "keyring.backends.kwallet.DBusKeyringKWallet4",
)


NO_KEYRING = "This computer has no keyring (a safe place for secrets) that selfaudit can use."


def choose_keyring() -> KeyringChoice:
    """Vets what `keyring` selected. Never raises."""
    if _only_the_secret_service_can_be_trusted():
        from selfaudit.vault.secret_service import available

        if available():
            return KeyringChoice(SecretServiceKeyring())
        return KeyringChoice(None, NO_KEYRING)  # whatever keyring chose, none we could trust
    own = _first_trusted_backend()
    if own is not None:
        return KeyringChoice(_configured(own))
    import keyring

    try:
        selected = keyring.get_keyring()
    except Exception as exc:  # a broken keyringrc.cfg or backend import
        return KeyringChoice(None, in_plain_words(exc, "Your keyring"))
    members = list(getattr(selected, "backends", None) or [selected])
    for backend in members:
        if class_name(backend) in TRUSTED_BACKENDS:
            return KeyringChoice(_configured(backend))
    if getattr(sys, "frozen", False):
        # bundlers drop the entry-point metadata keyring discovers backends with
        found = _instantiate_platform_backend()
        if found is not None:
            return KeyringChoice(_configured(found))
    return KeyringChoice(None, _refusal(selected))


def _first_trusted_backend() -> Any | None:
    """What the vetting below ends up with when keyring picks on its own: of the trusted backends
    that work here, the one keyring ranks highest. Found by asking only those backends, not by
    keyring's discovery, which imports every backend it knows (on Linux the macOS one alone
    spends tens of milliseconds looking for the Security framework) while the app starts.
    None when keyring must decide: a backend is set already, or PYTHON_KEYRING_BACKEND or a
    keyringrc.cfg names one; or when no trusted backend works (keyring's choice then says why
    in the refusal)."""
    if _chosen_elsewhere():
        return None
    import importlib

    best: tuple[float, type] | None = None
    for name in _OWN_BACKENDS.get(sys.platform, _FREEDESKTOP_BACKENDS):
        module, _, cls_name = name.rpartition(".")
        try:
            cls = getattr(importlib.import_module(module), cls_name)
            priority = float(cls.priority)  # raises where the backend cannot work
        except Exception:
            continue
        if priority > 0 and (best is None or priority > best[0]):
            best = (priority, cls)
    return None if best is None else best[1]()


def _chosen_elsewhere() -> bool:
    """A backend set by a program or test before us (keyring.set_keyring), or named in
    PYTHON_KEYRING_BACKEND or a keyringrc.cfg: then keyring decides."""
    core = sys.modules.get("keyring.core")  # nothing was set if keyring was never imported
    # private, but keyring has no public way to ask: tests/gui/test_private_apis.py fails if
    # keyring moves it
    set_before = core is not None and getattr(core, "_keyring_backend", None) is not None
    return (
        set_before
        or bool(os.environ.get("PYTHON_KEYRING_BACKEND"))
        or keyring_config_file().exists()
    )


def keyring_config_file() -> Path:
    """keyring's keyringrc.cfg. On Linux found as keyring finds it (its `config_root`: the XDG
    config folder's python_keyring; tests/gui/test_private_apis.py compares the two), without
    importing keyring; elsewhere keyring is asked."""
    if sys.platform in _OWN_BACKENDS:
        from keyring.util import platform_ as keyring_platform

        return Path(keyring_platform.config_root()) / "keyringrc.cfg"
    root = os.environ.get("XDG_CONFIG_HOME") or Path("~/.config").expanduser()
    return Path(root, "python_keyring", "keyringrc.cfg")


def _only_the_secret_service_can_be_trusted() -> bool:
    """On Linux (and the BSDs), with nothing set or configured, and without dbus-python: of the
    trusted backends keyring could choose, KDE Wallet needs dbus-python, and libsecret the same
    Secret Service, which it ranks lower. So the Secret Service is keyring's trusted choice when
    it answers, and no trusted choice is possible when it does not: keyring need not be asked
    (nor imported). Where dbus-python is installed, keyring decides."""
    return (
        sys.platform not in _OWN_BACKENDS
        and not _chosen_elsewhere()
        and importlib.util.find_spec("dbus") is None
    )


def _refusal(backend: object) -> str:
    name = class_name(backend)
    if name == "keyring.backends.fail.Keyring":
        return NO_KEYRING
    if name == "keyring.backends.null.Keyring":
        return "The keyring on this computer has been switched off."
    if name.startswith("keyrings.alt.") or "Plaintext" in name:
        return "The only keyring on this computer keeps secrets unprotected, in a plain file."
    if name == "keyring.backends.chainer.ChainerBackend":
        return "None of the keyrings on this computer is one selfaudit can trust."
    return f"The keyring on this computer ({name}) is not one selfaudit knows to be safe."


def _instantiate_platform_backend() -> Any | None:
    candidates = {
        "win32": ("keyring.backends.Windows", "WinVaultKeyring"),
        "darwin": ("keyring.backends.macOS", "Keyring"),
    }.get(sys.platform, ("keyring.backends.SecretService", "Keyring"))
    try:
        module = __import__(candidates[0], fromlist=[candidates[1]])
        cls = getattr(module, candidates[1])
        if cls.priority < 1:
            return None
        return cls()
    except Exception:
        return None


def _configured(backend: Any) -> Any:
    if class_name(backend) == "keyring.backends.Windows.WinVaultKeyring":
        # The default, CRED_PERSIST_ENTERPRISE, copies the secret to every machine the person's
        # roaming profile reaches. Only attribute assignment works: with_properties() writes
        # vars() and the data descriptor ignores it (keyring #382).
        backend.persist = "local machine"
    return backend


class KeyringKeyStore:
    """The data key in the keyring, one entry per key id: "data-key-<hex id>" in service
    "selfaudit". The value is the key in base64 (44 characters, far under Windows' limit)."""

    def __init__(self, backend: Any, service: str = SERVICE) -> None:
        self.backend = backend
        self.service = service
        self.name = describe_backend(backend)
        self._subject = self.name[0].upper() + self.name[1:]  # starts a sentence

    @staticmethod
    def username(key_id: bytes) -> str:
        return f"data-key-{key_id.hex()}"

    def load(self, key_id: bytes) -> DataKey | None:
        """The key with this id, or None if the keyring does not have it (then: recovery)."""
        from selfaudit.vault.keys import DataKey  # the encryption library, when it is needed

        value = self._call(lambda: self.backend.get_password(self.service, self.username(key_id)))
        if value is None:
            return None
        try:
            key = DataKey(base64.b64decode(value.removeprefix("v1:"), validate=True))
        except (binascii.Error, ValueError):
            return None
        return key if key.key_id == key_id else None

    def find(self, key_ids: list[bytes]) -> DataKey | None:
        """The first of these keys the keyring holds (the main file's key comes first)."""
        for key_id in key_ids:
            key = self.load(key_id)
            if key is not None:
                return key
        return None

    def store(self, key: DataKey) -> None:
        """Writes the key, then reads it back: a backend that drops writes (null, or one that
        only seems to work) is caught here, before anything is encrypted with the key."""
        value = "v1:" + base64.b64encode(key.secret).decode("ascii")
        username = self.username(key.key_id)
        self._call(lambda: self.backend.set_password(self.service, username, value))
        if self._call(lambda: self.backend.get_password(self.service, username)) != value:
            raise KeyStoreError(
                f"{self._subject} accepted the key but did not give it "
                "back, so selfaudit cannot rely on it."
            )

    def delete(self, key_id: bytes) -> None:
        try:
            self._call(lambda: self.backend.delete_password(self.service, self.username(key_id)))
        except KeyStoreError as exc:
            if not isinstance(exc.__cause__, _keyring_errors("PasswordDeleteError")):
                raise

    def _call(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except _keyring_errors("KeyringLocked") as exc:
            raise KeyStoreError(
                f"{self._subject} is locked. Unlock it (usually with "
                "your login password) and try again."
            ) from exc
        except Exception as exc:  # D-Bus, Security framework and win32 errors come through here
            raise KeyStoreError(in_plain_words(exc, self._subject)) from exc


# What keyrings say when the person closes their unlock or create-a-keyring window (GNOME
# Keyring through SecretStorage: "Prompt dismissed."; through keyring: "Failed to create the
# collection: Prompt dismissed.."; the macOS Keychain: errSecUserCanceled, -128), when the
# password typed there is refused (macOS errSecAuthFailed, -25293), and when no keyring answers
# on D-Bus. Recorded from the libraries' own messages; tests/unit/vault/test_keystore.py plays
# them back.
DISMISSED = ("prompt dismissed", "(-128,", "user canceled", "usercanceled")
REFUSED = ("(-25293,", "authfailed")
NOT_ANSWERING = ("org.freedesktop.dbus.error.serviceunknown", "org.freedesktop.dbus.error.noreply")


def in_plain_words(error: BaseException, subject: str) -> str:
    """What went wrong with the keyring, in words a person can act on (the library's own
    message, which can be jargon, only as the last resort, after a plain sentence)."""
    said = f"{type(error).__name__} {error}".casefold()
    if any(word in said for word in DISMISSED):
        return (
            f"{subject}'s window was closed before it was unlocked, so selfaudit could not "
            "reach the key to your checklist there. Choose Try again, and when the window "
            "asks, type the password you use to log in to this computer."
        )
    if any(word in said for word in REFUSED):
        return (
            f"{subject} did not accept the password. Choose Try again and type the password "
            "you use to log in to this computer."
        )
    if any(word in said for word in NOT_ANSWERING):
        return (
            f"{subject} is not running, or did not answer. Log out and in again, then try "
            "again; your checklist is safe."
        )
    detail = str(error).strip() or type(error).__name__
    return f"{subject} could not be used just now. Your checklist is safe. (It said: {detail})"


_OWN_ERRORS: dict[str, type[Exception]] = {
    "KeyringLocked": SecretServiceLockedError,
    "PasswordDeleteError": SecretNotFoundError,
}


def _keyring_errors(name: str) -> tuple[type[Exception], ...]:
    """keyring's error of that name (only once keyring is in use: a backend from keyring is)
    and the Secret Service module's own."""
    errors = sys.modules.get("keyring.errors")
    theirs = getattr(errors, name, None) if errors is not None else None
    return (_OWN_ERRORS[name],) if theirs is None else (_OWN_ERRORS[name], theirs)


T = TypeVar("T")


def call_with_timeout(action: Callable[[], T], timeout: float = KEYRING_TIMEOUT) -> T:
    """Runs a keyring call on a daemon thread: an unanswered unlock prompt cannot hang the
    caller (a blocked D-Bus call cannot be cancelled, only abandoned)."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(action())
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run, name="selfaudit-keyring", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise KeyStoreError(
            f"Your keyring did not answer within {timeout:.0f} seconds. It may be waiting for "
            "you to unlock it."
        )
    if failure:
        raise failure[0]
    return outcome[0]
