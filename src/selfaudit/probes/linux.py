"""Linux: the screen lock of GNOME, Cinnamon, MATE (gsettings) and KDE Plasma (kscreenlockerrc).
Whether the disk is encrypted is in linux_disk.py.

Everything here is read as the user, without root: gsettings and the user's KDE config files. A
desktop we do not know and a tool that is missing or fails are "unknown".
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from selfaudit.probes.commands import CommandRunner, run_command
from selfaudit.probes.probe import (
    SCREEN_LOCK,
    EvidenceLog,
    LockReading,
    ProbeResult,
    ReadError,
    clip,
    judge_lock,
    unknown,
)

GNOME, KDE, CINNAMON, MATE = "gnome", "kde", "cinnamon", "mate"
UNKNOWN_DESKTOP = "linux"

# XDG_CURRENT_DESKTOP names a desktop first, then what it is based on ("ubuntu:GNOME"). Only the
# first name decides: "Budgie:GNOME" reads GNOME's keys differently enough that we do not guess.
_GNOME_NAMES = {"gnome", "ubuntu", "pop", "zorin", "gnome-classic", "gnome-flashback"}


def detect_desktop(env: Mapping[str, str]) -> str:
    names = [n.strip().lower() for n in env.get("XDG_CURRENT_DESKTOP", "").split(":") if n.strip()]
    if not names:
        session = env.get("DESKTOP_SESSION", "").strip().lower()
        names = [session] if session else []
    if not names:
        return UNKNOWN_DESKTOP
    first = names[0]
    if first in {"kde", "plasma", "plasmawayland"}:
        return KDE
    if first in {"x-cinnamon", "cinnamon"}:
        return CINNAMON
    if first == "mate":
        return MATE
    if first in _GNOME_NAMES:
        return GNOME
    return UNKNOWN_DESKTOP


# --- GNOME, Cinnamon and MATE: gsettings ------------------------------------------------------


@dataclass(frozen=True)
class GSettingsKeys:
    """Where one desktop keeps its screen-lock settings, and the unit of its delays."""

    idle_delay: tuple[str, str]  # how long until the session counts as idle (0 = never)
    lock_enabled: tuple[str, str]  # lock when the screen saver / blank screen starts
    lock_delay: tuple[str, str]  # extra wait after that before it locks
    lockdown: tuple[str, str]  # an administrator turned locking off altogether
    idle_activation: tuple[str, str] | None  # the screen saver starts at all when idle
    seconds_per_unit: int


GSETTINGS_KEYS = {
    GNOME: GSettingsKeys(
        idle_delay=("org.gnome.desktop.session", "idle-delay"),
        lock_enabled=("org.gnome.desktop.screensaver", "lock-enabled"),
        lock_delay=("org.gnome.desktop.screensaver", "lock-delay"),
        lockdown=("org.gnome.desktop.lockdown", "disable-lock-screen"),
        idle_activation=None,  # deprecated and ignored by GNOME: idle-delay 0 means never
        seconds_per_unit=1,
    ),
    CINNAMON: GSettingsKeys(
        idle_delay=("org.cinnamon.desktop.session", "idle-delay"),
        lock_enabled=("org.cinnamon.desktop.screensaver", "lock-enabled"),
        lock_delay=("org.cinnamon.desktop.screensaver", "lock-delay"),
        lockdown=("org.cinnamon.desktop.lockdown", "disable-lock-screen"),
        idle_activation=("org.cinnamon.desktop.screensaver", "idle-activation-enabled"),
        seconds_per_unit=1,
    ),
    MATE: GSettingsKeys(
        idle_delay=("org.mate.session", "idle-delay"),
        lock_enabled=("org.mate.screensaver", "lock-enabled"),
        lock_delay=("org.mate.screensaver", "lock-delay"),
        lockdown=("org.mate.lockdown", "disable-lock-screen"),
        idle_activation=("org.mate.screensaver", "idle-activation-enabled"),
        seconds_per_unit=60,  # MATE counts its delays in minutes
    ),
}


def _gsettings(run: CommandRunner, schema: str, key: str, evidence: dict[str, object]) -> str:
    label = f"gsettings get {schema} {key}"
    try:
        out = run(["gsettings", "get", schema, key])
    except ReadError as exc:
        evidence[label] = str(exc)
        raise ReadError(str(exc)) from None
    if out.returncode != 0:
        evidence[label] = clip(out.stderr or f"exit status {out.returncode}")
        raise ReadError(f"gsettings could not read {schema} {key}")
    if "GSettings backend" in out.stderr or "GSETTINGS_BACKEND" in out.stderr:
        # without the user's settings store, gsettings prints the defaults, not the real values
        evidence[label] = clip(out.stderr)
        raise ReadError("gsettings could not reach this desktop's settings")
    value = out.stdout.strip()
    evidence[label] = clip(value)
    return value


def _as_bool(value: str) -> bool:
    if value in {"true", "false"}:
        return value == "true"
    raise ReadError(f"expected true or false, got {value!r}")


def _as_count(value: str) -> int:
    text = value.removeprefix("uint32 ").removeprefix("int32 ").strip()
    try:
        number = int(text)
    except ValueError:
        raise ReadError(f"expected a number, got {value!r}") from None
    if number < 0:
        raise ReadError(f"expected a number of zero or more, got {value!r}")
    return number


def _no_such_setting(run: CommandRunner, schema: str, key: str) -> bool:
    """True when this desktop has no such setting at all (an older version): then it cannot
    be what turns locking off."""
    try:
        out = run(["gsettings", "get", schema, key])
    except ReadError:
        return False
    return out.returncode != 0 and ("No such schema" in out.stderr or "No such key" in out.stderr)


def read_gsettings_lock(
    run: CommandRunner, keys: GSettingsKeys
) -> tuple[LockReading, dict[str, object]]:
    """Raises ReadError when any setting cannot be read; evidence holds what was seen."""
    evidence: dict[str, object] = {}
    try:
        locked_down = _as_bool(_gsettings(run, *keys.lockdown, evidence))
    except ReadError:
        if not _no_such_setting(run, *keys.lockdown):
            raise ReadError("could not read whether locking is allowed") from None
        locked_down = False
    idle = _as_count(_gsettings(run, *keys.idle_delay, evidence))
    lock_enabled = _as_bool(_gsettings(run, *keys.lock_enabled, evidence))
    delay = _as_count(_gsettings(run, *keys.lock_delay, evidence))
    activates = (
        _as_bool(_gsettings(run, *keys.idle_activation, evidence)) if keys.idle_activation else True
    )
    if locked_down:
        reading = LockReading(
            False, never_reason="Locking the screen is turned off on this computer."
        )
    elif not activates:
        reading = LockReading(
            False,
            never_reason="The screen saver never starts, so this computer never locks itself.",
        )
    elif idle == 0:
        reading = LockReading(
            False, never_reason="The screen never goes blank, so this computer never locks itself."
        )
    elif not lock_enabled:
        reading = LockReading(
            False,
            never_reason="The screen goes blank but does not lock, so anyone can carry on.",
        )
    else:
        reading = LockReading(True, after_seconds=(idle + delay) * keys.seconds_per_unit)
    return reading, evidence


# --- KDE Plasma: kscreenlockerrc ---------------------------------------------------------------

# KDE's own defaults (kscreenlocker's kscreenlockersettings.kcfg): a missing key means these.
KDE_DEFAULTS = {
    "Autolock": "true",
    "Timeout": "5",  # minutes
    "Lock": "true",  # ask for the password (after LockGrace seconds)
    "LockGrace": "5",  # seconds
    "RequirePassword": "true",
}


def read_kde_group(text: str, group: str) -> tuple[dict[str, str], set[str]]:
    """Keys of one [group] of a KDE config file, and which of them are locked ([$i]) by an
    administrator. KDE marks immutability with `[$i]` after a key or a group name."""
    values: dict[str, str] = {}
    immutable: set[str] = set()
    in_group = group_locked = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            name = line.split("]", 1)[0][1:]
            in_group = name == group
            group_locked = in_group and line.replace(" ", "").endswith("[$i]")
            continue
        if not in_group or "=" not in line:
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        flags = ""
        if "[" in key:
            key, _, rest = key.partition("[")
            flags = rest
        if flags and not flags.startswith("$"):
            continue  # a translated value such as Name[de]: not a setting
        values[key] = value
        if group_locked or "$i" in flags:
            immutable.add(key)
    return values, immutable


def _kde_bool(value: str, key: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"true", "on", "yes", "1"}:
        return True
    if lowered in {"false", "off", "no", "0"}:
        return False
    raise ReadError(f"{key} is {value!r}, which is neither true nor false")


def _kde_number(value: str, key: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ReadError(f"{key} is {value!r}, which is not a number") from None


def kde_config_files(env: Mapping[str, str], home: Path) -> list[Path]:
    """Lowest priority first: the system-wide defaults, then the user's own file."""
    dirs = env.get("XDG_CONFIG_DIRS") or "/etc/xdg"
    system = [Path(d) / "kscreenlockerrc" for d in reversed(dirs.split(":")) if d]
    user_dir = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else home / ".config"
    return [*system, user_dir / "kscreenlockerrc"]


