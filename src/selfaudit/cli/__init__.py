"""The command line. Plain commands never import Qt, so they start fast and work without a screen.

Each subcommand lives in its own module under selfaudit.cli with a `register(subparsers)` that adds
its parser and sets `handler`. Add a module name to COMMAND_MODULES to add a command.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from selfaudit import APP_TITLE, __version__

COMMAND_MODULES = (
    "selfaudit.cli.checks",
    "selfaudit.cli.policy",
    "selfaudit.cli.remind",
    "selfaudit.cli.autostart",
    "selfaudit.cli.calendar",
    "selfaudit.cli.plan",
    "selfaudit.cli.status",
    "selfaudit.cli.receipt",
    "selfaudit.cli.selftest",
    "selfaudit.cli.probe",
    "selfaudit.cli.password_check",
    "selfaudit.cli.evidence",
    "selfaudit.cli.friends",
    "selfaudit.cli.export",
    "selfaudit.cli.import_",
    "selfaudit.cli.backup",
    "selfaudit.cli.restore",
)


class CommandError(Exception):
    """A problem to report to the user in one line, with an exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfaudit",
        description=f"{APP_TITLE}: a private check of how well you protect yourself online. "
        "Run with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"selfaudit {__version__}")
    parser.add_argument(
        "--policy",
        type=Path,
        metavar="FILE",
        help="use this organisation policy file before any other (see `selfaudit policy`)",
    )
    parser.add_argument(
        "--induction",
        action="store_true",
        help="start a fresh audit for an induction session; at the end it offers reminders "
        "at login and a completion receipt",
    )
    # hidden: the packaging smoke test opens the window and quits once it is shown
    parser.add_argument("--exit-after-show", action="store_true", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def run(argv: list[str], force_gui: bool = False) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if force_gui or args.command is None:
        from selfaudit.ui.app import run_app

        return run_app(args)
    try:
        status: int = args.handler(args)
    except CommandError as exc:
        print(f"selfaudit: {exc}", file=sys.stderr)
        return exc.status
    return status
