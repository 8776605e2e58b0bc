"""`selfaudit receipt`: the one-page completion receipt as a PDF, to hand to a manager or IT."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


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
    parser.add_argument("--name", default="", help="your name, to print on the receipt")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError
    from selfaudit.cli.context import NO_AUDIT_YET, catalog, load_policy, load_state
    from selfaudit.report.files import ExportError
    from selfaudit.report.receipt import NoAuditError, build_receipt, write_receipt_pdf

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
