"""Where IT names the policy file through device management: a `PolicyFile` value set by Group
Policy or Intune on Windows, a managed preference set by a configuration profile on macOS.

On Windows: `HKEY_LOCAL_MACHINE\\Software\\Policies\\selfaudit`, then the same key under
`HKEY_CURRENT_USER`, value `PolicyFile` (a string: the file's full path, for example on a
share; environment variables such as %ProgramData% are expanded). Only administrators can write
under either `Software\\Policies` key, so the file they name is IT's wherever it is. The ADMX
template in packaging/windows/ sets them.

On macOS: the preference `PolicyFile` in the app's domain (`uk.selfaudit.SelfAudit`), as a
configuration profile installs it: `/Library/Managed Preferences/uk.selfaudit.SelfAudit.plist`
for the computer, then `/Library/Managed Preferences/<user>/uk.selfaudit.SelfAudit.plist` for
the person. The system writes these (as root); a file there that root does not own is refused.
packaging/macos/ has an example profile.

Both come before the computer's settings folder in the search order (policy_loader.py). What the
system holds is read through small interfaces (`RegistryReader`, a folder of preference files)
so each platform's rules are tested on Linux from recorded values; the live readers only run on
their own system.
"""

from __future__ import annotations

import getpass
import ntpath
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Protocol

from selfaudit import APP_ID, APP_NAME

POLICIES_KEY = rf"Software\Policies\{APP_NAME}"
POLICY_FILE_VALUE = "PolicyFile"
MANAGED_PREFERENCES = Path("/Library/Managed Preferences")
PREFERENCE_DOMAIN = APP_ID
MAX_PREFERENCE_BYTES = 64 * 1024  # a profile's preferences for one app: a few hundred bytes

# registry value types (winreg's constants, which exist only on Windows)
REG_SZ = 1
REG_EXPAND_SZ = 2
REG_DWORD = 4
REG_MULTI_SZ = 7


class Scope(StrEnum):
    COMPUTER = "computer"  # every user of the computer
    USER = "user"  # the person's own account


@dataclass(frozen=True)
class ManagedPlace:
    """One place IT can name the policy file, and what it holds there."""

    where: str  # as IT would look for it: "HKEY_LOCAL_MACHINE\\Software\\...: PolicyFile"
    scope: Scope
    path: Path | None = None  # the file named; None when nothing usable is set
    problem: str = ""  # something is set, but it cannot be used: why

    @property
    def is_set(self) -> bool:
        return self.path is not None or bool(self.problem)


class ManagedSettings(Protocol):
    def places(self) -> list[ManagedPlace]:
        """Every place looked in, in the order tried (computer first), set or not."""
        ...


class NoManagedSettings:
    """Linux: IT deploys the file itself (the computer's settings folder)."""

    def places(self) -> list[ManagedPlace]:
        return []


# Windows -------------------------------------------------------------------------------------
class RegistryReader(Protocol):
    def read(self, hive: str, key: str, name: str) -> tuple[object, int] | None:
        """(data, type) of a value, None when the key or the value is not there; OSError when
        it cannot be read."""
        ...


HIVES = (("HKEY_LOCAL_MACHINE", Scope.COMPUTER), ("HKEY_CURRENT_USER", Scope.USER))


def _registry_path(data: object, kind: int) -> tuple[Path | None, str]:
    """The file a PolicyFile value names, or why it names none."""
    if kind not in (REG_SZ, REG_EXPAND_SZ) or not isinstance(data, str):
        what = "a number" if kind == REG_DWORD else "not text"
        return None, f"the value is {what}; it must be a string (REG_SZ): the policy file's path"
    text = ntpath.expandvars(data.strip().strip('"').strip())
    if not text:
        return None, "the value is empty; it must be the policy file's full path"
    if not PureWindowsPath(text).is_absolute():
        return None, (
            f'"{text}" is not a full path: give the drive or share, for example '
            r"\\server\policies\selfaudit.toml"
        )
    return Path(text), ""


