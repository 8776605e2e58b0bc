"""`selfaudit import FILE.json [--yes]`: replaces the checklist with a validated export. An
invalid file is refused with the reason and changes nothing; before it asks, it says what the
replacement removes (incidents, attachments, audits recorded since the export); the replaced
checklist is kept among the backups, and attachments nothing refers to any more are deleted
after the save."""

from __future__ import annotations

import argparse
import contextlib
from datetime import date
from pathlib import Path
from typing import Any

from selfaudit.audit.state import AppState
from selfaudit.bounded import MB, ReadRefusedError, allow_memory_caps, memory_cap, read_file
from selfaudit.cli import CommandError, add_passphrase_file_option
from selfaudit.vault.contents import InvalidExportError, parse_export
from selfaudit.vault.errors import VaultError

MAX_IMPORT_BYTES = 32 * MB  # an export of a 10 MB checklist is about 15 MB
PARSE_MEMORY = 320 * MB  # reading, checking and reading back the largest one takes about 250


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import", help="replace your checklist with one exported by `selfaudit export --json`"
    )
    parser.add_argument("file", type=Path, metavar="FILE.json")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_passphrase_file_option(parser)
    parser.set_defaults(handler=handle)


def read_import(path: Path, args: argparse.Namespace) -> AppState:
    """The checklist in FILE, or CommandError saying why it cannot be imported."""
    unchanged = "Your checklist has not changed."
    try:
        data = read_file(path, MAX_IMPORT_BYTES, "this")
    except ReadRefusedError as exc:
        raise CommandError(f"cannot read {path}: {exc}. {unchanged}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"cannot read {path}: it is not UTF-8 text. {unchanged}") from None
    allow_memory_caps()  # this command runs nothing else meanwhile
    try:
        with memory_cap(PARSE_MEMORY):
            state = parse_export(text)
        _check_usable(state, args)
    except InvalidExportError as exc:
        raise CommandError(f"{path} cannot be imported: {exc}. {unchanged}") from None
    except MemoryError:
        raise CommandError(
            f"{path} cannot be imported: it would take far more memory than a checklist "
            f"does. {unchanged}"
        ) from None
    return state


def _check_usable(state: AppState, args: argparse.Namespace) -> None:
    """Works out what the app and the commands will show (the plan, the re-audit schedule)
    before anything is replaced: a checklist they could not show is not imported."""
    from selfaudit.audit.plan import build_plan
    from selfaudit.audit.reaudit import schedule
    from selfaudit.cli.context import catalog, load_policy

    policy = load_policy(args)
    content = catalog(policy)
    try:
        build_plan(content, state, policy, date.today())
        schedule(content, state, policy)
    except Exception as exc:  # anything at all: better refused now than failing every day
        raise InvalidExportError(
            f"selfaudit could not work out your plan from it ({type(exc).__name__})"
        ) from None


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli.vault_access import confirm, holding_lock, open_checklist
    from selfaudit.vault.import_checks import attachment_ids, removed_by_import

    path: Path = args.file
    state = read_import(path, args)
    with holding_lock("import"):
        opened = open_checklist(write=True)
        if opened.vault.read_only:
            raise CommandError(f"{opened.vault.read_only} Nothing was imported.")
        removed = removed_by_import(opened.state, state)
        loses = f" It removes what was recorded since that export: {removed}." if removed else ""
        confirm(
            f"This replaces your checklist ({opened.state.summary()}) with the one in {path} "
            f"({state.summary()}).{loses} The current one is kept as a backup.",
            args.yes,
        )
        try:
            opened.vault.save(state)
        except VaultError as exc:
            raise CommandError(str(exc)) from None
        # after the save, never before: a failed save leaves every attachment in place
        blobs = opened.vault.blobs
        for blob_id in sorted(attachment_ids(opened.state) - attachment_ids(state)):
            with contextlib.suppress(OSError, VaultError, ValueError):
                blobs.delete(blob_id)
    print(f"Imported {path}: {state.summary()}.")
    if removed:
        print(f"Removed: {removed}.")
    return 0