def read_kde_lock(files: Sequence[Path]) -> tuple[LockReading, dict[str, object]]:
    evidence: dict[str, object] = {}
    merged = dict(KDE_DEFAULTS)
    locked: set[str] = set()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            evidence[str(path)] = "not there (KDE's defaults apply)"
            continue
        except (OSError, UnicodeDecodeError) as exc:
            evidence[str(path)] = f"could not be read: {exc.__class__.__name__}"
            raise ReadError(f"could not read {path}") from None
        values, immutable = read_kde_group(text, "Daemon")
        evidence[str(path)] = "read"
        for key, value in values.items():
            if key in KDE_DEFAULTS and key not in locked:
                merged[key] = value
        locked |= immutable
    for key in KDE_DEFAULTS:
        evidence[f"Daemon/{key}"] = merged[key]
    autolock = _kde_bool(merged["Autolock"], "Autolock")
    timeout_minutes = _kde_number(merged["Timeout"], "Timeout")
    asks_password = _kde_bool(merged["Lock"], "Lock") and _kde_bool(
        merged["RequirePassword"], "RequirePassword"
    )
    grace = max(0, int(_kde_number(merged["LockGrace"], "LockGrace")))
    if not autolock or timeout_minutes <= 0:
        reading = LockReading(
            False, never_reason='"Lock screen automatically" is turned off on this computer.'
        )
    elif not asks_password:
        reading = LockReading(
            False,
            never_reason="The lock screen does not ask for a password, so anyone can unlock it.",
        )
    else:
        reading = LockReading(True, after_seconds=round(timeout_minutes * 60) + grace)
    return reading, evidence


