"""What the vault commands share: finding the checklist, unlocking it from a terminal, holding
the one-writer lock, and saying in one line what a checklist holds."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from selfaudit.bounded import KB, ReadRefusedError, read_file, read_line
from selfaudit.cli import CommandError, command_input
from selfaudit.cli.terminal import typed_at_prompt
from selfaudit.paths import AppPaths
from selfaudit.vault.errors import VaultError
from selfaudit.vault.keys import DataKey
from selfaudit.vault.keystore import KeyringKeyStore, call_with_timeout, choose_keyring
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock import APP, InstanceLock, LockHolder
from selfaudit.vault.unlock_throttle import UnlockThrottle, try_passphrase
from selfaudit.vault.vault import Inspection, Need, Opened, inspect, open_vault


def user_layout() -> VaultLayout:
    return VaultLayout(AppPaths.for_user().data_dir)


MAX_SECRET_BYTES = 4 * KB
TERMINAL = Path("/dev/tty")  # where a passphrase is typed when standard input carries data


def read_secret(prompt: str, what: str = "passphrase") -> str:
    """A passphrase or recovery code: from `--passphrase-file` when given (passphrases only);
    else typed at the terminal without echo; else one line of standard input, so scripts can
    pipe it in, unless standard input carries the command's data (`evidence add` reads the
    message from it), when it is typed at the terminal or given with --passphrase-file.
    Raises CommandError, saying which, when there is none to be had."""
    if what == "passphrase" and command_input.passphrase_file is not None:
        return _secret_from_file(command_input.passphrase_file)
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        return _typed(lambda: getpass.getpass(prompt), what)
    if command_input.stdin_holds_data:
        return _secret_from_terminal(prompt, what)
    if stdin is None:
        raise NothingGivenError(f"no {what} was given: there is no standard input to read it from.")
    raw = getattr(stdin, "buffer", None)
    try:
        if raw is not None:
            line = read_line(raw, MAX_SECRET_BYTES, "standard input").decode("utf-8")
        else:
            line = stdin.readline(MAX_SECRET_BYTES + 1).rstrip("\r\n")
    except ReadRefusedError as exc:
        raise CommandError(f"{exc}, so it cannot be your {what}.") from None
    except UnicodeDecodeError:
        raise CommandError(f"the {what} on standard input is not UTF-8 text.") from None
    if not line:
        raise NothingGivenError(
            f"no {what} was given: standard input was empty. Type it at a terminal, or pipe "
            f"it in{', or use --passphrase-file FILE' if what == 'passphrase' else ''}."
        )
    return line


def _secret_from_file(path: Path) -> str:
    try:
        data = read_file(path, MAX_SECRET_BYTES, f"--passphrase-file {path}")
    except ReadRefusedError as exc:
        raise CommandError(f"{exc}.") from None
    try:
        line = data.decode("utf-8-sig").splitlines()[0] if data.strip() else ""
    except UnicodeDecodeError:
        raise CommandError(f"--passphrase-file {path} is not UTF-8 text.") from None
    if not line:
        raise CommandError(f"--passphrase-file {path} is empty: its first line is the passphrase.")
    return line


def _secret_from_terminal(prompt: str, what: str) -> str:
    """Typed at the terminal while standard input carries the command's data."""
    if os.name == "nt":  # getpass reads the console itself, never standard input
        return _typed(lambda: getpass.getpass(prompt), what)
    try:
        fd = os.open(TERMINAL, os.O_RDWR | os.O_NOCTTY)
    except OSError:
        raise CommandError(
            f"standard input carries what you are recording, so your {what} cannot come from "
            "it, and there is no terminal to type it at. Give it with --passphrase-file FILE."
        ) from None
    with os.fdopen(fd, "w+b", buffering=0) as tty:
        return _typed(lambda: _typed_without_echo(tty, prompt), what)


def _typed(ask: Callable[[], str], what: str) -> str:
    """A passphrase or code typed at the terminal. Nothing typed (Enter alone, or Ctrl-D) is
    said so, and is not a wrong passphrase: it is never counted as one."""
    typed = typed_at_prompt(ask)
    if not typed:
        raise NothingGivenError(f"no {what} was typed. Nothing was changed.")
    return typed


def _typed_without_echo(tty: BinaryIO, prompt: str) -> str:
    import termios

    fd = tty.fileno()
    tty.write(prompt.encode())
    before = termios.tcgetattr(fd)
    quiet = termios.tcgetattr(fd)
    quiet[3] &= ~termios.ECHO
    try:
        termios.tcsetattr(fd, termios.TCSAFLUSH, quiet)
        line = read_line(tty, MAX_SECRET_BYTES, "the terminal")  # b"" for Enter or Ctrl-D
    except ReadRefusedError as exc:
        raise CommandError(f"{exc}.") from None
    finally:
        termios.tcsetattr(fd, termios.TCSAFLUSH, before)
        tty.write(b"\n")
    return line.decode("utf-8", "replace")


class NoChecklistError(CommandError):
    """The app has not been set up on this computer yet."""


class NeedsPassphraseError(CommandError):
    """The checklist is locked with a passphrase and the caller may not ask for it."""


class NothingGivenError(CommandError):
    """No passphrase (or code) to be had: no terminal, and standard input empty or absent (a
    script, a login item). `status` then says what it can without opening the checklist."""


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
            # wrong passphrases are counted as the app's unlock screen counts them: after a
            # few, each try waits longer (and a try during the wait is refused before asking)
            throttle = UnlockThrottle(layout.unlock_attempts)
            return try_passphrase(
                throttle,
                lambda: found.key_from_passphrase(read_secret("Passphrase for your checklist: ")),
            )
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


def say_odd_files(layout: VaultLayout) -> None:
    """A word, on standard error, for each file in the data folder that is skipped."""
    for path, problem in layout.odd_files():
        print(f"selfaudit: skipped {path}: it {problem}.", file=sys.stderr)


def open_checklist(write: bool, ask_passphrase: bool = True) -> Opened:
    """Opens the person's checklist. `write`: the caller holds the lock (see `holding_lock`)."""
    layout = user_layout()
    say_odd_files(layout)
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
def holding_lock(command: str) -> Iterator[VaultLayout]:
    """The one-writer lock, held for `command` ("import", "evidence add"), which is what the
    refusal of another command names."""
    layout = user_layout()
    lock = InstanceLock(layout.lock, command)
    try:
        if not lock.acquire():
            raise CommandError(_held_message(lock.held_by()))
    except VaultError as exc:
        raise CommandError(str(exc)) from None
    try:
        yield layout
    finally:
        lock.release()


def _held_message(holder: LockHolder | None) -> str:
    if holder is None or holder.role == APP:
        who = f" ({holder})" if holder else ""
        return f"selfaudit is open{who}. Close it, then try again."
    return (
        f"another selfaudit command (selfaudit {holder.role}, {holder}) is using your checklist. "
        "Wait for it to finish, then try again."
    )


def confirm(question: str, assume_yes: bool) -> None:
    if assume_yes:
        return
    if sys.stdin is None or not sys.stdin.isatty():
        raise CommandError(f"{question} Add --yes to confirm when not typing at a terminal.")
    answer = typed_at_prompt(lambda: input(f"{question} Type yes to continue: "))
    if answer is None or answer.strip().lower() not in {"y", "yes"}:  # Ctrl-D is a no
        raise CommandError("Nothing was changed.", status=1)
