"""The per-user login item that runs `selfaudit remind --if-due` when the person logs in.

One interface (`LoginItem`), one implementation per OS, none needing admin rights:

- Linux and other XDG desktops: a .desktop file in $XDG_CONFIG_HOME/autostart (XDG Autostart);
- macOS: a LaunchAgent plist in ~/Library/LaunchAgents (also run daily, as Macs are rarely
  logged out of), loaded into launchd at once (`launchctl bootstrap`, `bootout`);
- Windows: a value under HKEY_CURRENT_USER's Run key, the per-user Startup entry that Task
  Manager lists under Startup apps.

The state is what the system will do, not only whether our entry exists: the person can switch
the entry off in the desktop's startup settings, Task Manager (`StartupApproved`) or System
Settings' Login Items (the agent is then not loaded in launchd). Each OS's entry renders as text,
and each system's answers come through a small interface, so all three are tested on any OS.
"""

from __future__ import annotations

import configparser
import os
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from selfaudit import APP_ID, APP_TITLE
from selfaudit.vault.atomic import replace_file

REMINDER_ID = f"{APP_ID}.Reminder"
REMINDER_NAME = f"{APP_TITLE} reminder"
REMINDER_COMMENT = "Tells you at login when your online safety self-audit or an action is due"


class AutostartError(Exception):
    """The login item could not be changed. The message is fit to show the user."""


class LoginItemState(StrEnum):
    ON = "on"
    OFF = "off"  # no entry
    SWITCHED_OFF = "switched_off"  # our entry is there, but the system's settings switched it off


class LoginItem(Protocol):
    @property
    def location(self) -> str:
        """Where the entry lives, in words a person or IT can look up."""
        ...

    @property
    def settings_place(self) -> str:
        """Where the person can switch it off and on in the system's own settings."""
        ...

    def state(self) -> LoginItemState: ...

    def is_enabled(self) -> bool: ...

    def enable(self, command: Sequence[str]) -> None: ...

    def disable(self) -> None: ...


def _os_error(action: str, path: Path, exc: OSError) -> AutostartError:
    reason = exc.strerror or str(exc)
    return AutostartError(f"Could not {action} the login item {path}: {reason}.")


class FileLoginItem:
    """A login item that is one file in a per-user folder (Linux and macOS)."""

    settings_place = "your desktop's startup applications settings"

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def location(self) -> str:
        return str(self.path)

    def render(self, command: Sequence[str]) -> str:
        raise NotImplementedError

    def state(self) -> LoginItemState:
        raise NotImplementedError

    def is_enabled(self) -> bool:
        return self.state() is LoginItemState.ON

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
                "Version=1.0",  # the Desktop Entry spec's version this entry follows
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

    def state(self) -> LoginItemState:
        """GNOME Tweaks and KDE's settings switch an entry off in place (Hidden=true,
        X-GNOME-Autostart-enabled=false); enabling writes it afresh."""
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        try:
            parser.read_string(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, configparser.Error):
            return LoginItemState.OFF
        if not parser.has_section("Desktop Entry"):
            return LoginItemState.OFF
        entry = parser["Desktop Entry"]
        switched_off = (
            entry.get("Hidden", "false").strip().lower() == "true"
            or entry.get("X-GNOME-Autostart-enabled", "true").strip().lower() == "false"
        )
        return LoginItemState.SWITCHED_OFF if switched_off else LoginItemState.ON


# macOS ----------------------------------------------------------------------------------------
# A quarantined app opened straight from a download runs from a random read-only copy, which
# is gone after a restart: a login item must never point there.
TRANSLOCATED = "/AppTranslocation/"
MOVE_TO_APPLICATIONS = (
    "selfaudit is running from a temporary copy that macOS made because it was opened straight "
    "from where it was downloaded. Quit selfaudit, drag it into your Applications folder in "
    "Finder, open it from there, then turn reminders on again."
)


class Launchctl(Protocol):
    """Runs `launchctl ARGS`: its exit status and what it printed."""

    def __call__(self, *args: str) -> tuple[int, str]: ...


