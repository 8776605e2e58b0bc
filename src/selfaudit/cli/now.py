"""`selfaudit now`: "Something has happened". Lists the situations; `now ID` prints one page of
help (what to do now, what not to do, who to tell from the policy in force); `now ID --note` prints
the note to the line manager. Reads no checklist and stores nothing; never loads Qt."""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from selfaudit.content.situations import HelpAction, SituationHelp

if TYPE_CHECKING:
    from selfaudit.content.models import Severity
    from selfaudit.situations.page import SituationPage

WIDTH = 78


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "now",
        help="something has happened: what to do now, and who to tell",
        description="Help at the moment something happens: a service user's friend request or "
        "private contact, online abuse, a service user among your friends, an image of a child, "
        "an allegation. With no ID, lists the situations; with an ID, prints what to do now, "
        "what not to do and who to tell, from your organisation's policy. Nothing is saved.",
    )
    parser.add_argument("situation", nargs="?", metavar="ID", help="the situation, from the list")
    parser.add_argument(
        "--note",
        action="store_true",
        help="print the note to your line manager for this situation, to copy and change",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.set_defaults(handler=handle)


def today() -> date:
    return date.today()


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError
    from selfaudit.cli.context import load_policy
    from selfaudit.content import ContentError
    from selfaudit.content.situations import load_situations
    from selfaudit.situations.page import page_for, page_json

    policy = load_policy(args)  # loads and checks the catalog first
    try:
        help_ = load_situations()
    except ContentError as exc:
        raise CommandError(f"the app's own content files are damaged: {exc}") from None
    if args.situation is None:
        if args.note:
            raise CommandError("--note needs a situation: selfaudit now ID --note", status=2)
        pages = [page_for(help_, s, policy) for s in help_.situation]
        if args.json:
            print(_json({"situations": [page_json(p) for p in pages]}))
        else:
            print(_listing(help_))
        return 0
    situation = help_.get(args.situation)
    if situation is None:
        raise CommandError(
            f"no situation {args.situation!r}; the situations are: {', '.join(help_.ids)}",
            status=2,
        )
    page = page_for(help_, situation, policy)
    if args.note:
        return _print_note(help_, args, page.line_manager_email())
    if args.json:
        print(_json(page_json(page)))
    else:
        print(page_text(page, policy.due_days))
    return 0


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def _print_note(help_: SituationHelp, args: argparse.Namespace, to: str) -> int:
    from selfaudit.cli import CommandError
    from selfaudit.situations.note import draft_note, mailto

    situation = help_.get(args.situation)
    assert situation is not None
    if situation.note is None:
        with_notes = [s.id for s in help_.situation if s.note is not None]
        raise CommandError(
            f"there is no note for {situation.id}; notes are for: {', '.join(with_notes)}",
            status=2,
        )
    note = draft_note(situation.note, today())
    if args.json:
        print(
            _json(
                {
                    "to": to or None,
                    "subject": note.subject,
                    "body": note.body,
                    "words": note.words,
                    "mailto": mailto(note, to),
                }
            )
        )
    else:
        print(note.as_text(), end="")
    return 0


def _listing(help_: SituationHelp) -> str:
    width = max(len(i) for i in help_.ids)
    lines = [*_wrap(help_.intro), ""]
    for situation in help_.situation:
        lines += _wrap(situation.title, f"  {situation.id:<{width}}  ", " " * (width + 4))
    lines += ["", "For one of them: selfaudit now ID (for example: selfaudit now contact)"]
    return "\n".join(lines)


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest) or [first]


def page_text(page: SituationPage, due_days: Mapping[Severity, int]) -> str:
    """The page as plain text, in the order the app shows it."""
    from selfaudit.audit.friend_actions import SEVERITY
    from selfaudit.audit.situation_actions import KIND, plan_title
    from selfaudit.situations.page import step_basis

    situation = page.situation
    lines = [*_wrap(situation.title), *_wrap(situation.hint), "", *_wrap(situation.intro)]
    if page.image_warning is not None:
        warning = page.image_warning
        lines += ["", *_wrap(warning.title), *_wrap(warning.text), *_wrap(warning.instead)]
    lines += ["", "What to do now"]
    for number, step in enumerate(page.do_now, start=1):
        lines += _wrap(step.text, f"  {number}. ", "     ")
        lines += _wrap(step_basis(step, page.code), "     ", "     ")
    lines += ["", "What not to do"]
    for step in page.do_not:
        lines += _wrap(step.text, "  -  ", "     ")
        lines += _wrap(step_basis(step, page.code), "     ", "     ")
    lines += ["", "Who to tell"]
    for told in page.tell:
        contact = told.contact
        lines += _wrap(contact.role + (f": {contact.name}" if contact.name else ""), "  ", "  ")
        details = [f"Phone {contact.phone}"] if contact.phone else []
        details += [f"E-mail {contact.email}"] if contact.email else []
        details += [contact.notes] if contact.notes else []
        for detail in details:
            lines += _wrap(detail, "     ", "     ")
    if page.outside_help:
        lines += ["", "Help outside your organisation (free and independent)"]
        for service in page.outside_help:
            lines += _wrap(f"{service.name} ({service.run_by})", "  ", "  ")
            details = [service.what]
            details += [f"Phone {service.phone}"] if service.phone else []
            details += [f"E-mail {service.email}"] if service.email else []
            details.append(service.url)
            for detail in details:
                lines += _wrap(detail, "     ", "     ")
    in_app = {
        HelpAction.RECORD: "Record it in the evidence log, with the time and the situation "
        "filled in (in the app: Something has happened, then Record it).",
        HelpAction.CHECK_FRIENDS: "Check your friends for other service users (in the app: "
        "Something has happened, then Check my friends).",
        HelpAction.NOTE: "Write a note to your line manager: selfaudit now "
        f"{situation.id} --note prints one to copy and change.",
    }
    offered = [in_app[action] for action in page.actions]
    for kind in page.plan:
        days = due_days[SEVERITY[KIND[kind]]]
        offered.append(
            f"Add to your plan (in the app): {plan_title(kind)}, to do within {days} days."
        )
    if offered:
        lines += ["", "What you can do"]
        for line in offered:
            lines += _wrap(line, "  -  ", "     ")
    lines += ["", "Nothing about this is saved unless you record it or add it to your plan."]
    return "\n".join(lines)
