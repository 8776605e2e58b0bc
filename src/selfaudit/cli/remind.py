"""`selfaudit remind [--if-due]`: a reminder when the self-audit or a plan action is due.

The login item runs `selfaudit remind --if-due`: when nothing is due it exits at once, without
loading Qt. When something is due it shows a notification (a tray message where the desktop has
a tray, otherwise a small window) that opens the app when clicked."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from selfaudit.audit.state import AppState
from selfaudit.cli import add_passphrase_file_option
from selfaudit.cli.policy import catalog_or_fail, policy_in_force
from selfaudit.reminders.inputs import ReminderInputs
from selfaudit.reminders.inputs import reminder_inputs as inputs_for
from selfaudit.reminders.launch import selfaudit_command
from selfaudit.reminders.notice import Reminder, passphrase_reminder, reminder


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
    add_passphrase_file_option(parser)
    parser.set_defaults(handler=handle)


def reminder_inputs(args: argparse.Namespace, state: AppState) -> ReminderInputs:
    from selfaudit.policy_catalog import shape_catalog

    catalog = catalog_or_fail()
    policy = policy_in_force(args, catalog).policy
    return inputs_for(state, shape_catalog(catalog, policy), policy)


def saved_state(ask_passphrase: bool) -> AppState | None:
    """The saved checklist; a fresh one before the first audit; None when it is locked with a
    passphrase and may not be asked for."""
    from selfaudit.cli import context
    from selfaudit.cli.vault_access import NeedsPassphraseError

    try:
        return context.load_state(ask_passphrase=ask_passphrase)
    except NeedsPassphraseError:
        return None


def todays_reminder(args: argparse.Namespace) -> Reminder:
    # at login nobody is there to type a passphrase: never wait for one
    state = saved_state(ask_passphrase=not args.if_due)
    if state is None:
        return locked_checklist_reminder(args)
    inputs = reminder_inputs(args, state)
    return reminder(inputs.schedule, inputs.actions, date.today(), inputs.section_titles)


def locked_checklist_reminder(args: argparse.Namespace) -> Reminder:
    """For a checklist locked with a passphrase: due when it has not been changed for the
    re-audit interval (the file's own date; nothing is read from inside it)."""
    from selfaudit.cli.vault_access import user_layout

    catalog = catalog_or_fail()
    interval = policy_in_force(args, catalog).policy.reaudit_days
    changed = date.fromtimestamp(user_layout().main.stat().st_mtime)
    return passphrase_reminder(changed, interval, date.today())


def handle(args: argparse.Namespace) -> int:
    notice = todays_reminder(args)
    if args.if_due and not notice.is_due:
        return 0
    if args.print_only:
        print(f"{notice.title}\n\n{notice.body}")
        return 0
    from selfaudit.ui.app import show_reminder  # Qt only when there is something to show

    status: int = show_reminder(notice, selfaudit_command(policy=args.policy))
    return status
