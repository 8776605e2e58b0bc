"""`selfaudit status`: when you last audited, your score, when the next audit is due and how
many actions are open. Reads no answers out; never loads Qt (scripts and login reminders use it).
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
    from selfaudit.dates import local_date

    state = load_state()
    policy = load_policy(args)
    content = catalog(policy)
    last = state.audits[-1] if state.audits else None
    due = next_due(content, state, policy)
    plan = build_plan(content, state, policy, today) if last else None
    return {
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


def handle(args: argparse.Namespace) -> int:
    from selfaudit.dates import long_date

    facts = status(args, date.today())
    if args.json:
        print(json.dumps(facts, indent=2, ensure_ascii=False))
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
