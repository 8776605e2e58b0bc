"""`selfaudit export --json`: all of the person's data, as JSON, to standard output (their right
of access). Nothing is written to disk."""

from __future__ import annotations

import argparse
from typing import Any

from selfaudit.cli import add_passphrase_file_option
from selfaudit.vault.contents import export_json


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="print all your data as JSON (it is not encrypted: keep the output private)",
    )
    parser.add_argument("--json", action="store_true", required=True, help="JSON (required)")
    add_passphrase_file_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli.vault_access import open_checklist

    opened = open_checklist(write=False)
    print(export_json(opened.state))
    return 0
