"""`selfaudit autostart enable|disable|status`: the reminder at login, for the current user only
(no admin rights needed)."""

from __future__ import annotations

import argparse
from typing import Any

from selfaudit.reminders.autostart import AutostartError, LoginItemState, login_item
from selfaudit.reminders.launch import reminder_command


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "autostart",
        help="turn the reminder at login on or off",
        description="When on, selfaudit checks each time you log in and tells you when your "
        "self-audit or an action on your plan is due. Only for you: no admin rights needed.",
    )
    parser.add_argument("action", choices=("enable", "disable", "status"))
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError

    item = login_item()
    try:
        if args.action == "enable":
            item.enable(reminder_command(policy=args.policy))
        elif args.action == "disable":
            item.disable()
    except AutostartError as exc:
        raise CommandError(str(exc)) from None
    state = item.state()
    if state is LoginItemState.ON:
        print(f"Reminders at login are on ({item.location}).")
    elif state is LoginItemState.SWITCHED_OFF:
        print(
            f"Reminders at login are switched off in {item.settings_place}. Switch selfaudit "
            "on there, or run `selfaudit autostart enable`."
        )
    else:
        print("Reminders at login are off.")
    return 0
