"""The command line. Plain commands never import Qt, so they start fast and work without a screen.

Each subcommand lives in its own module under selfaudit.cli with a `register(subparsers)` that adds
its parser and sets `handler`. Add a module name to COMMAND_MODULES to add a command.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

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
    "selfaudit.cli.now",
    "selfaudit.cli.export",
    "selfaudit.cli.import_",
    "selfaudit.cli.backup",
    "selfaudit.cli.restore",
)


INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped with Ctrl-C


class CommandError(Exception):
    """A problem to report to the user in one line, with an exit status."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class CommandInput:
    """Where the running command's secrets come from: `--passphrase-file`, else the terminal,
    else one line of standard input, unless standard input carries the command's own data
    (`evidence add` reads the message from it), when it never holds a secret. Set afresh for
    each command by `run`; read by `cli.vault_access`."""

    passphrase_file: Path | None = None
    stdin_holds_data: bool = False


command_input = CommandInput()

PASSPHRASE_FILE_HELP = (
    "read the passphrase that locks your checklist from the first line of FILE (a regular "
    "file, up to 4 KB) instead of asking for it"
)


def add_passphrase_file_option(parser: argparse.ArgumentParser) -> None:
    """For a command that opens the checklist: `--passphrase-file FILE` after the command too
    (the global option, before it, works for every command)."""
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=PASSPHRASE_FILE_HELP,
    )


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"selfaudit {__version__}")
    parser.add_argument(
        "--policy",
        type=Path,
        metavar="FILE",
        help="use this organisation policy file before any other (see `selfaudit policy`)",
    )
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE", help=PASSPHRASE_FILE_HELP)
    parser.add_argument(
        "--induction",
        action="store_true",
        help="start a fresh audit for an induction session; at the end it offers reminders "
        "at login and a completion receipt",
    )
    # hidden: the packaging smoke test opens the window and quits once it is shown; the
    # benchmarks time the same lines, and with --report-frames the app stays open (for the
    # accessibility benchmark to read it)
    parser.add_argument("--exit-after-show", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--report-frames", action="store_true", help=argparse.SUPPRESS)


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfaudit",
        description=f"{APP_TITLE}: a private check of how well you protect yourself online. "
        "Run with no command to open the app.",
        epilog="Qt's own options, such as -platform, -style, -reverse and -qwindowgeometry, "
        "are passed to Qt when the app opens.",
    )
    _add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


class _NotGlobalOptionsError(Exception):
    pass


class _GlobalOptions(argparse.ArgumentParser):
    """Reads the options that come before a command, and nothing else: opening the app (or
    `--version`) then needs no command module, so it starts without importing them all."""

    def __init__(self) -> None:
        super().__init__(prog="selfaudit", add_help=False)
        _add_global_options(self)

    def error(self, message: str) -> NoReturn:
        raise _NotGlobalOptionsError(message)


def _module_for(command: str) -> str | None:
    """The module of a command, by the naming rule every command module follows (`self-test`
    in selftest, `import` in import_); None when no module fits."""
    wanted = command.replace("-", "").replace("_", "")
    for name in COMMAND_MODULES:
        if name.rsplit(".", 1)[-1].replace("_", "") == wanted:
            return name
    return None


def parse(argv: list[str]) -> argparse.Namespace:
    """Parses the command line, importing only the command module it needs (all of them for
    `--help` or a mistake, so the message lists every command). Qt's own options (`-platform
    xcb`, `-style fusion`, `-reverse`…) are not commands: they come back as `qt_options`, for
    the window (cli/qt_options.py)."""
    from selfaudit.cli.qt_options import split_qt_options

    argv, qt_options = split_qt_options(argv)
    args = _parse(argv)
    args.qt_options = qt_options
    return args


def _parse(argv: list[str]) -> argparse.Namespace:
    try:
        args, rest = _GlobalOptions().parse_known_args(argv)
    except _NotGlobalOptionsError:
        return build_parser().parse_args(argv)
    if not rest:
        args.command = None
        return args
    module = _module_for(rest[0]) if not rest[0].startswith("-") else None
    if module is not None:
        args = build_parser([module]).parse_args(argv)
        if args.command is not None:
            return args
    return build_parser().parse_args(argv)


def run(argv: list[str]) -> int:
    _frozen_worker_support()  # first of all: a bundled worker process starts this way too
    # A command loads its modules, reads the checklist and ends: it makes next to no garbage
    # cycles, and the collector's passes over everything loaded would only add time (about a
    # tenth). The app resumes it once started (ui/app.py); a command's caller gets it back.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str]) -> int:
    try:  # Ctrl-C while the command's modules load: nothing has begun
        from selfaudit.cli.terminal import safe_streams

        with safe_streams():  # argparse's messages quote what was typed
            args = parse(argv)
    except KeyboardInterrupt:
        print("selfaudit: stopped (Ctrl-C).", file=sys.stderr)
        return INTERRUPTED
    if args.command is None:
        from selfaudit.ui.app import run_app

        return run_app(args)
    command_input.passphrase_file = getattr(args, "passphrase_file", None)
    command_input.stdin_holds_data = False
    with safe_streams():
        return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    """The command's exit status; every way it can end is one line, never a traceback."""
    from selfaudit.cli.terminal import silence_stdout

    try:
        status: int = args.handler(args)
        sys.stdout.flush()  # a reader gone away is found here, not on the way out
        return status
    except CommandError as exc:
        print(f"selfaudit: {exc}", file=sys.stderr)
        return exc.status
    except BrokenPipeError:
        # the reader stopped early (`selfaudit checks | head -1`): nothing worth a word
        silence_stdout()
        return 0
    except KeyboardInterrupt:
        print(
            "selfaudit: stopped (Ctrl-C). Nothing was left half-written: your checklist is as "
            "it was last saved.",
            file=sys.stderr,
        )
        return INTERRUPTED
    except MemoryError:
        print(
            "selfaudit: there was not enough memory to finish. Your checklist is as it was "
            "last saved.",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # the last word: a bug, said in one line rather than a traceback
        what = " ".join(str(exc).split())
        what = what if len(what) <= 200 else what[:197] + "..."
        print(
            f"selfaudit: something went wrong that selfaudit did not expect ({type(exc).__name__}"
            f"{': ' + what if what else ''}). Your checklist is as it was last saved.",
            file=sys.stderr,
        )
        return 1


def _frozen_worker_support() -> None:
    """In a bundled app the friend check's worker process starts as this same program: let
    multiprocessing take over when it is that worker (a no-op otherwise)."""
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
