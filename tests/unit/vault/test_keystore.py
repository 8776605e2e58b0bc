"""The key store: only keyrings that protect secrets, read back after writing, a clear refusal
otherwise; Windows' credential kept on this machine only; and recovery when the entry is lost."""

from __future__ import annotations

import threading
import types
from typing import Any

import keyring.backend
import keyring.core
import keyring.errors
import pytest
from keyring.backends import Windows, chainer, fail, null

from selfaudit.vault.errors import KeyStoreError
from selfaudit.vault.keys import DataKey, RecoveryCode
from selfaudit.vault.keystore import (
    KeyringKeyStore,
    call_with_timeout,
    choose_keyring,
    class_name,
)
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.secret_service import (
    SecretNotFoundError,
    SecretServiceKeyring,
    SecretServiceLockedError,
)
from selfaudit.vault.vault import Vault, inspect, open_vault
from tests.keyring_double import InMemoryKeyring
from tests.unit.vault.conftest import marker_of, state_with


def select(monkeypatch: pytest.MonkeyPatch, backend: object) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)


def test_the_test_keyring_is_trusted_and_used(test_keyring: InMemoryKeyring) -> None:
    choice = choose_keyring()
    assert choice.usable and choice.backend is test_keyring


def test_no_keyring_at_all_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    select(monkeypatch, fail.Keyring())
    choice = choose_keyring()
    assert not choice.usable and "no keyring" in choice.refusal


def test_the_null_keyring_that_drops_secrets_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    select(monkeypatch, null.Keyring())
    choice = choose_keyring()
    assert not choice.usable and "switched off" in choice.refusal


def test_a_plaintext_keyring_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    plaintext = type("PlaintextKeyring", (InMemoryKeyring,), {"__module__": "keyrings.alt.file"})
    select(monkeypatch, plaintext())
    choice = choose_keyring()
    assert not choice.usable and "plain file" in choice.refusal


def test_an_unknown_keyring_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    select(monkeypatch, type("HomeMadeKeyring", (InMemoryKeyring,), {})())
    choice = choose_keyring()
    assert not choice.usable and "HomeMadeKeyring" in choice.refusal


class FakeChainer:
    """Stands for keyring's ChainerBackend, whose members are discovered, not settable."""

    __module__ = chainer.__name__

    def __init__(self, *members: object) -> None:
        self.backends = list(members)


def test_a_chain_is_used_only_through_its_trusted_member(
    monkeypatch: pytest.MonkeyPatch, test_keyring: InMemoryKeyring
) -> None:
    select(monkeypatch, FakeChainer(fail.Keyring(), test_keyring))
    assert choose_keyring().backend is test_keyring
    select(monkeypatch, FakeChainer(fail.Keyring(), null.Keyring()))
    assert not choose_keyring().usable


def test_store_reads_back_and_load_finds_by_key_id(test_keyring: InMemoryKeyring) -> None:
    store = KeyringKeyStore(test_keyring)
    key = DataKey.generate()
    store.store(key)
    assert store.load(key.key_id) == key
    assert store.load(DataKey.generate().key_id) is None
    assert store.find([DataKey.generate().key_id, key.key_id]) == key
    [(service, username)] = test_keyring.entries
    assert service == "selfaudit" and username == f"data-key-{key.key_id.hex()}"
    assert key.secret.hex() not in test_keyring.entries[(service, username)]
    store.delete(key.key_id)
    assert store.load(key.key_id) is None
    store.delete(key.key_id)  # deleting what is gone is fine


class DroppingKeyring(InMemoryKeyring):
    """Says yes and forgets, like keyring's null backend or a half-working Flatpak portal."""

    def set_password(self, service: str, username: str, password: str) -> None:
        return None


def test_a_keyring_that_drops_writes_is_caught_by_the_read_back() -> None:
    with pytest.raises(KeyStoreError, match="did not give it back"):
        KeyringKeyStore(DroppingKeyring()).store(DataKey.generate())


