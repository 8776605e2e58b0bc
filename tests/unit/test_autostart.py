"""The login item on each OS: its content everywhere, and a real round trip on Linux."""

from __future__ import annotations

import configparser
import plistlib
import re
from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.paths import AppPaths
from selfaudit.reminders.autostart import (
    REMINDER_ID,
    AutostartError,
    LaunchAgent,
    WindowsStartup,
    XdgAutostart,
    desktop_exec,
    login_item,
)
from selfaudit.reminders.launch import reminder_command, selfaudit_command

COMMAND = ["/opt/Self Audit/bin/python", "-m", "selfaudit", "remind", "--if-due"]


def parse_exec(value: str) -> list[str]:
    """The Desktop Entry spec's reading of an Exec value, written independently of the code
    under test: undo the string escape, then split on unquoted spaces, unescaping in quotes."""
    value = value.replace("\\\\", "\\")
    args, current, quoted, i, started = [], "", False, 0, False
    while i < len(value):
        char = value[i]
        if quoted and char == "\\" and i + 1 < len(value):
            current += value[i + 1]
            i += 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started:
                args.append(current)
            current, started = "", False
        else:
            current += char
            started = True
        i += 1
    if started:
        args.append(current)
    return [a.replace("%%", "%") for a in args]


def read_desktop(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return parser["Desktop Entry"]


def test_linux_desktop_entry_content() -> None:
    entry = read_desktop(XdgAutostart(Path("/x")).render(COMMAND))
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Online Safety Self-Audit reminder"
    assert entry["Terminal"] == "false"
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert entry["Exec"] == '"/opt/Self Audit/bin/python" -m selfaudit remind --if-due'
    assert parse_exec(entry["Exec"]) == COMMAND


@pytest.mark.parametrize(
    "arg",
    ["plain", "with space", 'say "hi"', "back\\slash", "100%", "$HOME", "`tick`", "semi;colon"],
)
def test_desktop_exec_quotes_reserved_characters(arg: str) -> None:
    value = desktop_exec(["/usr/bin/python3", arg])
    assert parse_exec(value) == ["/usr/bin/python3", arg]
    assert "%" not in value.replace("%%", "")  # a lone % would be a field code


def test_macos_launch_agent_content() -> None:
    agent = plistlib.loads(LaunchAgent(Path("/x")).render(COMMAND).encode())
    assert agent["Label"] == REMINDER_ID
    assert agent["ProgramArguments"] == COMMAND
    assert agent["RunAtLoad"] is True
    assert agent["StartCalendarInterval"] == {"Hour": 10, "Minute": 0}
    assert agent["LimitLoadToSessionType"] == "Aqua"


def test_windows_startup_entry_content() -> None:
    command = ["C:\\Program Files\\Python311\\pythonw.exe", "-m", "selfaudit", "remind"]
    assert WindowsStartup.render(command) == (
        '"C:\\Program Files\\Python311\\pythonw.exe" -m selfaudit remind'
    )


class FakeRunKey:
    """The HKCU Run key as a dict, for tests on any OS."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_round_trip_on_the_run_key() -> None:
    key = FakeRunKey()
    item = WindowsStartup(key)
    assert not item.is_enabled()
    item.enable(COMMAND)
    assert item.is_enabled()
    assert key.values == {"Online Safety Self-Audit reminder": WindowsStartup.render(COMMAND)}
    item.disable()
    assert not item.is_enabled() and key.values == {}
    item.disable()  # twice is fine


def test_macos_round_trip_in_a_folder(tmp_path: Path) -> None:
    item = LaunchAgent(tmp_path / "LaunchAgents")
    assert not item.is_enabled()
    item.enable(COMMAND)
    assert item.is_enabled()
    assert plistlib.loads(item.path.read_bytes())["ProgramArguments"] == COMMAND
    item.disable()
    assert not item.is_enabled() and not item.path.exists()


def test_linux_round_trip_in_the_xdg_config_folder(app_paths: AppPaths, tmp_path: Path) -> None:
    item = login_item("linux")
    assert isinstance(item, XdgAutostart)
    expected = tmp_path / "home" / "config" / "autostart" / f"{REMINDER_ID}.desktop"
    assert item.path == expected  # $XDG_CONFIG_HOME from the autouse fixture
    assert not item.is_enabled()
    item.enable(reminder_command())
    assert item.is_enabled()
    assert parse_exec(read_desktop(expected.read_text())["Exec"]) == reminder_command()
    assert [p.name for p in expected.parent.iterdir()] == [expected.name]  # no temp file left
    item.disable()
    assert not expected.exists() and not item.is_enabled()


@pytest.mark.parametrize("switch", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_linux_entry_switched_off_by_the_desktop_reads_as_off(tmp_path: Path, switch: str) -> None:
    item = XdgAutostart(tmp_path)
    item.enable(COMMAND)
    text = item.path.read_text().replace("X-GNOME-Autostart-enabled=true", switch)
    item.path.write_text(text)
    assert not item.is_enabled()


def test_a_folder_that_cannot_be_written_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(AutostartError, match="Could not create the login item"):
        XdgAutostart(blocker).enable(COMMAND)


def test_autostart_command_round_trip(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = tmp_path / "home" / "config" / "autostart" / f"{REMINDER_ID}.desktop"
    assert run(["autostart", "status"]) == 0
    assert capsys.readouterr().out == "Reminders at login are off.\n"
    policy = tmp_path / "policy.toml"
    assert run([f"--policy={policy}", "autostart", "enable"]) == 0
    assert str(entry) in capsys.readouterr().out
    assert f"--policy={policy}" in parse_exec(read_desktop(entry.read_text())["Exec"])
    assert run(["autostart", "status"]) == 0
    assert "on" in capsys.readouterr().out
    assert run(["autostart", "disable"]) == 0
    assert capsys.readouterr().out == "Reminders at login are off.\n"
    assert not entry.exists()


def test_command_for_a_bundle_and_for_windows(tmp_path: Path) -> None:
    exe = tmp_path / "selfaudit.exe"
    assert selfaudit_command("remind", executable=exe, frozen=True) == [str(exe), "remind"]
    python = tmp_path / "python.exe"
    (tmp_path / "pythonw.exe").touch()
    assert selfaudit_command("remind", executable=python, frozen=False, windows=True) == [
        str(tmp_path / "pythonw.exe"),
        "-m",
        "selfaudit",
        "remind",
    ]
    linux = selfaudit_command("remind", executable=python, frozen=False, windows=False)
    assert linux[0] == str(python)
    assert re.fullmatch(
        r"--policy=.*policy\.toml",
        selfaudit_command(policy=Path("policy.toml"), frozen=False)[3],
    )