class LinuxScreenLockProbe:
    id = SCREEN_LOCK

    def __init__(
        self,
        limit_seconds: int,
        env: Mapping[str, str] | None = None,
        run: CommandRunner = run_command,
        home: Path | None = None,
    ) -> None:
        self.limit_seconds = limit_seconds
        self.env = dict(os.environ if env is None else env)
        self.run_command = run
        self.home = home if home is not None else Path.home()
        self.system = detect_desktop(self.env)

    def run(self) -> ProbeResult:
        evidence: dict[str, object] = {
            "XDG_CURRENT_DESKTOP": self.env.get("XDG_CURRENT_DESKTOP"),
            "DESKTOP_SESSION": self.env.get("DESKTOP_SESSION"),
            "desktop": self.system,
        }
        if self.system == UNKNOWN_DESKTOP:
            return unknown(
                SCREEN_LOCK,
                self.system,
                "We couldn't tell which desktop this computer uses, so we couldn't read its "
                "screen lock settings.",
                as_evidence(evidence),
            )
        try:
            if self.system == KDE:
                reading, seen = read_kde_lock(kde_config_files(self.env, self.home))
            else:
                reading, seen = read_gsettings_lock(self.run_command, GSETTINGS_KEYS[self.system])
        except ReadError as exc:
            evidence["problem"] = str(exc)
            return unknown(
                SCREEN_LOCK,
                self.system,
                "We couldn't read this computer's screen lock settings.",
                as_evidence(evidence),
            )
        evidence.update(seen)
        return judge_lock(reading, self.limit_seconds, self.system, as_evidence(evidence))


def as_evidence(raw: Mapping[str, object]) -> EvidenceLog:
    """What a probe saw, as a result keeps it: plain values as they are, others clipped text."""
    out: EvidenceLog = {}
    for key, value in raw.items():
        if value is None or isinstance(value, str | int | float | bool):
            out[key] = value
        else:
            out[key] = clip(str(value))
    return out
