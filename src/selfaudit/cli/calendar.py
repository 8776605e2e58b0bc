"""`selfaudit calendar -o FILE.ics`: the re-audit and the plan's open actions for a calendar."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from selfaudit.cli import add_passphrase_file_option
from selfaudit.cli.remind import reminder_inputs
from selfaudit.reminders.calendar import reminder_calendar
from selfaudit.report.files import ExportError, write_bytes


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "calendar",
        help="save your next self-audit and your plan's actions as a calendar file (.ics)",
        description="Saves a calendar file you can open with Outlook, Google Calendar or Apple "
        "Calendar: your self-audit as a repeating event and each open action on its due date, "
        "each with a reminder. Saving it again later updates the same events.",
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.ics", help="where to save it"
    )
    add_passphrase_file_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError
    from selfaudit.cli.context import load_state
    from selfaudit.output_files import OutputRefusedError, check_target

    target: Path = args.output
    if target.suffix.lower() == ".ics":
        try:  # a folder that is not there yet is made
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"could not save {target}: {error.strerror or error}") from None
    try:  # before any work: a calendar is an .ics, and nothing but a file is replaced
        check_target(target, (".ics",), "a calendar")
    except OutputRefusedError as exc:
        raise CommandError(str(exc)) from None
    inputs = reminder_inputs(args, load_state())
    calendar = reminder_calendar(
        inputs.schedule,
        inputs.actions,
        date.today(),
        inputs.section_titles,
        stamp=datetime.now(UTC),
    )
    try:
        write_bytes(args.output, calendar.to_ical())
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    count = len(inputs.actions)
    print(
        f"Saved your self-audit reminders and {count} action{'s' if count != 1 else ''} to "
        f"{args.output}. Open the file with your calendar app to add them."
    )
    return 0
