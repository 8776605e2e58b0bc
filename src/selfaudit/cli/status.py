"""`selfaudit status`: when you last audited, your score, when the next audit is due and how
many actions are open. Reads no answers out; never loads Qt (scripts and login reminders use it).

A checklist locked with a passphrase is opened with the passphrase typed at a terminal, piped
in, or read from `--passphrase-file`. With none of those (a script, a login item), `status` says
only what it can tell without opening the checklist: that it is locked, when it was last saved,
and by when the next audit is due at the latest.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from selfaudit.cli import add_passphrase_file_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "status", help="show your last audit, score, next due date and open actions"
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    add_passphrase_file_option(parser)
    parser.set_defaults(handler=handle)


def status(args: argparse.Namespace, today: date) -> dict[str, Any]:
    from selfaudit.audit.plan import build_plan
    from selfaudit.audit.reaudit import next_due
    from selfaudit.cli.context import catalog, load_policy, load_state
    from selfaudit.cli.vault_access import NothingGivenError
    from selfaudit.dates import local_date

    try:
        state = load_state()
    except NothingGivenError:
        return locked_status(args, today)
    policy = load_policy(args)
    content = catalog(policy)
    last = state.audits[-1] if state.audits else None
    due = next_due(content, state, policy)
    plan = build_plan(content, state, policy, today) if last else None
    return {
        "locked": False,
        "last_audit": local_date(last.completed_at).isoformat() if last else None,
        "next_due": due.isoformat() if due else None,
        "audit_due_now": due is not None and due <= today,
        "score": last.score if last else None,
        "audits": len(state.audits),
        "open_actions": plan.open_count if plan else 0,
        "overdue_actions": plan.overdue_count if plan else 0,
        "done_actions": plan.done_count if plan else 0,
        "do_this_first": plan.first.title if plan and plan.first else None,
    }


def locked_status(args: argparse.Namespace, today: date) -> dict[str, Any]:
    """What can be told of a checklist locked with a passphrase without opening it: when the
    file was last saved, and that an audit is due at the latest the re-audit interval after
    that (the date of the file itself; nothing is read from inside it)."""
    from datetime import timedelta

    from selfaudit.cli.context import load_policy
    from selfaudit.cli.vault_access import user_layout

    saved = date.fromtimestamp(user_layout().main.stat().st_mtime)
    due = saved + timedelta(days=load_policy(args).reaudit_days)
    return {
        "locked": True,
        "last_saved": saved.isoformat(),
        "due_by": due.isoformat(),  # at the latest: it may be sooner, which only the app knows
        "audit_may_be_due": due <= today,
        "last_audit": None,
        "next_due": None,
        "audit_due_now": None,
        "score": None,
        "audits": None,
        "open_actions": None,
        "overdue_actions": None,
        "done_actions": None,
        "do_this_first": None,
    }


def _say_locked(facts: dict[str, Any]) -> None:
    from selfaudit.dates import long_date

    due = date.fromisoformat(facts["due_by"])
    when = (
        "it may be due now" if facts["audit_may_be_due"] else f"by {long_date(due)} at the latest"
    )
    print(
        "\n".join(
            [
                "Your checklist is locked with a passphrase, so this is only what selfaudit can",
                "tell without opening it.",
                f"Last saved:      {long_date(date.fromisoformat(facts['last_saved']))}",
                f"Next audit:      {when}",
                "For your score and actions, run this at a terminal and type your passphrase, "
                "use --passphrase-file FILE, or open selfaudit.",
            ]
        )
    )


def handle(args: argparse.Namespace) -> int:
    from selfaudit.dates import long_date

    facts = status(args, date.today())
    if args.json:
        print(json.dumps(facts, indent=2, ensure_ascii=False))
        return 0
    if facts["locked"]:
        _say_locked(facts)
        return 0
    if facts["last_audit"] is None:
        print("You have not finished an audit yet. Run selfaudit with no command to start one.")
        return 0
    last = date.fromisoformat(facts["last_audit"])
    due = date.fromisoformat(facts["next_due"])
    score = "not scored" if facts["score"] is None else f"{facts['score']} out of 100"
    when = "now" if facts["audit_due_now"] else long_date(due)
    actions = f"{facts['open_actions']} to do, {facts['done_actions']} done"
    if facts["overdue_actions"]:
        actions += f", {facts['overdue_actions']} past their date"
    lines = [
        f"Last audit:      {long_date(last)}",
        f"Score:           {score}",
        f"Next audit due:  {when}",
        f"Actions:         {actions}",
    ]
    if facts["do_this_first"]:
        lines.append(f"Do this first:   {facts['do_this_first']}")
    print("\n".join(lines))
    return 0
