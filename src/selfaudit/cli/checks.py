"""`selfaudit checks`: lists every check in the catalog."""

from __future__ import annotations

import argparse
import json
from typing import Any

from selfaudit.content import ContentError, load_catalog


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("checks", help="list every check the audit asks")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError

    try:
        catalog = load_catalog()
    except ContentError as exc:
        raise CommandError(f"the content files are damaged: {exc}") from None
    rows = [
        {
            "id": check.id,
            "measure": check.measure,
            "seed_ref": check.seed_ref,
            "severity": check.severity.value,
            "answer": check.answer.value,
            "platform": check.platform,
            "question": check.question,
        }
        for check in catalog.checks
    ]
    if args.json:
        print(json.dumps({"checks": rows}, indent=2, ensure_ascii=False))
        return 0
    width = max(len(check.id) for check in catalog.checks)
    for check in catalog.checks:
        print(f"{check.id:<{width}}  §{check.seed_ref:<3} {check.question}")
    return 0