class LockedKeyring(InMemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


class BrokenKeyring(InMemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")


def test_keyring_errors_become_one_plain_error() -> None:
    with pytest.raises(KeyStoreError, match=r"is locked\. Unlock it"):
        KeyringKeyStore(LockedKeyring()).load(b"x" * 16)
    with pytest.raises(KeyStoreError, match=r"is not running, or did not answer"):
        KeyringKeyStore(BrokenKeyring()).load(b"x" * 16)


def _raising(error: Exception) -> InMemoryKeyring:
    class Failing(InMemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise error

    return Failing()


# what the libraries say, word for word: secretstorage and keyring when the person closes GNOME
# Keyring's window, keyring's macOS backend for a cancelled or refused Keychain prompt, jeepney
# when no Secret Service runs
RECORDED_ERRORS = [
    ("PromptDismissedException", "Prompt dismissed.", "window was closed before it was unlocked"),
    ("InitError", "Failed to create the collection: Prompt dismissed..", "window was closed"),
    ("KeychainDenied", "(-128, 'Unknown Error')", "window was closed before it was unlocked"),
    ("SecAuthFailure", "(-25293, 'Unknown Error')", "did not accept the password"),
    (
        "DBusErrorResponse",
        "[org.freedesktop.DBus.Error.ServiceUnknown] ('The name org.freedesktop.secrets was not "
        "provided by any .service files',)",
        "is not running, or did not answer",
    ),
    ("error", "(1312, 'CredRead', 'A specified logon session does not exist.')", "(It said: "),
]


@pytest.mark.parametrize(("kind", "message", "plain"), RECORDED_ERRORS)
def test_what_a_keyring_says_reaches_the_person_in_plain_words(
    kind: str, message: str, plain: str
) -> None:
    error = type(kind, (Exception,), {})(message)
    with pytest.raises(KeyStoreError) as raised:
        KeyringKeyStore(_raising(error)).load(b"x" * 16)
    said = str(raised.value)
    assert plain in said
    if kind != "error":  # the person never reads the library's jargon
        assert "Prompt dismissed" not in said and "Unknown Error" not in said
        assert "org.freedesktop" not in said


def test_secretstorage_prompt_dismissed_is_recognised() -> None:
    from secretstorage.exceptions import PromptDismissedException

    with pytest.raises(KeyStoreError, match="window was closed before it was unlocked"):
        KeyringKeyStore(_raising(PromptDismissedException("Prompt dismissed."))).load(b"x" * 16)


def test_a_mangled_entry_counts_as_missing(test_keyring: InMemoryKeyring) -> None:
    key = DataKey.generate()
    store = KeyringKeyStore(test_keyring)
    test_keyring.set_password("selfaudit", store.username(key.key_id), "v1:not base64!")
    assert store.load(key.key_id) is None
    other = DataKey.generate()
    store.store(other)
    test_keyring.set_password(
        "selfaudit",
        store.username(key.key_id),
        test_keyring.get_password("selfaudit", store.username(other.key_id)) or "",
    )
    assert store.load(key.key_id) is None  # another key under this id: not this key


def test_a_keyring_that_never_answers_times_out() -> None:
    release = threading.Event()
    with pytest.raises(KeyStoreError, match="did not answer within 0 seconds"):
        call_with_timeout(release.wait, timeout=0.05)
    release.set()
    assert call_with_timeout(lambda: 42, timeout=5) == 42
    with pytest.raises(ZeroDivisionError):
        call_with_timeout(lambda: 1 / 0, timeout=5)


# Windows, from recorded behaviour of win32cred (CredRead returns the blob as UTF-16 bytes; a
# missing target raises pywintypes.error 1168 from CredRead)
class FakeWin32Cred(types.SimpleNamespace):
    CRED_TYPE_GENERIC = 1
    CRED_PERSIST_SESSION = 1
    CRED_PERSIST_LOCAL_MACHINE = 2
    CRED_PERSIST_ENTERPRISE = 3

    def __init__(self) -> None:
        super().__init__()
        self.written: dict[str, dict[str, Any]] = {}

    def CredWrite(self, credential: dict[str, Any], flags: int) -> None:
        blob = credential["CredentialBlob"].encode("utf-16-le")
        assert len(blob) <= 5 * 512, "Windows refuses credential blobs over 2560 bytes"
        self.written[credential["TargetName"]] = dict(credential, CredentialBlob=blob)

    def CredRead(self, Type: int, TargetName: str) -> dict[str, Any]:  # noqa: N803
        if TargetName not in self.written:
            raise FakePyWinTypes.error(1168, "CredRead", "Element not found.")
        return self.written[TargetName]


class FakePyWinTypes:
    class error(Exception):  # noqa: N801, N818 (the name pywintypes uses)
        def __init__(self, winerror: int, funcname: str, strerror: str) -> None:
            super().__init__(winerror, funcname, strerror)
            self.winerror, self.funcname = winerror, funcname


def test_windows_credential_stays_on_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    cred = FakeWin32Cred()
    monkeypatch.setattr(Windows, "win32cred", cred, raising=False)
    monkeypatch.setattr(Windows, "pywintypes", FakePyWinTypes, raising=False)
    backend = Windows.WinVaultKeyring()
    assert backend.persist == cred.CRED_PERSIST_ENTERPRISE  # keyring's default: it roams
    select(monkeypatch, backend)
    choice = choose_keyring()
    assert choice.backend is backend and class_name(backend).endswith("WinVaultKeyring")
    store = KeyringKeyStore(backend)
    assert store.name == "Windows Credential Manager"
    key = DataKey.generate()
    store.store(key)
    [written] = cred.written.values()
    assert written["Persist"] == cred.CRED_PERSIST_LOCAL_MACHINE
    assert store.load(key.key_id) == key


def test_lost_keyring_entry_then_recovery_code_restores_everything(
    layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    store = KeyringKeyStore(test_keyring)
    key, code = DataKey.generate(), RecoveryCode.generate()
    store.store(key)
    vault = Vault.create(layout, key, code, state=state_with("one"))
    blob_id = vault.blobs.put(b"a screenshot of a message")
    for n in range(3):
        vault.save(state_with(f"save {n}"))
    test_keyring.entries.clear()  # a reset keyring, a new computer, a switched desktop

    found = inspect(layout)
    assert store.find(found.key_ids) is None  # so: recovery, never a new key
    recovered = found.key_from_code(RecoveryCode.parse(str(code)))
    opened = open_vault(layout, recovered)
    assert marker_of(opened.state) == "save 2"
    assert opened.vault.blobs.get(blob_id) == b"a screenshot of a message"
    assert opened.vault.recovery_code == str(code)
    store.store(recovered)  # back in the keyring: next start opens without the code
    assert store.find(inspect(layout).key_ids) == key


def test_recovery_code_gets_past_an_edited_key_id_to_the_good_backup(
    layout: VaultLayout, test_keyring: InMemoryKeyring
) -> None:
    key, code = DataKey.generate(), RecoveryCode.generate()
    vault = Vault.create(layout, key, code, state=state_with("good"))
    vault.save(state_with("newest"))
    data = bytearray(layout.main.read_bytes())
    data[14] ^= 0xFF  # the key id
    layout.main.write_bytes(bytes(data))
    found = inspect(layout)
    # the keyring is asked for the main file's key only (an older backup's key would set a
    # restored checklist aside), so here it comes down to the recovery code
    assert found.key_ids == [found.header.key_id] and found.header.key_id != key.key_id
    opened = open_vault(layout, found.key_from_code(code))
    assert marker_of(opened.state) == "good"
    assert opened.recovered is not None and len(opened.recovered.quarantined) == 1


def test_keyring_backend_classes_named_in_the_allow_list_exist() -> None:
    from selfaudit.vault import keystore

    ours = class_name(SecretServiceKeyring())
    assert ours in keystore.TRUSTED_BACKENDS
    for name in keystore.TRUSTED_BACKENDS - {class_name(InMemoryKeyring()), ours}:
        module, _, cls = name.rpartition(".")
        imported = __import__(module, fromlist=[cls])
        assert issubclass(getattr(imported, cls), keyring.backend.KeyringBackend), name


def test_the_secret_service_is_spoken_to_directly_only_where_it_is_keyrings_choice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util
    import sys

    from selfaudit.vault import keystore, secret_service

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")

    def discovery() -> None:
        raise AssertionError("keyring was asked")

    monkeypatch.setattr(keyring.core, "init_backend", discovery)
    monkeypatch.setattr(keystore, "_first_trusted_backend", discovery)
    monkeypatch.setattr(secret_service, "available", lambda: True)
    choice = choose_keyring()
    assert isinstance(choice.backend, SecretServiceKeyring)
    assert "Secret Service" in KeyringKeyStore(choice.backend).name
    # no Secret Service answering: no trusted keyring can be had, and the refusal says so
    monkeypatch.setattr(secret_service, "available", lambda: False)
    choice = choose_keyring()
    assert not choice.usable and choice.refusal == keystore.NO_KEYRING
    # with dbus-python, KDE Wallet could outrank it: keyring decides
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: object() if name == "dbus" else real_find_spec(name, *args),
    )
    assert not keystore._only_the_secret_service_can_be_trusted()
    monkeypatch.undo()
    # a backend set by a program, or configured: keyring decides
    monkeypatch.setattr(keyring.core, "_keyring_backend", InMemoryKeyring())
    assert not keystore._only_the_secret_service_can_be_trusted()


def test_the_secret_services_own_errors_read_as_keyrings(monkeypatch: pytest.MonkeyPatch) -> None:
    class Locked(SecretServiceKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise SecretServiceLockedError("the keyring stayed locked")

        def delete_password(self, service: str, username: str) -> None:
            raise SecretNotFoundError(username)

    with pytest.raises(KeyStoreError, match=r"is locked\. Unlock it"):
        KeyringKeyStore(Locked()).load(b"x" * 16)
    KeyringKeyStore(Locked()).delete(b"x" * 16)  # nothing to delete is not a failure


class WorksHere:
    priority = 5


class WorksBetter:
    priority = 6


class Unavailable(type):
    @property
    def priority(cls) -> float:  # as keyring's backends say it: raising on the class
        raise RuntimeError("no service")


class CannotWorkHere(metaclass=Unavailable):
    pass


def test_the_trusted_backend_is_found_without_keyrings_discovery(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With nothing set or configured, the backend comes straight from the trusted ones that
    work here, highest priority first, without keyring importing every backend it knows."""
    import sys

    from selfaudit.vault import keystore

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")

    def discovery() -> None:
        raise AssertionError("keyring's discovery was used")

    monkeypatch.setattr(keyring.core, "init_backend", discovery)
    monkeypatch.setattr(keystore, "_only_the_secret_service_can_be_trusted", lambda: False)
    names = ("WorksHere", "CannotWorkHere", "WorksBetter", "Missing")
    monkeypatch.setattr(keystore, "_FREEDESKTOP_BACKENDS", tuple(f"{__name__}.{n}" for n in names))
    assert isinstance(choose_keyring().backend, WorksBetter)
    monkeypatch.setattr(WorksBetter, "priority", 0)  # keyring never uses these
    assert isinstance(choose_keyring().backend, WorksHere)


def test_a_configured_keyring_is_left_to_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    choice = choose_keyring()
    assert not choice.usable and "switched off" in choice.refusal
