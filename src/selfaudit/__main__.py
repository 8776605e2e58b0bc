"""Entry points. `selfaudit` is the command line (opens the app when given no command);
`selfaudit-gui` is the program without a console window on Windows (the bundle's selfaudit.exe,
the Start menu's and the login item's): it too opens the app only when given no command, so the
login item's `remind --if-due` shows a reminder, or nothing, and never the whole app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    try:
        from selfaudit.cli import run
    except KeyboardInterrupt:  # Ctrl-C while Python was still loading the command line
        print("selfaudit: stopped (Ctrl-C).", file=sys.stderr)
        return 130  # as the command itself would (cli.INTERRUPTED), which is not loaded yet
    return run(sys.argv[1:] if argv is None else argv)


def usual_ctrl_c() -> None:
    """Python's own Ctrl-C (KeyboardInterrupt, which each command turns into one line), in place
    of the bundle's start-up handler (packaging/rth_ctrl_c.py); left ignored where it was."""
    import signal

    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def gui_main(argv: list[str] | None = None) -> int:
    return main(argv)


if __name__ == "__main__":
    sys.exit(main())
