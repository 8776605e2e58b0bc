"""Windows: how soon the computer locks itself, and whether BitLocker protects the system drive.

Windows can lock in several ways; we take whichever comes first: a screen saver that asks for the
password (the user's settings, overridden by group policy), the organisation's machine-wide
inactivity limit, or sleep followed by "sign in again on wake". Each is read as the user, without
admin rights. The reading is behind `WindowsSettings` so the judgement is tested from recorded
values on any OS; `LiveWindowsSettings` is the thin layer over the registry and Win32 calls.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Mapping
from typing import Protocol

from selfaudit.probes.commands import CommandRunner, run_command
from selfaudit.probes.probe import (
    DISK_ENCRYPTION,
    NEVER,
    SCREEN_LOCK,
    EvidenceLog,
    LockTime,
    ProbeResult,
    ProbeStatus,
    ReadError,
    clip,
    earliest_lock,
    judge_lock_time,
    unknown,
    worst_lock,
)

WINDOWS = "windows"

DESKTOP = r"HKCU\Control Panel\Desktop"
DESKTOP_POLICY = r"HKCU\Software\Policies\Microsoft\Windows\Control Panel\Desktop"
SYSTEM_POLICY = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System"
CONSOLE_LOCK_POLICY = (
    r"HKLM\SOFTWARE\Policies\Microsoft\Power\PowerSettings\0e796bdb-100d-47d6-a2d5-f7d2daa51f51"
)
SUB_SLEEP, STANDBY_IDLE = (
    "238c9fa8-0aad-41ed-83f4-97be242c8f20",
    "29f6c1db-86da-48c5-9fdb-f2b67b1f44da",
)
SUB_NONE, CONSOLE_LOCK = (
    "fea3413e-7e05-4911-9a71-700331f1c294",
    "0e796bdb-100d-47d6-a2d5-f7d2daa51f51",
)
NEVER_ASK_AGAIN = 0xFFFFFFFF  # DelayLockInterval: "If you've been away… Never"


class WindowsSettings(Protocol):
    def registry(self, key: str, name: str) -> str | int | None:
        """A registry value (REG_SZ or REG_DWORD); None when it is not set. Raises ReadError."""

    def screen_saver(self) -> tuple[int, int, int]:
        """SystemParametersInfo: (active, timeout in seconds, secure). Raises ReadError."""

    def power_setting(self, subgroup: str, setting: str, on_battery: bool) -> int:
        """A setting of the active power plan. Raises ReadError."""

    def has_battery(self) -> bool:
        """Raises ReadError when Windows cannot say."""


def _number(value: str | int | None, what: str) -> int | None:
    if value is None or isinstance(value, int):
        return value
    try:
        return int(value.strip())
    except ValueError:
        raise ReadError(f"{what} is {value!r}, not a number") from None


def _read(
    settings: WindowsSettings, key: str, name: str, evidence: EvidenceLog
) -> str | int | None:
    try:
        value = settings.registry(key, name)
    except ReadError as exc:
        evidence[f"{key}\\{name}"] = str(exc)
        raise
    evidence[f"{key}\\{name}"] = value if isinstance(value, int) or value is None else clip(value)
    return value


def screen_saver_lock(settings: WindowsSettings, evidence: EvidenceLog) -> LockTime:
    """A screen saver locks only when it is on, asks for the password, has a program to run and
    a time; group policy values win over the user's own."""
    try:
        active, timeout, secure = settings.screen_saver()
        evidence["screen saver (SystemParametersInfo)"] = (
            f"active={active} timeout={timeout}s secure={secure}"
        )
        program = _read(settings, DESKTOP, "SCRNSAVE.EXE", evidence)
        policy = {
            name: _number(_read(settings, DESKTOP_POLICY, name, evidence), name)
            for name in ("ScreenSaveActive", "ScreenSaverIsSecure", "ScreenSaveTimeOut")
        }
        policy_program = _read(settings, DESKTOP_POLICY, "SCRNSAVE.EXE", evidence)
    except ReadError:
        return None
    active = policy["ScreenSaveActive"] if policy["ScreenSaveActive"] is not None else active
    secure = policy["ScreenSaverIsSecure"] if policy["ScreenSaverIsSecure"] is not None else secure
    timeout = policy["ScreenSaveTimeOut"] if policy["ScreenSaveTimeOut"] is not None else timeout
    program = policy_program if policy_program is not None else program
    if active and secure and program and timeout > 0:
        return timeout
    return NEVER


def inactivity_lock(settings: WindowsSettings, evidence: EvidenceLog) -> LockTime:
    """The machine-wide "Interactive logon: Machine inactivity limit" policy (0 or unset: off)."""
    try:
        seconds = _number(
            _read(settings, SYSTEM_POLICY, "InactivityTimeoutSecs", evidence), "limit"
        )
    except ReadError:
        return None
    return seconds if seconds else NEVER


