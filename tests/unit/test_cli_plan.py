"""`selfaudit plan`, `status` and `receipt` on an injected saved state (PDFs: tests/gui)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from selfaudit.audit import AppState
from selfaudit.audit.plan import build_plan
from selfaudit.cli import run
from selfaudit.policy import Policy
from tests.unit.test_plan import CATALOG, audited
from tests.unit.test_report import CANARY, realistic_state


@pytest.fixture
def saved(monkeypatch: pytest.MonkeyPatch) -> AppState:
    state = realistic_state()
    monkeypatch.setattr("selfaudit.cli.context.load_state", lambda: state)
    monkeypatch.setattr(
        "selfaudit.cli.context.load_policy", lambda args: Policy(organisation="Riverside Council")
    )
    return state


def test_plan_prints_markdown_by_default(
    saved: AppState, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["plan"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Your online safety action plan")
    assert "## Do this first" in out and "Riverside Council" in out
    assert CANARY not in out


def test_plan_saves_html_and_pdf(
    saved: AppState, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["plan", "--format", "html", "-o", str(tmp_path / "plan.html")]) == 0
    html = (tmp_path / "plan.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Do this first" in html
    assert run(["plan", "-o", str(tmp_path / "plan.md")]) == 0
    assert (tmp_path / "plan.md").read_text(encoding="utf-8").startswith("# Your online")
    assert "Saved your plan to" in capsys.readouterr().out


def test_plan_errors_are_one_clear_line(
    saved: AppState, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["plan", "--format", "pdf"]) == 1
    assert "add -o FILE.pdf" in capsys.readouterr().err
    assert run(["plan", "-o", str(tmp_path / "no" / "such" / "plan.md")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("selfaudit: cannot write in") and "Traceback" not in err


def test_plan_before_any_audit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["plan"]) == 1
    assert "not finished an audit yet" in capsys.readouterr().err
    assert run(["receipt", "-o", "r.pdf"]) == 1
    assert "not finished an audit yet" in capsys.readouterr().err
    assert run(["status", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["last_audit"] is None and facts["score"] is None and facts["open_actions"] == 0
    assert run(["status"]) == 0
    assert "not finished an audit yet" in capsys.readouterr().out


def test_status_json(saved: AppState, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["status", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    plan = build_plan(CATALOG, saved, Policy(), date.today())
    assert facts["last_audit"] == "2026-11-24"
    assert facts["next_due"] == "2027-05-23"
    assert facts["score"] == saved.audits[-1].score
    assert facts["open_actions"] == plan.open_count > 0
    assert facts["done_actions"] == 1
    assert facts["do_this_first"] == "Remove or unfollow a service user on Facebook"
    assert run(["status"]) == 0
    out = capsys.readouterr().out
    assert "Last audit:      24 November 2026" in out
    assert f"Score:           {saved.audits[-1].score} out of 100" in out


def test_status_does_not_import_qt() -> None:
    code = (
        "import sys\n"
        "from tests.unit.test_report import realistic_state\n"
        "import selfaudit.cli.context as context\n"
        "state = realistic_state()\n"
        "context.load_state = lambda: state\n"
        "from selfaudit.cli import run\n"
        "assert run(['status', '--json']) == 0\n"
        "assert run(['plan', '--format', 'html']) == 0\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_an_audit_with_nothing_open(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    state = audited({}, []).state
    monkeypatch.setattr("selfaudit.cli.context.load_state", lambda: state)
    assert run(["status", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["open_actions"] == 0 and facts["do_this_first"] is None and facts["score"] == 100
