"""`selfaudit import FILE.json [--yes]`: replaces the checklist with a validated export. An
invalid file is refused with the reason and changes nothing; the replaced checklist is kept
among the backups."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from selfaudit.cli import CommandError
from selfaudit.vault.contents import InvalidExportError, parse_export
from selfaudit.vault.errors import VaultError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help="replace your checklist with one exported by `selfaudit export --json`"
    )
    parser.add_argument("file", type=Path, metavar="FILE.json")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli.vault_access import confirm, holding_lock, open_checklist

    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise CommandError(
            f"cannot read {path}: {reason}. Your checklist has not changed."
        ) from None
    try:
        state = parse_export(text)
    except InvalidExportError as exc:
        raise CommandError(
            f"{path} cannot be imported: {exc}. Your checklist has not changed."
        ) from None
    with holding_lock():
        opened = open_checklist(write=True)
        if opened.vault.read_only:
            raise CommandError(f"{opened.vault.read_only} Nothing was imported.")
        confirm(
            f"This replaces your checklist ({opened.state.summary()}) with the one in {path} "
            f"({state.summary()}). The current one is kept as a backup.",
            args.yes,
        )
        try:
            opened.vault.save(state)
        except VaultError as exc:
            raise CommandError(str(exc)) from None
    print(f"Imported {path}: {state.summary()}.")
    return 0
