"""The command line: version, the catalog listing, and no Qt for plain commands."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from selfaudit import __version__
from selfaudit.cli import run
from selfaudit.content import load_catalog


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"selfaudit {__version__}"


def test_checks_json_lists_every_check_with_its_clause(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["checks", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["checks"]
    assert [r["id"] for r in rows] == [c.id for c in load_catalog().checks]
    for row in rows:
        assert row["seed_ref"] and row["measure"] and row["question"]


def test_checks_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["checks"]) == 0
    out = capsys.readouterr().out
    assert "passwords.unique" in out and "§4" in out


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["--help"])
    assert "checks" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["checks", "--json"], ["self-test"]])
def test_plain_commands_do_not_import_qt(command: list[str]) -> None:
    code = (
        f"import sys; from selfaudit.cli import run; run({command!r}); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
