"""The command line. Plain commands never import Qt, so they start fast and work without a screen.

Each subcommand lives in its own module under selfaudit.cli with a `register(subparsers)` that adds
its parser and sets `handler`. Add a module name to COMMAND_MODULES to add a command.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from selfaudit import APP_TITLE, __version__

COMMAND_MODULES = (
    "selfaudit.cli.checks",
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
