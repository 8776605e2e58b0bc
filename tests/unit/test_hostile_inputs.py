"""Every hostile file, broken policy and odd input ends in one clear line, as the person sees it
on the command line: never a traceback, never a hang, the checklist unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.paths import AppPaths

DEEP_POLICY = "a = " + "[" * 100_000 + "]" * 100_000 + "\n"
LONG_NUMBER_POLICY = "reaudit_days = " + "9" * 5000 + "\n"


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert "Traceback" not in text
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize("policy", [DEEP_POLICY, LONG_NUMBER_POLICY], ids=["deep", "digits"])
@pytest.mark.parametrize(
    "command",
    [["status"], ["plan"], ["calendar", "-o", "cal.ics"], ["policy", "show"], ["remind", "--if-due"]],
    ids=lambda c: c[0],
)
def test_a_broken_deployed_policy_is_skipped_by_every_command(
    policy: str,
    command: list[str],
    app_paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deployed = app_paths.site_config_dirs[0] / "policy.toml"
    deployed.parent.mkdir(parents=True)
    deployed.write_text(policy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(command) in (0, 1)  # 1: no audit yet, for plan
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"ignored the policy file {deployed}" in err
    assert "this is not a usable policy file: it " in err