def sleep_lock(settings: WindowsSettings, on_battery: bool, evidence: EvidenceLog) -> LockTime:
    """Sleep locks the computer when Windows asks for the password on wake."""
    source = "battery" if on_battery else "mains"
    try:
        sleep_after = settings.power_setting(SUB_SLEEP, STANDBY_IDLE, on_battery)
        evidence[f"sleep after ({source})"] = sleep_after
        index = "DCSettingIndex" if on_battery else "ACSettingIndex"
        asks = _number(_read(settings, CONSOLE_LOCK_POLICY, index, evidence), index)
        if asks is None:
            asks = settings.power_setting(SUB_NONE, CONSOLE_LOCK, on_battery)
        evidence[f"password on wake ({source})"] = asks
        away = _number(_read(settings, DESKTOP, "DelayLockInterval", evidence), "DelayLockInterval")
    except ReadError as exc:
        evidence[f"sleep ({source})"] = str(exc)
        return None
    if sleep_after == 0 or asks != 1 or away == NEVER_ASK_AGAIN:
        return NEVER
    return sleep_after + (away or 0)


class WindowsScreenLockProbe:
    id = SCREEN_LOCK
    system = WINDOWS

    def __init__(self, limit_seconds: int, settings: WindowsSettings | None = None) -> None:
        self.limit_seconds = limit_seconds
        self.settings = settings if settings is not None else LiveWindowsSettings()

    def run(self) -> ProbeResult:
        evidence: EvidenceLog = {}
        settings = self.settings
        saver = screen_saver_lock(settings, evidence)
        inactivity = inactivity_lock(settings, evidence)
        try:
            battery = settings.has_battery()
        except ReadError:
            battery = True  # judge the battery settings too: the stricter reading
        evidence["has battery"] = battery
        sources = [False, True] if battery else [False]
        time = worst_lock(
            earliest_lock(
                [saver, inactivity, sleep_lock(settings, on_battery, evidence)], self.limit_seconds
            )
            for on_battery in sources
        )
        return judge_lock_time(
            time,
            self.limit_seconds,
            WINDOWS,
            "No screen saver with a password, no sleep that asks for your password and no "
            "automatic lock are set, so this computer never locks itself.",
            evidence,
        )


# BitLocker, as Explorer shows it (System.Volume.BitLockerProtection), readable without admin.
# 1 on, 3 encrypting, 2 off. Other values are read differently by different sources: unknown.
BITLOCKER_ON, BITLOCKER_OFF, BITLOCKER_ENCRYPTING = "1", "2", "3"
POWERSHELL_TIMEOUT = 15.0  # PowerShell can take several seconds to start on a busy machine


def bitlocker_command(env: Mapping[str, str]) -> list[str]:
    drive = env.get("SystemDrive", "C:")
    if not re.fullmatch(r"[A-Za-z]:", drive):
        raise ReadError(f"the system drive {drive!r} is not a drive letter")
    root = env.get("SystemRoot", r"C:\Windows")
    script = (
        f"(New-Object -ComObject Shell.Application).NameSpace('{drive}')"
        ".Self.ExtendedProperty('System.Volume.BitLockerProtection')"
    )
    powershell = rf"{root}\System32\WindowsPowerShell\v1.0\powershell.exe"
    return [powershell, "-NoProfile", "-NonInteractive", "-Command", script]


class WindowsDiskEncryptionProbe:
    id = DISK_ENCRYPTION
    system = WINDOWS

    def __init__(self, run: CommandRunner | None = None, env: Mapping[str, str] | None = None):
        self.run_command = run or functools.partial(run_command, timeout=POWERSHELL_TIMEOUT)
        self.env = dict(os.environ if env is None else env)

    def run(self) -> ProbeResult:
        evidence: EvidenceLog = {"system drive": self.env.get("SystemDrive", "C:")}
        try:
            out = self.run_command(bitlocker_command(self.env))
        except ReadError as exc:
            evidence["problem"] = str(exc)
            return unknown(
                DISK_ENCRYPTION, WINDOWS, "We couldn't find out whether BitLocker is on.", evidence
            )
        value = out.stdout.strip()
        evidence["System.Volume.BitLockerProtection"] = clip(value) or "(empty)"
        if out.returncode != 0:
            evidence["problem"] = clip(out.stderr) or f"exit status {out.returncode}"
        elif value == BITLOCKER_ON:
            return ProbeResult(
                DISK_ENCRYPTION,
                ProbeStatus.PASS,
                "BitLocker is on: the drive Windows runs from is encrypted.",
                WINDOWS,
                evidence,
            )
        elif value == BITLOCKER_ENCRYPTING:
            return ProbeResult(
                DISK_ENCRYPTION,
                ProbeStatus.PASS,
                "BitLocker is on and still encrypting the drive Windows runs from. Keep the "
                "computer plugged in until it finishes.",
                WINDOWS,
                evidence,
            )
        elif value == BITLOCKER_OFF:
            return ProbeResult(
                DISK_ENCRYPTION,
                ProbeStatus.FAIL,
                "BitLocker is off: the drive Windows runs from is not encrypted.",
                WINDOWS,
                evidence,
            )
        return unknown(
            DISK_ENCRYPTION, WINDOWS, "We couldn't find out whether BitLocker is on.", evidence
        )


