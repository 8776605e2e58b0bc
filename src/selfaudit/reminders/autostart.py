"""The per-user login item that runs `selfaudit remind --if-due` when the person logs in.

One interface (`LoginItem`), one implementation per OS, none needing admin rights:

- Linux and other XDG desktops: a .desktop file in $XDG_CONFIG_HOME/autostart (XDG Autostart);
- macOS: a LaunchAgent plist in ~/Library/LaunchAgents (also run daily, as Macs are rarely
  logged out of);
- Windows: a value under HKEY_CURRENT_USER's Run key, the per-user Startup entry that Task
  Manager lists under Startup apps.

Each renders its entry as text so tests can check the content of all three on any OS.
"""

from __future__ import annotations

import configparser
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from selfaudit import APP_ID, APP_TITLE
from selfaudit.vault.atomic import replace_file

REMINDER_ID = f"{APP_ID}.Reminder"
REMINDER_NAME = f"{APP_TITLE} reminder"
REMINDER_COMMENT = "Tells you at login when your online safety self-audit or an action is due"


class AutostartError(Exception):
    """The login item could not be changed. The message is fit to show the user."""


class LoginItem(Protocol):
    @property
    def location(self) -> str:
        """Where the entry lives, in words a person or IT can look up."""
        ...

    def is_enabled(self) -> bool: ...

    def enable(self, command: Sequence[str]) -> None: ...

    def disable(self) -> None: ...


def _os_error(action: str, path: Path, exc: OSError) -> AutostartError:
    reason = exc.strerror or str(exc)
    return AutostartError(f"Could not {action} the login item {path}: {reason}.")


class FileLoginItem:
    """A login item that is one file in a per-user folder (Linux and macOS)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def location(self) -> str:
        return str(self.path)

    def render(self, command: Sequence[str]) -> str:
        raise NotImplementedError

    def enable(self, command: Sequence[str]) -> None:
        try:
            replace_file(self.path, self.render(command).encode("utf-8"), make_folder=True)
        except OSError as exc:
            raise _os_error("create", self.path, exc) from None

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise _os_error("remove", self.path, exc) from None


# Linux ----------------------------------------------------------------------------------------
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec(command: Sequence[str]) -> str:
    """The Exec= value for argv, quoted as the Desktop Entry spec asks: an argument with a
    reserved character in double quotes (with " ` $ \\ escaped), then the spec's string escape
    for backslashes, and % doubled because it starts a field code."""
    quoted = []
    for arg in command:
        if arg and not any(char in _EXEC_RESERVED for char in arg):
            quoted.append(arg)
            continue
        inner = "".join("\\" + char if char in '"`$\\' else char for char in arg)
        quoted.append(f'"{inner}"')
    return " ".join(quoted).replace("\\", "\\\\").replace("%", "%%")


class XdgAutostart(FileLoginItem):
    def __init__(self, config_home: Path) -> None:
        super().__init__(config_home / "autostart" / f"{REMINDER_ID}.desktop")

    def render(self, command: Sequence[str]) -> str:
        return "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                "Version=1.5",
                f"Name={REMINDER_NAME}",
                f"Comment={REMINDER_COMMENT}",
                f"Exec={desktop_exec(command)}",
                f"Icon={APP_ID}",
                "Terminal=false",
                "NoDisplay=true",
                "X-GNOME-Autostart-enabled=true",
                # a few seconds' wait lets the panel (and any tray) start first
                "X-GNOME-Autostart-Delay=20",
                "",
            ]
        )

    def is_enabled(self) -> bool:
        """Present and not switched off (GNOME Tweaks and KDE settings switch it off in place)."""
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        try:
            parser.read_string(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, configparser.Error):
            return False
        if not parser.has_section("Desktop Entry"):
            return False
        entry = parser["Desktop Entry"]
        return (
            entry.get("Hidden", "false").strip().lower() != "true"
            and entry.get("X-GNOME-Autostart-enabled", "true").strip().lower() != "false"
        )


# macOS ----------------------------------------------------------------------------------------
class LaunchAgent(FileLoginItem):
    # launchd runs the agent at login (RunAtLoad) and every day at this hour
    DAILY_HOUR = 10

    def __init__(self, agents_dir: Path) -> None:
        super().__init__(agents_dir / f"{REMINDER_ID}.plist")

    def render(self, command: Sequence[str]) -> str:
        agent = {
            "Label": REMINDER_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "StartCalendarInterval": {"Hour": self.DAILY_HOUR, "Minute": 0},
            "LimitLoadToSessionType": "Aqua",  # only in a logged-in desktop session
            "ProcessType": "Interactive",
        }
        return plistlib.dumps(agent, sort_keys=False).decode("utf-8")

    def is_enabled(self) -> bool:
        try:
            agent = plistlib.loads(self.path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return (
            isinstance(agent, dict)
            and agent.get("Label") == REMINDER_ID
            and agent.get("Disabled") is not True
        )


# Windows --------------------------------------------------------------------------------------
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
NOT_WINDOWS = "The Windows registry exists only on Windows."


class RunKey(Protocol):
    """The current user's Run key: string values, each a command line run at login."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class WindowsRunKey:
    """HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run, through winreg."""

    def get(self, name: str) -> str | None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    value, kind = winreg.QueryValueEx(key, name)
            except FileNotFoundError:
                return None
            return value if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) else None
        raise AutostartError(NOT_WINDOWS)

    def set(self, name: str, value: str) -> None:
        if sys.platform == "win32":
            import winreg

            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)
            return
        raise AutostartError(NOT_WINDOWS)

    def delete(self, name: str) -> None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(
                    winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE
                ) as key:
                    winreg.DeleteValue(key, name)
            except FileNotFoundError:
                pass
            return
        raise AutostartError(NOT_WINDOWS)


class WindowsStartup:
    VALUE_NAME = REMINDER_NAME

    def __init__(self, run_key: RunKey) -> None:
        self.run_key = run_key

    @property
    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}, value {self.VALUE_NAME!r}"

    @staticmethod
    def render(command: Sequence[str]) -> str:
        # the quoting Windows programs (CreateProcess, the C runtime) expect
        return subprocess.list2cmdline(list(command))

    def is_enabled(self) -> bool:
        try:
            return self.run_key.get(self.VALUE_NAME) is not None
        except OSError:
            return False

    def enable(self, command: Sequence[str]) -> None:
        try:
            self.run_key.set(self.VALUE_NAME, self.render(command))
        except OSError as exc:
            raise AutostartError(
                f"Could not add the Startup entry: {exc.strerror or exc}."
            ) from None

    def disable(self) -> None:
        try:
            self.run_key.delete(self.VALUE_NAME)
        except OSError as exc:
            raise AutostartError(
                f"Could not remove the Startup entry: {exc.strerror or exc}."
            ) from None


def login_item(platform: str | None = None) -> LoginItem:
    """The login item for this OS (or the one named, for tests)."""
    from selfaudit.paths import xdg_config_home

    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return WindowsStartup(WindowsRunKey())
    if platform == "darwin":
        return LaunchAgent(Path.home() / "Library" / "LaunchAgents")
    return XdgAutostart(xdg_config_home())
