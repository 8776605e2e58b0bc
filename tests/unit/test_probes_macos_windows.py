"""macOS and Windows probes from recorded outputs and registry values (CI runs on Linux)."""

from __future__ import annotations

import pytest

from selfaudit.probes.macos import (
    MacDiskEncryptionProbe,
    MacScreenLockProbe,
    parse_password_delay,
)
from selfaudit.probes.probe import ProbeResult, ProbeStatus
from selfaudit.probes.windows import (
    LiveWindowsSettings,
    WindowsDiskEncryptionProbe,
    WindowsScreenLockProbe,
    bitlocker_command,
)
from tests.probe_recordings import RecordedWindowsSettings, Scenario, scenarios

LIMIT = 10 * 60


def check(result: ProbeResult, scenario: Scenario) -> None:
    assert result.status.value == scenario.expect, result
    for words in scenario.detail_has:
        assert words in result.detail, result.detail
    assert result.probe == scenario.data["probe"]


@pytest.mark.parametrize("scenario", scenarios("macos"), ids=lambda s: s.name)
def test_macos(scenario: Scenario) -> None:
    commands = scenario.commands()
    if scenario.data["probe"] == "screen_lock":
        result = MacScreenLockProbe(LIMIT, run=commands).run()
    else:
        result = MacDiskEncryptionProbe(run=commands).run()
    check(result, scenario)
    assert result.system == "macos"


@pytest.mark.parametrize("scenario", scenarios("windows"), ids=lambda s: s.name)
def test_windows(scenario: Scenario) -> None:
    if scenario.data["probe"] == "screen_lock":
        result = WindowsScreenLockProbe(LIMIT, RecordedWindowsSettings(scenario.data)).run()
    else:
        result = WindowsDiskEncryptionProbe(run=scenario.commands(), env=scenario.env).run()
    check(result, scenario)
    assert result.system == "windows"


@pytest.mark.parametrize(
    ("stderr", "seconds"),
    [
        ("2026-08-19 22:17:55.934 sysadminctl[55361:106849336] screenLock delay is immediate", 0),
        ("2026-08-19 22:17:55.934 sysadminctl[55361:106849336] screenLock delay is 60 seconds", 60),
        ("2026-08-19 22:17:55.934 sysadminctl[55361:106849336] screenLock is off", None),
    ],
)
def test_sysadminctl_answers(stderr: str, seconds: int | None) -> None:
    assert parse_password_delay(stderr) == seconds


def test_the_system_drive_is_checked_not_a_fixed_c() -> None:
    argv = bitlocker_command({"SystemDrive": "D:", "SystemRoot": r"D:\Windows"})
    assert argv[0] == r"D:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"
    assert "NameSpace('D:')" in argv[-1]


def test_the_live_windows_layer_says_unknown_off_windows() -> None:
    result = WindowsScreenLockProbe(LIMIT, LiveWindowsSettings()).run()
    assert result.status is ProbeStatus.UNKNOWN