class LiveWindowsSettings:
    """The real registry, SystemParametersInfo and power plan. Only works on Windows; anywhere
    else every read is a ReadError, so the probe says unknown."""

    def registry(self, key: str, name: str) -> str | int | None:
        if sys.platform == "win32":
            return _registry(key, name)
        raise ReadError("not Windows")

    def screen_saver(self) -> tuple[int, int, int]:
        if sys.platform == "win32":
            # SPI_GETSCREENSAVEACTIVE, SPI_GETSCREENSAVETIMEOUT, SPI_GETSCREENSAVESECURE
            return _spi(0x0010), _spi(0x000E), _spi(0x0076)
        raise ReadError("not Windows")

    def power_setting(self, subgroup: str, setting: str, on_battery: bool) -> int:
        if sys.platform == "win32":
            return _power_setting(subgroup, setting, on_battery)
        raise ReadError("not Windows")

    def has_battery(self) -> bool:
        if sys.platform == "win32":
            return _has_battery()
        raise ReadError("not Windows")


if sys.platform == "win32":  # the Win32 layer; type-checked only on Windows
    import ctypes
    import uuid
    import winreg
    from ctypes import wintypes

    def _registry(key: str, name: str) -> str | int | None:
        hive_name, _, path = key.partition("\\")
        hives = {"HKCU": winreg.HKEY_CURRENT_USER, "HKLM": winreg.HKEY_LOCAL_MACHINE}
        try:
            with winreg.OpenKey(hives[hive_name], path) as handle:
                value, _kind = winreg.QueryValueEx(handle, name)
        except FileNotFoundError:
            return None
        except PermissionError:
            raise ReadError(f"not allowed to read {key}\\{name}") from None
        except OSError as exc:
            raise ReadError(f"could not read {key}\\{name}: {exc.strerror}") from None
        if isinstance(value, str | int):
            return value
        raise ReadError(f"{key}\\{name} is neither text nor a number")

    def _spi(action: int) -> int:
        value = wintypes.UINT()
        if not ctypes.windll.user32.SystemParametersInfoW(action, 0, ctypes.byref(value), 0):
            raise ReadError(f"SystemParametersInfo({action:#x}) failed")
        return int(value.value)

    class _GUID(ctypes.Structure):
        _fields_ = [
            ("Data1", wintypes.DWORD),
            ("Data2", wintypes.WORD),
            ("Data3", wintypes.WORD),
            ("Data4", ctypes.c_ubyte * 8),
        ]

    def _guid(text: str) -> _GUID:
        u = uuid.UUID(text)
        return _GUID(u.fields[0], u.fields[1], u.fields[2], (ctypes.c_ubyte * 8)(*u.bytes[8:]))

    def _power_setting(subgroup: str, setting: str, on_battery: bool) -> int:
        powrprof = ctypes.windll.powrprof
        scheme = ctypes.POINTER(_GUID)()
        if powrprof.PowerGetActiveScheme(None, ctypes.byref(scheme)) != 0:
            raise ReadError("could not find the active power plan")
        try:
            value = wintypes.DWORD()
            read = powrprof.PowerReadDCValueIndex if on_battery else powrprof.PowerReadACValueIndex
            group, item = _guid(subgroup), _guid(setting)
            if read(None, scheme, ctypes.byref(group), ctypes.byref(item), ctypes.byref(value)):
                raise ReadError("could not read the power plan")
            return int(value.value)
        finally:
            ctypes.windll.kernel32.LocalFree(scheme)

    class _SystemPowerStatus(ctypes.Structure):
        _fields_ = [
            ("ACLineStatus", wintypes.BYTE),
            ("BatteryFlag", wintypes.BYTE),
            ("BatteryLifePercent", wintypes.BYTE),
            ("SystemStatusFlag", wintypes.BYTE),
            ("BatteryLifeTime", wintypes.DWORD),
            ("BatteryFullLifeTime", wintypes.DWORD),
        ]

    def _has_battery() -> bool:
        status = _SystemPowerStatus()
        if not ctypes.windll.kernel32.GetSystemPowerStatus(ctypes.byref(status)):
            raise ReadError("Windows could not say whether there is a battery")
        flag = status.BatteryFlag & 0xFF
        if flag == 0xFF:
            raise ReadError("Windows does not know whether there is a battery")
        return not flag & 0x80  # 128: no system battery
