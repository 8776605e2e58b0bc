"""`selfaudit backup -o FILE`: an encrypted copy of the checklist and its attachments, to keep
safe or to move to a new computer. Opening it needs the recovery code; nothing is decrypted."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from selfaudit.cli import CommandError
from selfaudit.vault.errors import VaultError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="write an encrypted copy of your checklist (restore it with your recovery code)",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli.vault_access import say_odd_files, user_layout
    from selfaudit.output_files import OutputRefusedError, check_target
    from selfaudit.vault.portable import write_portable_copy

    target: Path = args.output
    try:
        check_target(target, (".zip",), "a backup")
    except OutputRefusedError as exc:
        raise CommandError(str(exc)) from None
    if target.exists() or target.is_symlink():
        raise CommandError(f"{target} already exists. Choose another name, or move it first.")
    layout = user_layout()
    say_odd_files(layout)  # what is skipped, and why
    try:
        attachments = write_portable_copy(layout, target)
    except VaultError as exc:
        raise CommandError(str(exc)) from None
    extra = f" and {attachments} attachment{'s' if attachments != 1 else ''}" if attachments else ""
    print(
        f"Wrote an encrypted copy of your checklist{extra} to {target}. "
        "To open it on another computer: selfaudit restore FILE, with your recovery code."
    )
    return 0
