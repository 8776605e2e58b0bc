"""`selfaudit policy check FILE` and `selfaudit policy show`: for IT deploying a policy file.

Other commands get the policy in force through `policy_in_force`, which warns on stderr about a
file it had to ignore (the app shows the same warning in its window)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from selfaudit.content import ContentError, load_catalog
from selfaudit.content.models import Catalog
from selfaudit.paths import AppPaths
from selfaudit.policy_loader import (
    POLICY_FILE_NAME,
    IgnoredPolicy,
    LoadedPolicy,
    PolicyError,
    load_policy,
    managed_places,
    policy_candidates,
    read_policy_file,
)
from selfaudit.policy_summary import describe_policy


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "policy",
        help="check an organisation policy file, or show the policy in force",
        description="For IT: check a policy file before deploying it, or show which policy "
        "this computer uses and where it came from.",
    )
    actions = parser.add_subparsers(dest="policy_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="check a policy file: exit status 0 when it is valid, 1 with every problem if not",
    )
    check.add_argument("file", type=Path, metavar="FILE")
    check.set_defaults(handler=handle_check)
    show = actions.add_parser("show", help="show the policy in force and where it came from")
    show.set_defaults(handler=handle_show)


def catalog_or_fail() -> Catalog:
    from selfaudit.cli import CommandError

    try:
        return load_catalog()
    except ContentError as exc:
        raise CommandError(f"the app's own content files are damaged: {exc}") from None


def _print_rows(rows: list[tuple[str, str]]) -> None:
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


def _print_problems(ignored: IgnoredPolicy | PolicyError, stream: Any) -> None:
    for problem in ignored.problems:
        print(f"  {problem}", file=stream)


def handle_check(args: argparse.Namespace) -> int:
    catalog = catalog_or_fail()
    try:
        policy = read_policy_file(args.file, catalog)
    except PolicyError as exc:
        count = len(exc.problems)
        print(
            f"{args.file}: {count} problem{'s' if count != 1 else ''}. selfaudit would ignore "
            "this file and use the next policy it finds, or its built-in settings."
        )
        _print_problems(exc, sys.stdout)
        return 1
    print(f"{args.file} is a valid selfaudit policy.\n")
    _print_rows(describe_policy(policy, catalog))
    site = AppPaths.for_user().site_config_dirs
    if site:
        target = site[0] / POLICY_FILE_NAME
        print(f"\nTo use it for everyone on this computer, copy it to {target}")
    return 0


def policy_in_force(args: argparse.Namespace, catalog: Catalog) -> LoadedPolicy:
    """The policy for a command, warning on stderr about every file that was ignored."""
    loaded = load_policy(getattr(args, "policy", None), AppPaths.for_user(), catalog)
    for ignored in loaded.ignored:
        print(
            f"selfaudit: ignored the policy file {ignored.path} ({ignored.origin.description}):",
            file=sys.stderr,
        )
        _print_problems(ignored, sys.stderr)
    return loaded


def handle_show(args: argparse.Namespace) -> int:
    catalog = catalog_or_fail()
    loaded = policy_in_force(args, catalog)
    where = f"{loaded.path} ({loaded.origin.description})" if loaded.path else "built in"
    print(f"Policy in force: {where}\n")
    _print_rows(describe_policy(loaded.policy, catalog))
    print("\nWhere selfaudit looks, first found first used:")
    for number, candidate in enumerate(
        policy_candidates(getattr(args, "policy", None), AppPaths.for_user()), start=1
    ):
        if candidate.path == loaded.path:
            state = "in use"
        elif any(i.path == candidate.path for i in loaded.ignored):
            state = "ignored, see above"
        elif candidate.path.exists():
            state = "not needed"
        else:
            state = "no file"
        print(f"  {number}. {candidate.path}  ({candidate.origin.description}: {state})")
    places = managed_places()
    if places:
        print("\nManaged settings looked in (Group Policy, Intune or a configuration profile):")
        for place in places:
            if place.path is not None:
                said = f"names {place.path}"
            elif place.problem:
                said = f"cannot be used: {place.problem}"
            else:
                said = "not set"
            print(f"  {place.where}  {said}")
    return 0
