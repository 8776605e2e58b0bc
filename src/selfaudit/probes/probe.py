"""What every probe of this computer shares: the result it returns and how a lock time is judged.

A probe answers one question about this computer (does the screen lock itself, is the system disk
encrypted) with pass, fail or unknown. It never passes what it did not see: a missing command, a
timeout, a permission problem, output it does not recognise or a desktop it does not know are all
"unknown", and the person is asked to confirm by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, Protocol

Value = str | int | float | bool | None
Evidence = Mapping[str, Value]
EvidenceLog = dict[str, Value]  # what a probe fills in as it reads

SCREEN_LOCK = "screen_lock"
DISK_ENCRYPTION = "disk_encryption"


class ProbeStatus(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ProbeResult:
    """One probe's answer. `system` names the desktop or OS ("gnome", "windows"…) whose steps the
    person should follow to check or change the setting by hand."""

    probe: str
    status: ProbeStatus
    detail: str
    system: str
    evidence: Evidence = field(default_factory=dict)


class ReadError(Exception):
    """A setting, file or command output could not be read. The message is plain English: it
    goes into the evidence so the person can see why we couldn't check."""


def unknown(probe: str, system: str, detail: str, evidence: Evidence) -> ProbeResult:
    return ProbeResult(probe, ProbeStatus.UNKNOWN, detail, system, dict(evidence))


class Probe(Protocol):
    """`system` is known before running (from the OS and desktop), so even a probe that crashes or
    hangs can point the person at the right steps to check by hand."""

    id: str
    system: str

    def run(self) -> ProbeResult: ...


def clip(text: str, limit: int = 400) -> str:
    """Keeps evidence short: raw outputs are for showing why, not for archiving."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_duration(seconds: int) -> str:
    """'30 seconds', '1 minute', '5 minutes', '1 hour 30 minutes', in plain words."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes, rest = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


# A way the computer can lock: after so many seconds, never, or None when we could not see it.
NEVER: Literal["never"] = "never"
LockTime = int | Literal["never"] | None


def earliest_lock(ways: Iterable[LockTime], limit_seconds: int) -> LockTime:
    """The computer locks by whichever way comes first. A way we could not see might come first,
    so it only does not matter when a way we did see already locks within the limit."""
    ways = list(ways)
    seen = [w for w in ways if isinstance(w, int)]
    if None in ways:
        return min(seen) if seen and min(seen) <= limit_seconds else None
    return min(seen) if seen else NEVER


def worst_lock(per_power_source: Iterable[LockTime]) -> LockTime:
    """Settings differ on battery and on mains power: the computer is only as safe as the later."""
    times = list(per_power_source)
    if NEVER in times:
        return NEVER
    if None in times or not times:
        return None
    return max(t for t in times if isinstance(t, int))


@dataclass(frozen=True)
class LockReading:
    """What a screen-lock probe saw: whether the computer locks itself when left alone, and after
    how long. `never_reason` says in plain words why it never locks, when it does not."""

    locks: bool
    after_seconds: int = 0
    never_reason: str = ""


def judge_lock(
    reading: LockReading, limit_seconds: int, system: str, evidence: Evidence
) -> ProbeResult:
    """Pass when the computer locks itself within the organisation's limit; fail otherwise."""
    limit = describe_duration(limit_seconds)
    if not reading.locks:
        detail = f"{reading.never_reason} Your employer asks for it to lock within {limit}."
        return ProbeResult(SCREEN_LOCK, ProbeStatus.FAIL, detail.strip(), system, dict(evidence))
    if reading.after_seconds == 0:
        when = "This computer locks itself as soon as it is not being used"
    else:
        after = describe_duration(reading.after_seconds)
        when = f"This computer locks itself after {after} without use"
    if reading.after_seconds <= limit_seconds:
        return ProbeResult(
            SCREEN_LOCK,
            ProbeStatus.PASS,
            f"{when}. That is within your employer's limit of {limit}.",
            system,
            dict(evidence),
        )
    return ProbeResult(
        SCREEN_LOCK,
        ProbeStatus.FAIL,
        f"{when}. Your employer asks for it to lock within {limit}.",
        system,
        dict(evidence),
    )


def judge_lock_time(
    time: LockTime, limit_seconds: int, system: str, never_reason: str, evidence: Evidence
) -> ProbeResult:
    """The verdict on a lock time combined from several settings (see earliest_lock)."""
    if time is None:
        return unknown(
            SCREEN_LOCK,
            system,
            "We couldn't read all of this computer's screen lock settings.",
            evidence,
        )
    if time == NEVER:
        return judge_lock(
            LockReading(False, never_reason=never_reason), limit_seconds, system, evidence
        )
    return judge_lock(LockReading(True, after_seconds=time), limit_seconds, system, evidence)
