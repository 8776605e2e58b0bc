"""`checks --json`, the plan in every format and the receipt follow the organisation's policy:
its own numbering of the code, its own question, a check it leaves out, its lock time for
phones. (The receipt and the plan as PDF: tests/gui/test_report_pdf.py.)"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from selfaudit.audit import AppState, AuditSession
from selfaudit.cli import run
from selfaudit.content import load_catalog
from selfaudit.content.models import NOT_SURE
from selfaudit.policy import Policy
from selfaudit.policy_catalog import shape_catalog
from selfaudit.policy_loader import parse_policy
from selfaudit.report.receipt import build_receipt
from tests.helpers import passing_answers
from tests.unit.test_policy_code_checks import EVERY_NEW_FIELD

APP = load_catalog()
POLICY = parse_policy(EVERY_NEW_FIELD, Path("policy.toml"), APP)
SHAPED = shape_catalog(APP, POLICY)
AUDITED = datetime(2026, 11, 24, 12, tzinfo=UTC)
CODE = "Use of Social Media and Electronic Communication: Code for Employees, version 3.0"
URL = "https://intranet.example/hr/social-media-code"
QUOTE_LABEL = "In the words of the code this app was built from"
SKIPPED_TITLE = APP.check("x.protect_posts").remedy.title


def audited_under_the_policy() -> AppState:
    """An audit before the policy (x.protect_posts not done), then one under it."""
    state = AppState()
    before = AuditSession(APP, state, clock=lambda: AUDITED)
    before.set_platforms(["facebook", "x"])
    before.set_answer("x.protect_posts", "not_yet")
    session = AuditSession(SHAPED, state, clock=lambda: AUDITED)
    answers = passing_answers(SHAPED)
    answers["passwords.hard_to_guess"] = "no"  # the code asks: section 4, their 2.3
    answers["passwords.unique"] = "no"  # good practice serving section 4
    answers["org.approved_messaging"] = "no"  # their own question
    answers["device.phone_autolock"] = NOT_SURE  # in their minutes
    for check_id, value in answers.items():
        session.set_answer(check_id, value)
    session.finish()
    return state


@pytest.fixture
def policy_file(tmp_path: Path) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(EVERY_NEW_FIELD, encoding="utf-8")
    return path


@pytest.fixture
def saved(monkeypatch: pytest.MonkeyPatch) -> AppState:
    state = audited_under_the_policy()
    monkeypatch.setattr("selfaudit.cli.context.load_state", lambda: state)
    return state


def test_checks_json_follows_the_policy(
    policy_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--policy", str(policy_file), "checks", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    rows = {row["id"]: row for row in report["checks"]}
    assert "x.protect_posts" not in rows and report["skipped"] == ["x.protect_posts"]
    own = rows["org.approved_messaging"]
    assert (own["basis"], own["required"], own["section"]) == ("organisation", True, None)
    assert own["question"] == "Do you contact families only through the approved messaging service?"
    hard = rows["passwords.hard_to_guess"]
    assert (hard["section"], hard["seed_ref"], hard["required"]) == ("2.3", "4", False)
    assert rows["conduct.disrepute"]["section"] == "3"
    phone = rows["device.phone_autolock"]
    assert phone["required"] and "within 5 minutes" in phone["question"]
    assert report["code"]["title"] + ", version " + report["code"]["version"] == CODE
    assert report["code"]["quotes_from"] == "the code this app was built from"
    assert list(rows)[-1] == "org.lanyard"
    # without the policy: the app's own checks, the built-in numbering
    assert run(["checks", "--json"]) == 0
    built_in = json.loads(capsys.readouterr().out)
    rows = {row["id"]: row for row in built_in["checks"]}
    assert "x.protect_posts" in rows and "org.approved_messaging" not in rows
    assert built_in["code"] is None and rows["passwords.hard_to_guess"]["section"] == "4"
    assert "within 2 minutes" in rows["device.phone_autolock"]["question"]


def test_the_checks_table_follows_the_policy(
    policy_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--policy", str(policy_file), "checks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Sections as numbered in {CODE} (§- where it gives no number)."
    hard = next(line for line in lines if line.startswith("passwords.hard_to_guess "))
    assert "§2.3" in hard and "code" in hard
    own = next(line for line in lines if line.startswith("org.approved_messaging "))
    assert "organisation, required" in own
    assert not any(line.startswith("x.protect_posts ") for line in lines)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_plan_follows_the_policy(
    fmt: str, saved: AppState, policy_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--policy", str(policy_file), "plan", "--format", fmt]) == 0
    text = capsys.readouterr().out
    if fmt == "html":
        assert f'Based on <a href="{URL}">{CODE}</a> ({URL}).' in text
        text = text.replace("&#x27;", "'")
    else:
        assert f"Based on [{CODE}]({URL})." in text
    # their numbering, and the quote labelled as the words of the code the app was built from
    assert f"Your employer's code, section 2.3. {QUOTE_LABEL}: “choosing hard-to-guess" in text
    assert "Good practice: it helps with what section 2.3 of your employer's code asks." in text
    assert "section 4" not in text
    # their own question
    assert "Contact families only through the approved messaging service" in text
    assert "Riverside Schools Federation asks this in its own policy." in text
    # their minutes for the phone, and its requirement
    assert "Make your phone lock itself within 5 minutes" in text
    assert "choose 5 minutes or less" in text
    assert "Required by your organisation" in text
    # the check they leave out is not in the plan, though its answer was "not yet"
    assert SKIPPED_TITLE not in text
    assert saved.answers["x.protect_posts"].value == "not_yet"


def test_without_the_policy_the_plan_cites_the_code_it_was_built_from(
    saved: AppState, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["plan"]) == 0
    text = capsys.readouterr().out
    assert "Based on" not in text and QUOTE_LABEL not in text
    assert "The code, section 4 (Protecting yourself against cyber bullying)" in text
    assert SKIPPED_TITLE in text  # its answer counts again
    assert "within 2 minutes" in text


def test_the_receipt_follows_the_policy(saved: AppState) -> None:
    receipt = build_receipt(SHAPED, saved, POLICY, name="Alex Morgan")
    rows = dict(receipt.rows())
    assert rows["Code of practice"] == CODE
    # required: the phone (not sure) and their own question (no)
    assert rows["Checks your organisation requires"] == "0 of 2 in place"
    assert rows["Measures fully in place"] == "5 of 8"
    assert "Code of practice" not in dict(build_receipt(APP, saved, Policy()).rows())
