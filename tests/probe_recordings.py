"""Plays back recorded probe inputs: command outputs, registry values, config files.

A scenario file (tests/fixtures/probes/<kind>/<name>.toml) says what the computer showed and what
the probe must answer (`expect`, and words its detail must contain). A command that was not
recorded is "not installed", as on a machine without it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfaudit.probes.commands import CommandOutput
from selfaudit.probes.probe import ReadError

FIXTURES = Path(__file__).parent / "fixtures" / "probes"

PROBLEMS = {
    "timeout": "{tool} took longer than 5 seconds",
    "denied": "not allowed to run {tool}",
}


@dataclass
class RecordedCommands:
    outputs: dict[str, dict[str, Any]]
    calls: list[str] = field(default_factory=list)

    def __call__(self, argv: Sequence[str], timeout: float = 5.0) -> CommandOutput:
        key = " ".join(argv)
        self.calls.append(key)
        recorded = self.outputs.get(key)
        if recorded is None:
            raise ReadError(f"{argv[0]} is not installed")
        if "problem" in recorded:
            raise ReadError(PROBLEMS[recorded["problem"]].format(tool=argv[0]))
        return CommandOutput(
            recorded.get("returncode", 0), recorded.get("stdout", ""), recorded.get("stderr", "")
        )


@dataclass(frozen=True)
class Scenario:
    path: Path
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def expect(self) -> str:
        return str(self.data["expect"])

    @property
    def detail_has(self) -> list[str]:
        return list(self.data.get("detail_has", []))

    @property
    def env(self) -> dict[str, str]:
        return dict(self.data.get("env", {}))

    def commands(self) -> RecordedCommands:
        return RecordedCommands({c["argv"]: c for c in self.data.get("command", [])})


def scenarios(kind: str) -> list[Scenario]:
    folder = FIXTURES / kind
    found = [
        Scenario(path, tomllib.loads(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.toml"))
    ]
    assert found, f"no scenarios in {folder}"
    return found


@dataclass
class RecordedWindowsSettings:
    """Registry values, SystemParametersInfo and power-plan values as a Windows machine held them.
    "error" stands for a read Windows refused or failed."""

    data: dict[str, Any]

    def registry(self, key: str, name: str) -> str | int | None:
        path = f"{key}\\{name}"
        errors = self.data.get("registry_errors", {})
        if path in errors:
            raise ReadError(errors[path])
        value = self.data.get("registry", {}).get(path)
        assert value is None or isinstance(value, str | int)
        return value

    def screen_saver(self) -> tuple[int, int, int]:
        value = self.data["screen_saver"]
        if value == "error":
            raise ReadError("SystemParametersInfo(0x10) failed")
        active, timeout, secure = value
        return int(active), int(timeout), int(secure)

    def power_setting(self, subgroup: str, setting: str, on_battery: bool) -> int:
        from selfaudit.probes.windows import CONSOLE_LOCK, STANDBY_IDLE

        name = {STANDBY_IDLE: "sleep", CONSOLE_LOCK: "password_on_wake"}[setting]
        value = self.data["power"].get(f"{name}.{'battery' if on_battery else 'mains'}", "error")
        if value == "error":
            raise ReadError("could not read the power plan")
        return int(value)

    def has_battery(self) -> bool:
        value = self.data["has_battery"]
        if value == "error":
            raise ReadError("Windows does not know whether there is a battery")
        return bool(value)
