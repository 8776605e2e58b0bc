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


@pytest.mark.parametrize("command", [["checks", "--json"], ["policy", "show"]])
def test_plain_commands_do_not_import_qt(command: list[str]) -> None:
    code = (
        f"import sys; from selfaudit.cli import run; run({command!r}); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("argv", "command", "imported"),
    [
        (["--induction"], None, []),
        (["--policy", "p.toml", "--exit-after-show"], None, []),
        (["status", "--json"], "status", ["selfaudit.cli.status"]),
        (["--policy", "p.toml", "self-test"], "self-test", ["selfaudit.cli.selftest"]),
        (["password-check", "--name", "Jo"], "password-check", ["selfaudit.cli.password_check"]),
        (["import", "x.json"], "import", ["selfaudit.cli.import_"]),
    ],
)
def test_only_the_command_run_is_imported(
    argv: list[str], command: str | None, imported: list[str]
) -> None:
    """Opening the app, or one command, imports no other command's module (each brings its own
    libraries, and the window or the command would wait for them)."""
    code = (
        "import json, sys; from selfaudit.cli import COMMAND_MODULES, parse\n"
        f"args = parse({argv!r})\n"
        "modules = sorted(m for m in COMMAND_MODULES if m in sys.modules)\n"
        "print(json.dumps([args.command, modules]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout) == [command, imported]


def test_mistakes_and_help_still_get_the_whole_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["bogus"], ["--no-such-option"], ["--policy"], ["status", "--bogus"]):
        with pytest.raises(SystemExit) as exit_info:
            run(argv)
        assert exit_info.value.code == 2
    errors = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in errors and "password-check" in errors
    assert "expected one argument" in errors and "unrecognized arguments: --bogus" in errors


@pytest.mark.parametrize(
    ("argv", "qt", "rest"),
    [
        (["-platform", "xcb"], ["-platform", "xcb"], []),
        (["-style=fusion", "-reverse"], ["-style=fusion", "-reverse"], []),
        (
            ["-qwindowgeometry", "800x600+0+0", "--policy", "p.toml", "--induction"],
            ["-qwindowgeometry", "800x600+0+0"],
            ["--policy", "p.toml", "--induction"],
        ),
        # two dashes are left alone: `evidence add --platform` is selfaudit's own option
        (
            ["evidence", "add", "--platform", "Facebook", "--sender", "Jo"],
            [],
            ["evidence", "add", "--platform", "Facebook", "--sender", "Jo"],
        ),
        (["--", "-style", "fusion"], [], ["--", "-style", "fusion"]),
    ],
)
def test_qts_own_options_are_set_aside_for_qt(
    argv: list[str], qt: list[str], rest: list[str]
) -> None:
    from selfaudit.cli.qt_options import split_qt_options

    assert split_qt_options(argv) == (rest, qt)


def test_qts_own_options_open_the_app_rather_than_being_refused() -> None:
    from selfaudit.cli import parse

    args = parse(["-platform", "xcb", "-style", "fusion", "-reverse", "--induction"])
    assert args.command is None and args.induction
    assert args.qt_options == ["-platform", "xcb", "-style", "fusion", "-reverse"]
    assert parse(["status", "--json"]).qt_options == []


def test_a_refusal_names_the_program_once() -> None:
    from selfaudit.cli import one_line_error

    assert one_line_error("no such file: x.json") == "selfaudit: no such file: x.json"
    assert (
        one_line_error("selfaudit cannot read its file: permission denied.")
        == "selfaudit cannot read its file: permission denied."
    )