def run_launchctl(*args: str) -> tuple[int, str]:
    try:
        done = subprocess.run(
            ["/bin/launchctl", *args], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return -1, str(exc)
    return done.returncode, done.stdout + done.stderr


def _user_id() -> int:
    getuid = getattr(os, "getuid", None)  # not on Windows, where only a test makes an agent
    return -1 if getuid is None else int(getuid())


class LaunchAgent(FileLoginItem):
    """The plist in ~/Library/LaunchAgents, and launchd told at once: a file alone takes effect
    only at the next login. launchd has it loaded while it is on; System Settings' Login Items
    (macOS 13 and later) unloads it when the person switches selfaudit off there."""

    settings_place = "System Settings, General, Login Items"
    # launchd runs the agent at login (RunAtLoad) and every day at this hour
    DAILY_HOUR = 10

    def __init__(
        self, agents_dir: Path, launchctl: Launchctl = run_launchctl, uid: int | None = None
    ) -> None:
        super().__init__(agents_dir / f"{REMINDER_ID}.plist")
        self.launchctl = launchctl
        self.domain = f"gui/{_user_id() if uid is None else uid}"
        self.service = f"{self.domain}/{REMINDER_ID}"

    def render(self, command: Sequence[str]) -> str:
        agent = {
            "Label": REMINDER_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "StartCalendarInterval": {"Hour": self.DAILY_HOUR, "Minute": 0},
            "LimitLoadToSessionType": "Aqua",  # only in a logged-in desktop session
            "ProcessType": "Interactive",
            # "Open" starts the app from the reminder; without this, launchd ends every process
            # of the agent's process group, the app too, once the reminder exits
            "AbandonProcessGroup": True,
        }
        return plistlib.dumps(agent, sort_keys=False).decode("utf-8")

    def _plist_is_ours(self) -> bool:
        try:
            agent = plistlib.loads(self.path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return (
            isinstance(agent, dict)
            and agent.get("Label") == REMINDER_ID
            and agent.get("Disabled") is not True
        )

    def state(self) -> LoginItemState:
        if not self._plist_is_ours():
            return LoginItemState.OFF
        status, _ = self.launchctl("print", self.service)
        return LoginItemState.ON if status == 0 else LoginItemState.SWITCHED_OFF

    def enable(self, command: Sequence[str]) -> None:
        if command and TRANSLOCATED in command[0]:
            raise AutostartError(MOVE_TO_APPLICATIONS)
        super().enable(command)
        self.launchctl("bootout", self.service)  # an older copy of the agent; none is fine
        self.launchctl("enable", self.service)  # undoes `launchctl disable`
        status, said = self.launchctl("bootstrap", self.domain, str(self.path))
        if status != 0:
            raise AutostartError(
                "The reminder is saved but macOS did not start it "
                f"(launchctl: {said.strip() or status}). If selfaudit is switched off in "
                f"{self.settings_place}, switch it on there."
            )

    def disable(self) -> None:
        self.launchctl("bootout", self.service)  # not loaded is fine
        super().disable()


# Windows --------------------------------------------------------------------------------------
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
# Task Manager's and Settings' switch for each Run value: a binary value of the same name whose
# first byte is even when the entry may run (02) and odd when switched off (03, followed by
# when). No value means it runs.
APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
NOT_WINDOWS = "The Windows registry exists only on Windows."


class RunKey(Protocol):
    """The current user's Run key (string values, each a command line run at login) and its
    StartupApproved twin (binary values)."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...

    def approval(self, name: str) -> bytes | None: ...

    def delete_approval(self, name: str) -> None: ...


def switched_off_in_task_manager(approval: bytes | None) -> bool:
    return approval is not None and len(approval) > 0 and approval[0] % 2 == 1


class WindowsRunKey:
    """HKEY_CURRENT_USER's Run and StartupApproved\\Run keys, through winreg."""

    def _read(self, key_path: str, name: str) -> tuple[object, int] | None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key_path) as key:
                    value, kind = winreg.QueryValueEx(key, name)
            except FileNotFoundError:
                return None
            return value, kind
        raise AutostartError(NOT_WINDOWS)

    def _delete(self, key_path: str, name: str) -> None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(
                    winreg.HKEY_CURRENT_USER, key_path, 0, winreg.KEY_SET_VALUE
                ) as key:
                    winreg.DeleteValue(key, name)
            except FileNotFoundError:
                pass
            return
        raise AutostartError(NOT_WINDOWS)

    def get(self, name: str) -> str | None:
        found = self._read(RUN_KEY, name)
        if sys.platform == "win32" and found is not None:
            import winreg

            value, kind = found
            if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) and isinstance(value, str):
                return value
        return None

    def set(self, name: str, value: str) -> None:
        if sys.platform == "win32":
            import winreg

            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)
            return
        raise AutostartError(NOT_WINDOWS)

    def delete(self, name: str) -> None:
        self._delete(RUN_KEY, name)

    def approval(self, name: str) -> bytes | None:
        found = self._read(APPROVED_KEY, name)
        if found is None or not isinstance(found[0], bytes):
            return None
        return found[0]

    def delete_approval(self, name: str) -> None:
        self._delete(APPROVED_KEY, name)


class WindowsStartup:
    VALUE_NAME = REMINDER_NAME
    settings_place = "Task Manager, Startup apps (or Settings, Apps, Startup)"

    def __init__(self, run_key: RunKey) -> None:
        self.run_key = run_key

    @property
    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}, value {self.VALUE_NAME!r}"

    @staticmethod
    def render(command: Sequence[str]) -> str:
        # the quoting Windows programs (CreateProcess, the C runtime) expect
        return subprocess.list2cmdline(list(command))

    def state(self) -> LoginItemState:
        try:
            if self.run_key.get(self.VALUE_NAME) is None:
                return LoginItemState.OFF
            approval = self.run_key.approval(self.VALUE_NAME)
        except OSError:
            return LoginItemState.OFF
        if switched_off_in_task_manager(approval):
            return LoginItemState.SWITCHED_OFF
        return LoginItemState.ON

    def is_enabled(self) -> bool:
        return self.state() is LoginItemState.ON

    def enable(self, command: Sequence[str]) -> None:
        """Writes the value and, since the person has asked for it here, clears a "switched
        off" left by Task Manager (otherwise Windows would go on skipping it)."""
        try:
            self.run_key.set(self.VALUE_NAME, self.render(command))
            if switched_off_in_task_manager(self.run_key.approval(self.VALUE_NAME)):
                self.run_key.delete_approval(self.VALUE_NAME)
        except OSError as exc:
            raise AutostartError(
                f"Could not add the Startup entry: {exc.strerror or exc}."
            ) from None

    def disable(self) -> None:
        try:
            self.run_key.delete(self.VALUE_NAME)
            self.run_key.delete_approval(self.VALUE_NAME)
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
