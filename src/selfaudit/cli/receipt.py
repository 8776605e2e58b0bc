"""`selfaudit receipt`: the one-page completion receipt as a PDF, to hand to a manager or IT."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from selfaudit.cli import add_passphrase_file_option
from selfaudit.safe_text import unsafe_characters, valid_text


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "receipt",
        help="save a completion receipt (PDF) that shows no answers",
        description="Saves a one-page PDF saying when you finished your last audit and how many "
        "measures are fully in place. It shows no answers and no details.",
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="where to save it"
    )
    parser.add_argument(
        "--name", default="", type=valid_text, help="your name, to print on the receipt"
    )
    add_passphrase_file_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError
    from selfaudit.cli.context import NO_AUDIT_YET, catalog, load_policy, load_state
    from selfaudit.output_files import OutputRefusedError, check_target
    from selfaudit.report.files import ExportError
    from selfaudit.report.receipt import NoAuditError, build_receipt, write_receipt_pdf

    try:  # before any work: a receipt is a PDF, and nothing but a file is replaced
        check_target(args.output, (".pdf",), "a receipt")
    except OutputRefusedError as exc:
        raise CommandError(str(exc)) from None
    if unsafe_characters(args.name):
        raise CommandError("--name: give your name as it is written, without control characters.")
    try:
        policy = load_policy(args)
        receipt = build_receipt(catalog(policy), load_state(), policy, name=args.name)
    except NoAuditError:
        raise CommandError(NO_AUDIT_YET) from None
    try:
        write_receipt_pdf(receipt, args.output)
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    print(f"Saved your receipt to {args.output}.")
    return 0
