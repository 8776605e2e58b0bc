"""`selfaudit restore FILE`: makes a backup (from `selfaudit backup`, or any file in backups/ or
quarantine/) the checklist, after checking it with the recovery code. The checklist it replaces
is kept among the backups; nothing is deleted."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from selfaudit.cli import CommandError
from selfaudit.vault.errors import VaultError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="restore a backup; asks for your recovery code (read from standard input when "
        "it is not a terminal)",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli.vault_access import holding_lock, read_secret
    from selfaudit.dates import date_and_time
    from selfaudit.vault.keys import RecoveryCode, unlock_with_code
    from selfaudit.vault.keystore import KeyringKeyStore, call_with_timeout, choose_keyring
    from selfaudit.vault.portable import check_copy, read_portable_copy, restore_copy

    try:
        copy = read_portable_copy(args.file)
        code = RecoveryCode.parse(read_secret("Recovery code: ", what="recovery code"))
        key = unlock_with_code(copy.header.slots, code)
        contents = check_copy(copy, key)
    except VaultError as exc:
        raise CommandError(f"{exc} Nothing was changed.") from None
    with holding_lock("restore") as layout:
        try:
            restore_copy(layout, copy, key)
        except VaultError as exc:
            raise CommandError(str(exc)) from None
    print(
        f"Restored your checklist as saved on {date_and_time(contents.saved_at.astimezone())} "
        f"({contents.state.summary()})."
    )
    if copy.missing:
        count = len(copy.missing)
        were = "attachments it lists were" if count != 1 else "attachment it lists was"
        print(
            f"{count} {were} not in the copy ({', '.join(copy.missing[:3])}"
            f"{', …' if count > 3 else ''}): the evidence log shows them as missing."
        )
    if copy.header.has_passphrase:
        print("It is locked with the passphrase it had; the app asks for it when it opens.")
        return 0
    try:
        choice = call_with_timeout(choose_keyring)
    except VaultError as exc:
        print(f"The key could not be stored: {exc}")
        choice = None
    if choice is not None and choice.usable:
        store = KeyringKeyStore(choice.backend)
        try:
            call_with_timeout(lambda: store.store(key))
            print(f"Its key is now kept in {store.name}.")
            return 0
        except VaultError as exc:
            print(f"The key could not be stored: {exc}")
    print("When you open the app it will ask for your recovery code once more.")
    return 0