class WindowsGroupPolicy:
    def __init__(self, registry: RegistryReader) -> None:
        self.registry = registry

    def places(self) -> list[ManagedPlace]:
        places = []
        for hive, scope in HIVES:
            where = f"{hive}\\{POLICIES_KEY}: {POLICY_FILE_VALUE}"
            try:
                found = self.registry.read(hive, POLICIES_KEY, POLICY_FILE_VALUE)
            except OSError as exc:
                places.append(
                    ManagedPlace(where, scope, problem=f"it cannot be read ({exc.strerror or exc})")
                )
                continue
            if found is None:
                places.append(ManagedPlace(where, scope))
                continue
            path, problem = _registry_path(*found)
            places.append(ManagedPlace(where, scope, path, problem))
        return places


class LiveRegistry:
    """winreg, as the person running the app (Software\\Policies can be read by everyone)."""

    def read(self, hive: str, key: str, name: str) -> tuple[object, int] | None:
        if sys.platform == "win32":
            return _read_registry(hive, key, name)
        raise OSError("the registry exists only on Windows")


if sys.platform == "win32":

    def _read_registry(hive: str, key: str, name: str) -> tuple[object, int] | None:
        import winreg

        root = {
            "HKEY_LOCAL_MACHINE": winreg.HKEY_LOCAL_MACHINE,
            "HKEY_CURRENT_USER": winreg.HKEY_CURRENT_USER,
        }[hive]
        try:
            with winreg.OpenKey(root, key) as opened:
                data, kind = winreg.QueryValueEx(opened, name)
        except FileNotFoundError:
            return None
        return data, kind


# macOS ---------------------------------------------------------------------------------------
def _owned_by_root(path: Path) -> bool:
    return path.stat().st_uid == 0


class MacManagedPreferences:
    """The app's managed preferences, as configuration profiles install them."""

    def __init__(
        self,
        root: Path = MANAGED_PREFERENCES,
        user: str | None = None,
        system_owned: Callable[[Path], bool] = _owned_by_root,
    ) -> None:
        self.root = root
        self.user = user
        self.system_owned = system_owned

    def places(self) -> list[ManagedPlace]:
        user = self.user if self.user is not None else _user_name()
        files = [(self.root / f"{PREFERENCE_DOMAIN}.plist", Scope.COMPUTER)]
        if user:
            files.append((self.root / user / f"{PREFERENCE_DOMAIN}.plist", Scope.USER))
        return [self._place(file, scope) for file, scope in files]

    def _place(self, file: Path, scope: Scope) -> ManagedPlace:
        import plistlib  # only on a Mac, and only once a profile is there

        where = f"{file}: {POLICY_FILE_VALUE}"
        try:
            if not file.is_file():
                return ManagedPlace(where, scope)
            if not self.system_owned(file):
                return ManagedPlace(
                    where,
                    scope,
                    problem="the file does not belong to the system (root), so a configuration "
                    "profile did not put it there",
                )
            if file.stat().st_size > MAX_PREFERENCE_BYTES:
                return ManagedPlace(where, scope, problem="the file is far too big")
            with file.open("rb") as fh:
                values = plistlib.load(fh)
        except (OSError, plistlib.InvalidFileException, ValueError) as exc:
            return ManagedPlace(where, scope, problem=f"it cannot be read ({exc})")
        if not isinstance(values, dict) or POLICY_FILE_VALUE not in values:
            return ManagedPlace(where, scope)
        text = values[POLICY_FILE_VALUE]
        if not isinstance(text, str) or not text.strip():
            return ManagedPlace(
                where, scope, problem="the value must be text: the policy file's full path"
            )
        if not PurePosixPath(text.strip()).is_absolute():
            return ManagedPlace(
                where,
                scope,
                problem=f'"{text.strip()}" is not a full path: it must start with /',
            )
        return ManagedPlace(where, scope, Path(text.strip()))


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this account: the computer's settings still count
        return os.environ.get("USER", "")


def managed_settings(platform: str | None = None) -> ManagedSettings:
    """Where this computer's system lets IT name the policy file."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return WindowsGroupPolicy(LiveRegistry())
    if platform == "darwin":
        return MacManagedPreferences()
    return NoManagedSettings()
