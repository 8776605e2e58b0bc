"""What the vault commands share: finding the checklist, unlocking it from a terminal, holding
the one-writer lock, and saying in one line what a checklist holds."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from selfaudit.cli import CommandError
from selfaudit.paths import AppPaths
from selfaudit.vault.errors import VaultError
from selfaudit.vault.keys import DataKey
from selfaudit.vault.keystore import KeyringKeyStore, call_with_timeout, choose_keyring
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock import InstanceLock
from selfaudit.vault.vault import Inspection, Need, Opened, inspect, open_vault


def user_layout() -> VaultLayout:
    return VaultLayout(AppPaths.for_user().data_dir)


def read_secret(prompt: str) -> str:
    """From the terminal without echo; from standard input (one line) when it is not a terminal,
    so scripts and tests can pipe it in."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


class NoChecklistError(CommandError):
    """The app has not been set up on this computer yet."""


class NeedsPassphraseError(CommandError):
    """The checklist is locked with a passphrase and the caller may not ask for it."""


def unlock(layout: VaultLayout, found: Inspection, ask_passphrase: bool = True) -> DataKey:
    """The key to the existing checklist: from the keyring, or the passphrase typed now."""
    if found.need is Need.FIRST_RUN:
        raise NoChecklistError("You have no checklist yet. Open the app once to set it up.")
    if found.need is Need.TOO_NEW:
        raise CommandError(str(found.problem))
    if found.need is Need.UNREADABLE:
        raise CommandError(
            "Your checklist file is damaged. Open the app: it will move the damaged file aside "
            "and offer the newest good backup."
        )
    try:
        if found.has_passphrase:
            if not ask_passphrase:
                raise NeedsPassphraseError("Your checklist is locked with a passphrase.")
            return found.key_from_passphrase(read_secret("Passphrase for your checklist: "))
        choice = call_with_timeout(choose_keyring)  # finding the keyring talks to D-Bus too
        if choice.usable:
            store = KeyringKeyStore(choice.backend)
            key = call_with_timeout(lambda: store.find(found.key_ids))
            if key is not None:
                return key
            why = f"{store.name} does not have the key to your checklist"
        else:
            why = choice.refusal
    except VaultError as exc:
        raise CommandError(str(exc)) from None
    raise CommandError(
        f"{why.rstrip('.')}. Open the app and choose to use your recovery code, or restore a "
        "backup with `selfaudit restore FILE`."
    )


def open_checklist(write: bool, ask_passphrase: bool = True) -> Opened:
    """Opens the person's checklist. `write`: the caller holds the lock (see `holding_lock`)."""
    layout = user_layout()
    found = inspect(layout)
    key = unlock(layout, found, ask_passphrase)
    try:
        opened = open_vault(layout, key, repair=write)
    except VaultError as exc:
        raise CommandError(f"{exc} Open the app to repair it.") from None
    if opened.recovered is not None:
        raise CommandError(
            f"Your checklist file was damaged ({opened.recovered.problem}). It has been moved "
            "aside. Open the app to choose the backup to carry on from."
        )
    return opened


@contextmanager
def holding_lock() -> Iterator[VaultLayout]:
    layout = user_layout()
    lock = InstanceLock(layout.lock)
    try:
        if not lock.acquire():
            holder = lock.holder()
            raise CommandError(
                f"selfaudit is open{f' ({holder})' if holder else ''}. Close it, then try again."
            )
    except VaultError as exc:
        raise CommandError(str(exc)) from None
    try:
        yield layout
    finally:
        lock.release()


def confirm(question: str, assume_yes: bool) -> None:
    if assume_yes:
        return
    if sys.stdin is None or not sys.stdin.isatty():
        raise CommandError(f"{question} Add --yes to confirm when not typing at a terminal.")
    answer = input(f"{question} Type yes to continue: ").strip().lower()
    if answer not in {"y", "yes"}:
        raise CommandError("Nothing was changed.", status=1)
