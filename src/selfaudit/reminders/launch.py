"""How to start selfaudit again: the command a login item runs, and the one a reminder runs to
open the app. Built from the running interpreter (or bundle), never from PATH, so it works in a
virtual environment, a system install and a PyInstaller bundle alike.

On Windows both are the windowed program (selfaudit.exe, or pythonw.exe), whichever one asked:
the console program (selfaudit-cli.exe) would open a console window at every login."""

from __future__ import annotations

import sys
from pathlib import Path

# the bundle's two programs on Windows (packaging/selfaudit.spec), sharing one folder
WINDOWED_PROGRAM = "selfaudit.exe"
CONSOLE_PROGRAM = "selfaudit-cli.exe"


def selfaudit_command(
    *args: str,
    policy: Path | None = None,
    executable: Path | None = None,
    frozen: bool | None = None,
    windows: bool | None = None,
) -> list[str]:
    """The argv that runs `selfaudit ARGS` the way this copy was started.

    On Windows the program without a console is used (the bundle's selfaudit.exe beside
    selfaudit-cli.exe, or pythonw.exe), so a login item does not open a console window. A
    policy given with --policy is passed on, so the reminder uses the same intervals as the app.
    """
    exe = Path(sys.executable) if executable is None else executable
    if frozen is None:
        frozen = bool(getattr(sys, "frozen", False))
    if windows is None:
        windows = sys.platform == "win32"
    options = [f"--policy={policy.resolve()}"] if policy is not None else []
    if frozen:
        if windows and exe.name.lower() == CONSOLE_PROGRAM:
            exe = exe.with_name(WINDOWED_PROGRAM)
        return [str(exe), *options, *args]
    if windows and exe.name.lower() == "python.exe":
        quiet = exe.with_name("pythonw.exe")
        if quiet.exists():
            exe = quiet
    return [str(exe), "-m", "selfaudit", *options, *args]


def reminder_command(policy: Path | None = None) -> list[str]:
    """What the login item runs: a reminder only when something is due."""
    return selfaudit_command("remind", "--if-due", policy=policy)
