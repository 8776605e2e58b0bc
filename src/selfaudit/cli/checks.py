"""`selfaudit checks`: lists every check the audit asks under the policy in force (what it rests
on: the code, in the organisation's numbering, good practice, or the organisation's own
question), or the platform content due a check: too old, or never checked against a source."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from selfaudit.content import ContentError, load_catalog
from selfaudit.content.code import BUILT_FROM, CodeOfPractice
from selfaudit.content.freshness import (
    DEFAULT_STALE_DAYS,
    stale_content,
    unchecked_content,
    unconfirmed_content,
)
from selfaudit.content.models import Basis, Catalog, Check
from selfaudit.policy import Policy

BASIS_WORDS = {
    Basis.CODE: "code",
    Basis.GOOD_PRACTICE: "good practice",
    Basis.ORGANISATION: "organisation",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "checks",
        help="list every check the audit asks",
        description="List every check the audit asks under the organisation policy in force "
        "(--policy FILE to try another), and whether the code asks for it (in the "
        "organisation's numbering), it is good practice or the organisation's own question. "
        "With --stale, list the app's platform steps that were not checked against their source "
        "recently, or not yet at all (exit status 1 when there are any).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--stale",
        action="store_true",
        help="list platform items and comparison tables not checked against a source in the "
        "last --days days, or not yet checked",
    )
    parser.add_argument(
        "--days",
        type=_days,
        default=DEFAULT_STALE_DAYS,
        metavar="N",
        help=f"with --stale: how many days make content stale (default {DEFAULT_STALE_DAYS})",
    )
    parser.set_defaults(handler=handle)


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of days, not {text!r}") from None
    if days < 0:
        raise argparse.ArgumentTypeError("the number of days cannot be negative")
    return days


def today() -> date:
    return date.today()


def _row(check: Check, catalog: Catalog, policy: Policy) -> dict[str, Any]:
    return {
        "id": check.id,
        "measure": check.measure,
        "basis": check.basis.value,
        "required": policy.requires(check),
        # the section in the organisation's numbering (null: it gives none for this one, or
        # the check is the organisation's own)
        "section": _section(check, catalog),
        "seed_ref": check.seed_ref,  # the section of the code the app was built from
        "quote": check.quote or None,
        "severity": check.severity.value,
        "answer": check.answer.value,
        "platform": check.platform,
        "kind": check.kind.value if check.kind else None,
        "question": check.question,
        "link": check.link,
        "no_link": check.no_link or None,
        "verified_on": check.verified_on.isoformat() if check.verified_on else None,
        "source": check.source,
        "unconfirmed": check.unconfirmed or None,
        "help_search": check.help_search or None,
        "reconfirm_days": check.reconfirm_days,
    }


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError

    try:
        catalog = load_catalog()
    except ContentError as exc:
        raise CommandError(f"the content files are damaged: {exc}") from None
    if args.stale:
        return _print_stale(catalog, args.days, args.json)
    from selfaudit.cli.policy import policy_in_force
    from selfaudit.policy_catalog import shape_catalog

    policy = policy_in_force(args, catalog).policy
    catalog = shape_catalog(catalog, policy)
    if args.json:
        guides = [
            {
                "platform": guide.platform,
                "tools": [tool.name for tool in guide.tools],
                "verified_on": guide.verified_on.isoformat() if guide.verified_on else None,
                "source": guide.source,
            }
            for guide in catalog.guides
        ]
        rows = [_row(check, catalog, policy) for check in catalog.checks]
        report = {
            "code": _code(catalog.code),
            "skipped": list(policy.checks.skip),
            "checks": rows,
            "guides": guides,
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    if catalog.code.own:
        print(f"Sections as numbered in {catalog.code.name} (§- where it gives no number).\n")
    width = max(len(check.id) for check in catalog.checks)
    for check in catalog.checks:
        section = _section(check, catalog) or "-"
        basis = BASIS_WORDS[check.basis] + (", required" if policy.requires(check) else "")
        print(f"{check.id:<{width}}  §{section:<4} {basis:<23}  {check.question}")
    return 0


def _section(check: Check, catalog: Catalog) -> str | None:
    if check.basis is Basis.ORGANISATION:
        return None
    return catalog.code.number(check.seed_ref)


def _code(code: CodeOfPractice) -> dict[str, Any] | None:
    """The organisation's own code, if the policy names one: quotes are still the words of the
    code the app was built from."""
    if not code.own:
        return None
    return {
        "title": code.title,
        "version": code.version or None,
        "url": code.url or None,
        "owner": code.owner or None,
        "reviewed_on": code.reviewed_on.isoformat() if code.reviewed_on else None,
        "sections": dict(code.sections),
        "quotes_from": BUILT_FROM,
    }


def _print_stale(catalog: Catalog, days: int, as_json: bool) -> int:
    """Content to re-check: what is too old (the exit status says so) and, for information, the
    labels a source did not confirm word for word. The friend check's steps count too."""
    from selfaudit.measures.friends.guides import friend_check_freshness, load_guides

    now = today()
    friends_verified, friends_unchecked = friend_check_freshness(load_guides())
    friends_stale = [v for v in friends_verified if v.age_days(now) > days]
    stale = sorted(
        [*stale_content(catalog, now, days), *friends_stale],
        key=lambda v: (v.verified_on, v.id),
    )
    unchecked = [*unchecked_content(catalog), *friends_unchecked]
    unconfirmed = unconfirmed_content(catalog)
    if as_json:
        rows = [
            {
                "id": v.id,
                "platform": v.platform,
                "verified_on": v.verified_on.isoformat(),
                "age_days": v.age_days(now),
                "source": v.source,
            }
            for v in stale
        ]
        notes = [{"id": v.id, "unconfirmed": v.unconfirmed} for v in unconfirmed]
        never = [
            {"id": u.id, "platform": u.platform, "help_search": u.help_search or None}
            for u in unchecked
        ]
        report = {
            "today": now.isoformat(),
            "days": days,
            "stale": rows,
            "not_yet_checked": never,
            "unconfirmed": notes,
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 1 if stale or unchecked else 0
    if not stale and not unchecked:
        print(f"All platform steps were checked against their source in the last {days} days.")
    elif not stale:
        print(f"No platform steps were checked against their source more than {days} days ago.")
    else:
        print(
            f"{len(stale)} platform item(s) not checked against their source for over {days} days:"
        )
        width = max(len(v.id) for v in stale)
        for v in stale:
            age = f"verified {v.verified_on} ({v.age_days(now)} days ago)"
            print(f"{v.id:<{width}}  {age}  {v.source}")
    if unchecked:
        print(
            f"\n{len(unchecked)} platform item(s) not yet checked against the platform's help "
            "or a named reputable body (the app says so; `.friend_check`: the friend check's "
            "steps to download, decline and remove):"
        )
        width = max(len(u.id) for u in unchecked)
        for u in unchecked:
            print(f"{u.id:<{width}}  search for: {u.help_search}" if u.help_search else u.id)
    if unconfirmed:
        print(f"\n{len(unconfirmed)} item(s) whose source did not confirm every label:")
        width = max(len(v.id) for v in unconfirmed)
        for v in unconfirmed:
            print(f"{v.id:<{width}}  {v.unconfirmed}")
    return 1 if stale or unchecked else 0
