"""Answers become findings and scores; "Not sure" is never a pass."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfaudit.audit import AppState, AuditSession, evaluate, score
from selfaudit.content import load_catalog
from selfaudit.content.models import NOT_SURE, Outcome
from tests.helpers import answer_for, passing_answers

CATALOG = load_catalog()


def session_with(answers: dict[str, str], platforms: list[str]) -> AuditSession:
    session = AuditSession(CATALOG, AppState(), clock=lambda: datetime(2026, 11, 24, tzinfo=UTC))
    session.set_platforms(platforms)
    for check_id, value in answers.items():
        session.set_answer(check_id, value)
    return session


def test_all_good_answers_score_100() -> None:
    session = session_with(passing_answers(CATALOG), ["facebook"])
    scores = session.scores()
    assert scores.overall == 100
    assert all(v == 100 for v in scores.by_measure.values())


def test_unanswered_and_not_sure_are_never_a_pass() -> None:
    session = session_with({c.id: NOT_SURE for c in CATALOG.checks}, ["facebook"])
    assert all(f.outcome is Outcome.UNKNOWN for f in session.findings())
    assert session.scores().overall == 0
    empty = session_with({}, ["facebook"])
    assert empty.scores().overall == 0


def test_score_is_weighted_by_severity() -> None:
    # passwords: fail exactly one high (weight 3) check, pass the rest
    answers = passing_answers(CATALOG)
    checks = CATALOG.checks_for("passwords")
    high = next(c for c in checks if c.severity.value == "high")
    answers[high.id] = answer_for(high, Outcome.FAIL)
    session = session_with(answers, ["facebook"])
    total = sum(c.severity.weight for c in checks)
    assert session.scores().by_measure["passwords"] == round(100 * (total - 3) / total)


def test_known_answers_give_known_score() -> None:
    """Half the measures all good, the others all failing: the score is their weight share."""
    answers: dict[str, str] = {}
    good_measures = {"passwords", "device_locking", "evidence", "conduct"}
    for check in CATALOG.checks:
        wanted = Outcome.PASS if check.measure in good_measures else Outcome.FAIL
        answers[check.id] = answer_for(check, wanted)
    session = session_with(answers, ["instagram"])
    findings = session.findings()
    earned = sum(f.check.severity.weight for f in findings if f.check.measure in good_measures)
    possible = sum(f.check.severity.weight for f in findings)
    assert session.scores().overall == round(100 * earned / possible)
    assert session.scores().by_measure["visibility"] == 0
    assert session.scores().by_measure["passwords"] == 100


def test_not_applicable_is_left_out_of_the_score() -> None:
    answers = passing_answers(CATALOG)
    political = CATALOG.check("conduct.political_restrictions")
    answers[political.id] = answer_for(political, Outcome.NOT_APPLICABLE)
    session = session_with(answers, ["x"])
    assert session.scores().overall == 100


def test_social_questions_apply_only_to_people_who_use_social_media() -> None:
    without = session_with({}, [])
    asked = {c.id for c in without.applicable_checks()}
    assert "visibility.view_as_stranger" not in asked
    assert "passwords.unique" in asked
    assert without.scores().by_measure["visibility"] is None
    with_social = session_with({}, ["tiktok"])
    assert "visibility.view_as_stranger" in {c.id for c in with_social.applicable_checks()}


def test_answers_are_validated() -> None:
    session = session_with({}, [])
    with pytest.raises(ValueError, match="not an answer"):
        session.set_answer("passwords.unique", "maybe")
    with pytest.raises(KeyError):
        session.set_answer("no.such.check", "yes")
    with pytest.raises(ValueError, match="unknown platform"):
        session.set_platforms(["myspace"])


def test_finish_records_the_audit_and_notifies() -> None:
    session = session_with(passing_answers(CATALOG), ["facebook", "x"])
    changes: list[int] = []
    session.subscribe(lambda: changes.append(1))
    record = session.finish()
    assert changes == [1]
    assert session.state.audits == [record]
    assert record.score == 100
    assert record.platforms == ["facebook", "x"]
    assert set(record.outcomes) == {c.id for c in session.applicable_checks()}
    # the state round-trips through JSON, as the vault will store it
    again = AppState.model_validate_json(session.state.model_dump_json())
    assert again == session.state


@given(st.dictionaries(st.sampled_from([c.id for c in CATALOG.checks]), st.text(max_size=12)))
def test_score_is_always_between_0_and_100(raw: dict[str, str]) -> None:
    findings = evaluate(CATALOG, raw, ["facebook"])
    scores = score(CATALOG, findings)
    assert scores.overall is not None and 0 <= scores.overall <= 100
    for finding in findings:
        if finding.answer not in {o.value for o in finding.check.choices()}:
            assert finding.outcome is Outcome.UNKNOWN
