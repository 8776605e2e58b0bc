"""Linux probes from recorded outputs: gsettings (GNOME, Cinnamon, MATE), KDE config files and
sysfs disk layouts. Every case where we could not see the setting must be unknown, never pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.probes.linux import (
    CINNAMON,
    GNOME,
    KDE,
    MATE,
    UNKNOWN_DESKTOP,
    LinuxScreenLockProbe,
    detect_desktop,
    read_kde_group,
)
from selfaudit.probes.linux_disk import LinuxDiskEncryptionProbe
from selfaudit.probes.probe import ProbeStatus
from tests.probe_recordings import FIXTURES, RecordedCommands, Scenario, scenarios

LIMIT = 10 * 60


@pytest.mark.parametrize("scenario", scenarios("linux-gsettings"), ids=lambda s: s.name)
def test_gsettings_desktops(scenario: Scenario, tmp_path: Path) -> None:
    probe = LinuxScreenLockProbe(LIMIT, env=scenario.env, run=scenario.commands(), home=tmp_path)
    result = probe.run()
    assert result.status.value == scenario.expect, result
    for words in scenario.detail_has:
        assert words in result.detail, result.detail
    assert result.probe == "screen_lock"
    assert result.evidence, "a result always says what it saw"


def kde_cases() -> list[Path]:
    return sorted(p for p in (FIXTURES / "linux-kde").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", kde_cases(), ids=lambda p: p.name)
def test_kde(case: Path, tmp_path: Path) -> None:
    import tomllib

    expected = tomllib.loads((case / "scenario.toml").read_text(encoding="utf-8"))
    env = {
        "XDG_CURRENT_DESKTOP": "KDE",
        "XDG_CONFIG_HOME": str(case / "config"),
        "XDG_CONFIG_DIRS": str(case / "etc-xdg"),
    }
    result = LinuxScreenLockProbe(LIMIT, env=env, run=RecordedCommands({}), home=tmp_path).run()
    assert result.status.value == expected["expect"], result
    for words in expected["detail_has"]:
        assert words in result.detail, result.detail
    assert result.system == KDE


def test_kde_reads_the_user_config_under_home_without_xdg_config_home(tmp_path: Path) -> None:
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "kscreenlockerrc").write_text("[Daemon]\nTimeout=25\n")
    env = {"XDG_CURRENT_DESKTOP": "KDE", "XDG_CONFIG_DIRS": str(tmp_path / "none")}
    result = LinuxScreenLockProbe(LIMIT, env=env, run=RecordedCommands({}), home=tmp_path).run()
    assert result.status is ProbeStatus.FAIL
    assert "25 minutes" in result.detail


def test_kde_group_reader_ignores_translations_and_other_groups() -> None:
    text = "[Greeter]\nTimeout=99\n[Daemon]\n# note\nTimeout[$i]=3\nName[de]=Sperre\nLock = false\n"
    values, immutable = read_kde_group(text, "Daemon")
    assert values == {"Timeout": "3", "Lock": "false"}
    assert immutable == {"Timeout"}


def disk_cases() -> list[Path]:
    return sorted(p for p in (FIXTURES / "linux-disks").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", disk_cases(), ids=lambda p: p.name)
def test_disk_encryption(case: Path) -> None:
    import tomllib

    expected = tomllib.loads((case / "scenario.toml").read_text(encoding="utf-8"))
    result = LinuxDiskEncryptionProbe(root=case).run()
    assert result.status.value == expected["expect"], result
    for words in expected["detail_has"]:
        assert words in result.detail, result.detail


def test_disk_encryption_shows_the_chain_it_followed() -> None:
    result = LinuxDiskEncryptionProbe(root=FIXTURES / "linux-disks" / "lvm-on-luks").run()
    assert result.evidence["/ device chain"] == "dm-1 (LVM) → dm-0 (CRYPT-LUKS2)"
    assert result.evidence["/home device chain"] == "dm-2 (LVM) → dm-0 (CRYPT-LUKS2)"
    plain = LinuxDiskEncryptionProbe(root=FIXTURES / "linux-disks" / "raid-half-encrypted").run()
    assert plain.evidence["/ device chain"] == "md0 → dm-0 (CRYPT-LUKS2) → sdb1"


@pytest.mark.parametrize(
    ("value", "desktop"),
    [
        ("ubuntu:GNOME", GNOME),
        ("GNOME", GNOME),
        ("pop:GNOME", GNOME),
        ("KDE", KDE),
        ("X-Cinnamon", CINNAMON),
        ("MATE", MATE),
        ("Budgie:GNOME", UNKNOWN_DESKTOP),
        ("XFCE", UNKNOWN_DESKTOP),
        ("", UNKNOWN_DESKTOP),
    ],
)
def test_detect_desktop(value: str, desktop: str) -> None:
    assert detect_desktop({"XDG_CURRENT_DESKTOP": value}) == desktop


def test_desktop_session_is_the_fallback() -> None:
    assert detect_desktop({"DESKTOP_SESSION": "plasma"}) == KDE
    assert detect_desktop({}) == UNKNOWN_DESKTOP


@settings(max_examples=60, deadline=None)
@given(
    idle=st.integers(min_value=0, max_value=7200),
    delay=st.integers(min_value=0, max_value=3600),
    enabled=st.booleans(),
    locked_down=st.booleans(),
    limit_minutes=st.integers(min_value=1, max_value=120),
)
def test_gnome_passes_exactly_when_it_locks_in_time(
    idle: int, delay: int, enabled: bool, locked_down: bool, limit_minutes: int
) -> None:
    def out(text: str) -> dict[str, object]:
        return {"stdout": text + "\n"}

    commands = RecordedCommands(
        {
            "gsettings get org.gnome.desktop.lockdown disable-lock-screen": out(
                str(locked_down).lower()
            ),
            "gsettings get org.gnome.desktop.session idle-delay": out(f"uint32 {idle}"),
            "gsettings get org.gnome.desktop.screensaver lock-enabled": out(str(enabled).lower()),
            "gsettings get org.gnome.desktop.screensaver lock-delay": out(f"uint32 {delay}"),
        }
    )
    env = {"XDG_CURRENT_DESKTOP": "GNOME"}
    result = LinuxScreenLockProbe(limit_minutes * 60, env=env, run=commands).run()
    locks_in_time = enabled and not locked_down and idle > 0 and idle + delay <= limit_minutes * 60
    assert result.status is (ProbeStatus.PASS if locks_in_time else ProbeStatus.FAIL)
