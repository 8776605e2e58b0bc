"""macOS: whether the Mac asks for the password after the screen saver or display sleep, how soon
that happens, and whether FileVault encrypts the disk. All read as the user, without admin."""

from __future__ import annotations

import re

from selfaudit.probes.commands import CommandOutput, CommandRunner, run_command
from selfaudit.probes.probe import (
    DISK_ENCRYPTION,
    NEVER,
    SCREEN_LOCK,
    EvidenceLog,
    LockReading,
    LockTime,
    ProbeResult,
    ProbeStatus,
    ReadError,
    clip,
    earliest_lock,
    judge_lock,
    judge_lock_time,
    unknown,
    worst_lock,
)

MACOS = "macos"

SYSADMINCTL = ["/usr/sbin/sysadminctl", "-screenLock", "status"]
SCREENSAVER_IDLE = [
    "/usr/bin/defaults",
    "-currentHost",
    "read",
    "com.apple.screensaver",
    "idleTime",
]
PMSET = ["/usr/bin/pmset", "-g", "custom"]
FDESETUP = ["/usr/bin/fdesetup", "status"]


def _run(run: CommandRunner, argv: list[str], evidence: EvidenceLog) -> CommandOutput:
    label = " ".join(argv)
    try:
        out = run(argv)
    except ReadError as exc:
        evidence[label] = str(exc)
        raise
    evidence[label] = clip((out.stdout + "\n" + out.stderr).strip())
    return out


def parse_password_delay(text: str) -> int | None:
    """Seconds after the screen saver starts before the password is needed; None when the Mac
    does not ask at all. sysadminctl writes this to stderr, after a log prefix."""
    if re.search(r"screenLock is off", text):
        return None
    if re.search(r"screenLock delay is immediate", text):
        return 0
    match = re.search(r"screenLock delay is (\d+) seconds?", text)
    if match:
        return int(match.group(1))
    raise ReadError("sysadminctl's answer was not one we know")


def parse_display_sleep(text: str) -> dict[str, int]:
    """Minutes until the display sleeps, per power source ("Battery Power", "AC Power")."""
    sources: dict[str, int] = {}
    current = ""
    for line in text.splitlines():
        header = re.match(r"^(\S.*Power):\s*$", line)
        if header:
            current = header.group(1)
            continue
        value = re.match(r"^\s+displaysleep\s+(\d+)", line)
        if value and current:
            sources[current] = int(value.group(1))
    if not sources:
        raise ReadError("pmset did not list a display sleep time")
    return sources


class MacScreenLockProbe:
    id = SCREEN_LOCK
    system = MACOS

    def __init__(self, limit_seconds: int, run: CommandRunner = run_command) -> None:
        self.limit_seconds = limit_seconds
        self.run_command = run

    def run(self) -> ProbeResult:
        evidence: EvidenceLog = {}
        try:
            out = _run(self.run_command, SYSADMINCTL, evidence)
            grace = parse_password_delay(out.stderr + out.stdout)
        except ReadError as exc:
            evidence["problem"] = str(exc)
            return unknown(
                SCREEN_LOCK,
                MACOS,
                "We couldn't find out whether this Mac asks for your password.",
                evidence,
            )
        if grace is None:
            reading = LockReading(
                False,
                never_reason="This Mac does not ask for your password after the screen saver "
                "starts or the display turns off.",
            )
            return judge_lock(reading, self.limit_seconds, MACOS, evidence)
        saver = self._screensaver(evidence)
        try:
            sleeps = parse_display_sleep(_run(self.run_command, PMSET, evidence).stdout)
        except ReadError as exc:
            evidence["display sleep"] = str(exc)
            per_source: list[LockTime] = [earliest_lock([saver, None], self.limit_seconds - grace)]
        else:
            per_source = [
                earliest_lock(
                    [saver, minutes * 60 if minutes else NEVER], self.limit_seconds - grace
                )
                for minutes in sleeps.values()
            ]
        time = worst_lock(per_source)
        if isinstance(time, int):
            time += grace
        return judge_lock_time(
            time,
            self.limit_seconds,
            MACOS,
            "The screen saver and the display are set never to start or turn off (on battery or "
            "on the power adapter), so this Mac never locks itself.",
            evidence,
        )

    def _screensaver(self, evidence: EvidenceLog) -> LockTime:
        """Seconds until the screen saver starts; NEVER for 0; None when not set or unreadable
        (macOS then uses a default we do not guess)."""
        try:
            out = _run(self.run_command, SCREENSAVER_IDLE, evidence)
        except ReadError:
            return None
        if out.returncode != 0:
            return None
        try:
            seconds = int(out.stdout.strip())
        except ValueError:
            return None
        return NEVER if seconds <= 0 else seconds


class MacDiskEncryptionProbe:
    id = DISK_ENCRYPTION
    system = MACOS

    def __init__(self, run: CommandRunner = run_command) -> None:
        self.run_command = run

    def run(self) -> ProbeResult:
        evidence: EvidenceLog = {}
        try:
            out = _run(self.run_command, FDESETUP, evidence)
        except ReadError:
            out = CommandOutput(-1, "", "")
        text = out.stdout + out.stderr if out.returncode == 0 else ""
        if "Decryption in progress" in text or "FileVault is Off." in text:
            status, detail = ProbeStatus.FAIL, "FileVault is off: this Mac's disk is not encrypted."
        elif "Encryption in progress" in text:
            status = ProbeStatus.PASS
            detail = (
                "FileVault is on and still encrypting this Mac's disk. Keep the Mac plugged in "
                "until it finishes."
            )
        elif "FileVault is On." in text:
            status, detail = ProbeStatus.PASS, "FileVault is on: this Mac's disk is encrypted."
        else:
            return unknown(
                DISK_ENCRYPTION, MACOS, "We couldn't find out whether FileVault is on.", evidence
            )
        return ProbeResult(DISK_ENCRYPTION, status, detail, MACOS, evidence)
