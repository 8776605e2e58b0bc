"""`selfaudit remind [--if-due]`: a reminder when the self-audit or a plan action is due.

The login item runs `selfaudit remind --if-due`: when nothing is due it exits at once, without
loading Qt. When something is due it shows a notification (a tray message where the desktop has
a tray, otherwise a small window) that opens the app when clicked."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from selfaudit.cli.policy import catalog_or_fail, policy_in_force
from selfaudit.reminders import sources
from selfaudit.reminders.launch import selfaudit_command
from selfaudit.reminders.schedule import Reminder, reminder


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "remind", help="show a reminder of your next self-audit and of actions that are due"
    )
    parser.add_argument(
        "--if-due",
        action="store_true",
        help="only when the self-audit or an action is due (what the login item runs)",
    )
    parser.add_argument(
        "--print",
        dest="print_only",
        action="store_true",
        help="print the reminder here instead of showing it on the desktop",
    )
    parser.set_defaults(handler=handle)


def reminder_inputs(args: argparse.Namespace) -> sources.ReminderInputs:
    catalog = catalog_or_fail()
    policy = policy_in_force(args, catalog).policy
    return sources.reminder_inputs(sources.load_saved_state(), catalog, policy)


def todays_reminder(args: argparse.Namespace) -> Reminder:
    inputs = reminder_inputs(args)
    return reminder(inputs.schedule, inputs.actions, date.today(), inputs.section_titles)


def handle(args: argparse.Namespace) -> int:
    notice = todays_reminder(args)
    if args.if_due and not notice.is_due:
        return 0
    if args.print_only:
        print(f"{notice.title}\n\n{notice.body}")
        return 0
    from selfaudit.ui.reminder import show_reminder  # Qt only when there is something to show

    status: int = show_reminder(notice, selfaudit_command(policy=args.policy))
    return status
