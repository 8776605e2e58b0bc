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
    LoginItemState,
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
    assert entry["Version"] == "1.0"  # desktop-file-validate 0.26 knows no later version
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
    assert agent["AbandonProcessGroup"] is True  # the app opened from the reminder stays open


def test_windows_startup_entry_content() -> None:
    command = ["C:\\Program Files\\Python311\\pythonw.exe", "-m", "selfaudit", "remind"]
    assert WindowsStartup.render(command) == (
        '"C:\\Program Files\\Python311\\pythonw.exe" -m selfaudit remind'
    )


class FakeRunKey:
    """The HKCU Run key and its StartupApproved twin as dicts, for tests on any OS."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.approvals: dict[str, bytes] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)

    def approval(self, name: str) -> bytes | None:
        return self.approvals.get(name)

    def delete_approval(self, name: str) -> None:
        self.approvals.pop(name, None)


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


# StartupApproved\Run values as Task Manager writes them (the first byte decides; what follows a
# "switched off" is the time it was switched off, a FILETIME)
ENABLED_IN_TASK_MANAGER = bytes.fromhex("020000000000000000000000")
SWITCHED_OFF_IN_TASK_MANAGER = bytes.fromhex("03000000d40d438dc83bd901")
SWITCHED_OFF_IN_SETTINGS = bytes.fromhex("6360606062f98c76c53bd991")


@pytest.mark.parametrize(
    ("approval", "state"),
    [
        (None, LoginItemState.ON),  # never touched in Task Manager
        (ENABLED_IN_TASK_MANAGER, LoginItemState.ON),
        (bytes.fromhex("060000000000000000000000"), LoginItemState.ON),
        (SWITCHED_OFF_IN_TASK_MANAGER, LoginItemState.SWITCHED_OFF),
        (SWITCHED_OFF_IN_SETTINGS, LoginItemState.SWITCHED_OFF),
    ],
)
def test_windows_entry_switched_off_in_task_manager_reads_as_switched_off(
    approval: bytes | None, state: LoginItemState
) -> None:
    key = FakeRunKey()
    item = WindowsStartup(key)
    item.enable(COMMAND)
    if approval is not None:
        key.approvals[WindowsStartup.VALUE_NAME] = approval
    assert item.state() is state
    assert item.is_enabled() is (state is LoginItemState.ON)


def test_windows_enable_undoes_task_managers_switch_and_disable_leaves_nothing() -> None:
    key = FakeRunKey()
    item = WindowsStartup(key)
    item.enable(COMMAND)
    key.approvals[WindowsStartup.VALUE_NAME] = SWITCHED_OFF_IN_TASK_MANAGER
    item.enable(COMMAND)  # the person asked for it again, in the app
    assert item.state() is LoginItemState.ON and key.approvals == {}
    key.approvals[WindowsStartup.VALUE_NAME] = ENABLED_IN_TASK_MANAGER
    item.disable()
    assert item.state() is LoginItemState.OFF
    assert key.values == {} and key.approvals == {}


def test_windows_approval_without_our_value_is_off() -> None:
    key = FakeRunKey()
    key.approvals[WindowsStartup.VALUE_NAME] = ENABLED_IN_TASK_MANAGER
    assert WindowsStartup(key).state() is LoginItemState.OFF


class FakeLaunchctl:
    """launchd as `launchctl` reports it, with its exit codes and messages."""

    def __init__(self, switched_off_in_login_items: bool = False) -> None:
        self.loaded: set[str] = set()
        self.calls: list[tuple[str, ...]] = []
        self.blocked = switched_off_in_login_items

    def __call__(self, *args: str) -> tuple[int, str]:
        self.calls.append(args)
        verb = args[0]
        if verb == "print":
            if args[1] in self.loaded:
                return 0, LAUNCHCTL_PRINT_LOADED.format(service=args[1])
            return 113, f'Could not find service "{REMINDER_ID}" in domain for user gui: 501\n'
        if verb == "bootstrap":
            if self.blocked:
                return 5, "Bootstrap failed: 5: Input/output error\n"
            self.loaded.add(f"{args[1]}/{REMINDER_ID}")
            return 0, ""
        if verb == "bootout":
            if args[1] not in self.loaded:
                return 3, "Boot-out failed: 3: No such process\n"
            self.loaded.discard(args[1])
            return 0, ""
        return 0, ""


LAUNCHCTL_PRINT_LOADED = """{service} = {{
\tactive count = 0
\tpath = /Users/jo/Library/LaunchAgents/uk.selfaudit.SelfAudit.Reminder.plist
\ttype = LaunchAgent
\tstate = not running

\tprogram = /Applications/selfaudit.app/Contents/MacOS/selfaudit
\targuments = {{
\t\t/Applications/selfaudit.app/Contents/MacOS/selfaudit
\t\tremind
\t\t--if-due
\t}}
}}
"""


def test_macos_round_trip_tells_launchd(tmp_path: Path) -> None:
    launchd = FakeLaunchctl()
    item = LaunchAgent(tmp_path / "LaunchAgents", launchd, uid=501)
    assert item.state() is LoginItemState.OFF
    item.enable(COMMAND)
    assert item.is_enabled()
    assert plistlib.loads(item.path.read_bytes())["ProgramArguments"] == COMMAND
    service = f"gui/501/{REMINDER_ID}"
    assert ("bootstrap", "gui/501", str(item.path)) in launchd.calls
    assert launchd.loaded == {service}
    item.disable()
    assert launchd.calls[-1] == ("bootout", service)
    assert launchd.loaded == set()
    assert item.state() is LoginItemState.OFF and not item.path.exists()


def test_macos_agent_unloaded_by_login_items_reads_as_switched_off(tmp_path: Path) -> None:
    launchd = FakeLaunchctl()
    item = LaunchAgent(tmp_path, launchd, uid=501)
    item.enable(COMMAND)
    launchd.loaded.clear()  # switched off in System Settings, Login Items
    assert item.state() is LoginItemState.SWITCHED_OFF and not item.is_enabled()


def test_macos_enable_says_when_launchd_refuses(tmp_path: Path) -> None:
    item = LaunchAgent(tmp_path, FakeLaunchctl(switched_off_in_login_items=True), uid=501)
    with pytest.raises(AutostartError, match=r"launchctl: Bootstrap failed: 5.*Login Items"):
        item.enable(COMMAND)


def test_macos_refuses_a_reminder_from_a_translocated_app(tmp_path: Path) -> None:
    launchd = FakeLaunchctl()
    item = LaunchAgent(tmp_path, launchd, uid=501)
    translocated = (
        "/private/var/folders/x7/2k9q_mcs6bn3f1zj2xvqf0wr0000gn/T/AppTranslocation/"
        "0D3C1F0E-6B44-4B8E-9B7A-3D0C5A2B9F11/d/selfaudit.app/Contents/MacOS/selfaudit"
    )
    with pytest.raises(AutostartError, match="drag it into your Applications folder"):
        item.enable([translocated, "remind", "--if-due"])
    assert not item.path.exists() and launchd.calls == []


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
    assert item.state() is LoginItemState.SWITCHED_OFF
    item.enable(COMMAND)
    assert item.state() is LoginItemState.ON


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


def test_linux_autostart_status_says_where_it_was_switched_off(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["autostart", "enable"]) == 0
    item = login_item("linux")
    assert isinstance(item, XdgAutostart)
    item.path.write_text(item.path.read_text() + "Hidden=true\n")
    capsys.readouterr()
    assert run(["autostart", "status"]) == 0
    assert capsys.readouterr().out.startswith(
        "Reminders at login are switched off in your desktop's startup applications settings."
    )


@pytest.mark.parametrize("started_as", ["selfaudit.exe", "selfaudit-cli.exe", "SELFAUDIT-CLI.EXE"])
def test_windows_bundle_login_item_runs_the_windowed_program(
    tmp_path: Path, started_as: str
) -> None:
    """Whether the person turned reminders on in the app or with selfaudit-cli.exe, login runs
    selfaudit.exe (no console window), and "Open" from the reminder opens that one too."""
    running = tmp_path / "selfaudit" / started_as
    windowed = str(tmp_path / "selfaudit" / "selfaudit.exe")
    command = selfaudit_command("remind", "--if-due", executable=running, frozen=True, windows=True)
    assert command == [windowed, "remind", "--if-due"]
    assert selfaudit_command(executable=running, frozen=True, windows=True) == [windowed]
    assert WindowsStartup.render(command) == f"{windowed} remind --if-due"


def test_macos_and_linux_bundles_run_themselves(tmp_path: Path) -> None:
    exe = tmp_path / "selfaudit.app" / "Contents" / "MacOS" / "selfaudit"
    assert selfaudit_command("remind", executable=exe, frozen=True, windows=False) == [
        str(exe),
        "remind",
    ]


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


def test_the_windowed_program_runs_a_command_and_opens_the_app_only_without_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The login item runs selfaudit.exe (gui_main) with `remind --if-due`: that must be the
    reminder, never the whole app."""
    from selfaudit.__main__ import gui_main

    opened: list[object] = []
    monkeypatch.setattr("selfaudit.ui.app.run_app", lambda args: opened.append(args) or 0)
    assert gui_main(["checks"]) == 0
    assert opened == [] and "passwords.unique" in capsys.readouterr().out
    assert gui_main([]) == 0
    assert len(opened) == 1
