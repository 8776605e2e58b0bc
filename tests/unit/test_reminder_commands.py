"""`selfaudit policy`, `remind` and `calendar` on injected saved state."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from selfaudit.audit import AppState, AuditSession
from selfaudit.cli import context, run
from selfaudit.content import load_catalog
from selfaudit.paths import AppPaths, resources_dir
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.reminders import inputs
from tests.helpers import passing_answers

EXAMPLE = resources_dir() / "policy" / "example-school-federation.toml"


def state_audited(days_ago: int, all_pass: bool = True) -> AppState:
    """A state with one audit finished `days_ago` days ago; failing answers leave actions."""
    catalog = load_catalog()
    finished = datetime.now(UTC) - timedelta(days=days_ago)
    session = AuditSession(catalog, AppState(), clock=lambda: finished)
    session.set_platforms(["facebook"])
    answers = passing_answers(catalog)
    for check in session.applicable_checks():
        session.set_answer(check.id, answers[check.id] if all_pass else "not_sure")
    session.finish()
    return session.state


@pytest.fixture
def saved(monkeypatch: pytest.MonkeyPatch) -> list[AppState]:
    """The state the commands read: put one in the list."""
    states: list[AppState] = []
    monkeypatch.setattr(context, "load_state", lambda ask_passphrase=True: states[0])
    return states


# policy ---------------------------------------------------------------------------------------
def test_policy_check_valid_file(capsys: pytest.CaptureFixture[str], app_paths: AppPaths) -> None:
    assert run(["policy", "check", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "is a valid selfaudit policy" in out
    assert "Riverside Schools Federation" in out
    assert str(app_paths.site_config_dirs[0] / "policy.toml") in out


def test_policy_check_lists_three_mistakes_with_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'organisation = "Riverside Schools Federation"\n'
        "reaudit_dayz = 90\n"
        "\n"
        "[reaudit_days_by_measure]\n"
        "passwords = 1000\n"
        "\n"
        "[[contacts]]\n"
        'role = "Designated safeguarding lead"\n'
        'email = "dsl-at-riverside"\n',
        encoding="utf-8",
    )
    assert run(["policy", "check", str(policy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{policy}: 3 problems.")
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "line 2, key `reaudit_dayz`",
        "line 5, key `reaudit_days_by_measure.passwords`",
        "line 9, key `contacts[1].email`",
    ]
    assert "Did you mean `reaudit_days`?" in lines[1]


def test_policy_show_says_where_from_and_what_was_ignored(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    system = app_paths.site_config_dirs[0] / "policy.toml"
    system.parent.mkdir(parents=True)
    system.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text("min_password_score = 7\n", encoding="utf-8")
    assert run(["--policy", str(broken), "policy", "show"]) == 0
    captured = capsys.readouterr()
    assert f"Policy in force: {system}" in captured.out
    assert "Riverside Schools Federation" in captured.out
    assert f"1. {broken}" in captured.out and "ignored, see above" in captured.out
    assert f"ignored the policy file {broken}" in captured.err
    assert "line 1, key `min_password_score`" in captured.err


# remind ---------------------------------------------------------------------------------------
def test_remind_if_due_is_silent_when_nothing_is_due(
    saved: list[AppState], capsys: pytest.CaptureFixture[str]
) -> None:
    saved.append(state_audited(days_ago=10))
    assert run(["remind", "--if-due", "--print"]) == 0
    assert capsys.readouterr().out == ""
    assert run(["remind", "--print"]) == 0
    due = (date.today() - timedelta(days=10) + timedelta(days=180)).day
    assert f"Nothing is due now. Your next self-audit is due on {due} " in capsys.readouterr().out


def test_remind_when_the_audit_is_due(
    saved: list[AppState], capsys: pytest.CaptureFixture[str]
) -> None:
    saved.append(state_audited(days_ago=181))
    assert run(["remind", "--if-due", "--print"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Your online safety self-audit is due\n")
    assert "Time to check again: all of it." in out


def test_policy_intervals_apply_to_the_reminder(
    saved: list[AppState], capsys: pytest.CaptureFixture[str]
) -> None:
    saved.append(state_audited(days_ago=130))  # the example checks the friend check every 120
    assert run(["--policy", str(EXAMPLE), "remind", "--if-due", "--print"]) == 0
    assert "Time to check again: Service users and friend requests." in capsys.readouterr().out


def test_remind_for_due_actions(saved: list[AppState], capsys: pytest.CaptureFixture[str]) -> None:
    saved.append(state_audited(days_ago=8, all_pass=False))  # high severity: 7 days to fix
    assert run(["remind", "--if-due", "--print"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Things on your action plan are due\n")
    assert "Due on your action plan:" in out


def test_remind_if_due_never_loads_qt_when_nothing_is_due() -> None:
    code = (
        "import sys; from datetime import UTC, datetime; "
        "from selfaudit.audit import AppState, AuditSession; "
        "from selfaudit.content import load_catalog; "
        "s = AuditSession(load_catalog(), AppState(), clock=lambda: datetime.now(UTC)); "
        "s.finish(); import selfaudit.cli.context as c; "
        "c.load_state = lambda ask_passphrase=True: s.state; "
        "from selfaudit.cli import run; assert run(['remind', '--if-due']) == 0; "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


# calendar -------------------------------------------------------------------------------------
def test_calendar_command_writes_a_calendar(
    saved: list[AppState], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved.append(state_audited(days_ago=3, all_pass=False))
    target = tmp_path / "out" / "reminders.ics"
    assert run(["calendar", "-o", str(target)]) == 0
    assert str(target) in capsys.readouterr().out
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    state = saved[0]
    actions = inputs.open_plan_actions(state, load_catalog(), DEFAULT_POLICY)
    assert len(events) == 1 + len(actions)
    assert {str(e["UID"]) for e in events} >= {"reaudit@uk.selfaudit.selfaudit"}


def test_calendar_command_reports_a_place_it_cannot_write(
    saved: list[AppState], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved.append(AppState())
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert run(["calendar", "-o", str(blocker / "x.ics")]) == 1
    assert "could not save" in capsys.readouterr().err


def test_open_actions_use_the_policy_due_days() -> None:
    catalog = load_catalog()
    state = state_audited(days_ago=0, all_pass=False)
    finished = state.audits[-1].completed_at.astimezone().date()
    actions = inputs.open_plan_actions(state, catalog, DEFAULT_POLICY)
    assert actions, "a 'Not sure' audit leaves actions"
    for action in actions:
        severity = catalog.check(action.key.removeprefix("check:")).severity
        assert action.due == finished + timedelta(DEFAULT_POLICY.due_days[severity])
    assert inputs.open_plan_actions(AppState(), catalog, DEFAULT_POLICY) == []
