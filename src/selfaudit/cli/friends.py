"""`selfaudit friends`: finds service users among the friends and followers in platform exports.

Reads and writes no file other than those named; the service-user list stays in memory.
Exit status 2 when an input cannot be read (one line per bad file); the good ones are still
checked.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

BAD_INPUT = 2


def register(subparsers: Any) -> None:
    from selfaudit.measures.friends.guides import export_names_text, handle_columns_text

    parser = subparsers.add_parser(
        "friends",
        help="find service users among your friends and followers",
        description="Compares the friends, followers and connections in the data exports you "
        f"downloaded from {export_names_text()} (the .zip, its unpacked folder, or the friends "
        "file) with a list of service users. Nothing is saved.",
    )
    parser.add_argument(
        "--names",
        required=True,
        metavar="FILE",
        help="the service users: a .txt file with one name a line, or a .csv with a name "
        f"column and optional {handle_columns_text()} columns "
        "(- reads the list from standard input)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("exports", nargs="+", metavar="EXPORT", type=Path)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError
    from selfaudit.measures.friends.isolation import MatchingError, ReadyWorkers

    with ReadyWorkers() as workers:
        workers.start()  # it loads what the check needs while the list is read
        from selfaudit.measures.friends.check import run_friend_check
        from selfaudit.measures.friends.model import ListError
        from selfaudit.measures.friends.service_users import (
            load_service_users,
            read_service_users_from_stdin,
        )

        try:
            if args.names == "-":
                users = read_service_users_from_stdin()
            else:
                users = load_service_users(Path(args.names))
        except ListError as exc:
            raise CommandError(str(exc), BAD_INPUT) from None

        try:
            result = run_friend_check(args.exports, users, workers=workers)
        except MatchingError as exc:
            raise CommandError(str(exc)) from None
    for error in result.errors:
        print(f"selfaudit: {error}", file=sys.stderr)
    if args.json:
        print(json.dumps(_as_json(result), indent=2, ensure_ascii=False))
    else:
        _print_table(result)
    return BAD_INPUT if result.errors else 0


def _as_json(result: Any) -> dict[str, Any]:
    return {
        "matches": [
            {
                "friend": match.connection.label,
                "service_user": match.service_user.name,
                "platform": match.connection.platform,
                "score": match.score,
                "confidence": match.confidence.value,
                "handle": match.connection.handle,
                "relations": sorted(r.value for r in match.connection.relations),
            }
            for match in result.matches
        ],
        "scanned": result.scanned,
        "errors": [{"file": e.source, "reason": e.reason} for e in result.errors],
    }


def _print_table(result: Any) -> None:
    from selfaudit.measures.friends.guides import platform_name
    from selfaudit.measures.friends.model import matches_by_confidence

    if result.scanned:
        counted = ", ".join(
            f"{count:,} on {platform_name(platform)}" for platform, count in result.scanned.items()
        )
        print(f"Checked {counted}.")
    elif result.errors:
        print("Nothing was checked: no friends list could be read. See above for why.")
        return
    if not result.matches:
        if result.errors:
            print("No service users found in the lists that could be read.")
        else:
            print("No service users found.")
        return
    found = len(result.matches)
    print(
        f"{found} {'match' if found == 1 else 'matches'}: {matches_by_confidence(result.matches)}."
        " Look at each one: are they the same person?"
    )
    platform_width = max(len(platform_name(m.connection.platform)) for m in result.matches)
    friend_width = max(len(m.connection.label) for m in result.matches)
    for match in result.matches:
        print(
            f"  {match.confidence.value:<8} {match.score:>3}  "
            f"{platform_name(match.connection.platform):<{platform_width}}  "
            f"{match.connection.label:<{friend_width}}  "
            f"on your list as: {match.service_user.name}"
        )
