"""Re-audits ask only what is new, not passing, probed or aged; "since your last audit"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from selfaudit.audit.compare import Change, since_last_audit
from selfaudit.audit.reaudit import due_again, next_due, reaudit_scope
from selfaudit.content.models import AnswerKind, Outcome
from selfaudit.policy import Policy
from tests.helpers import answer_for
from tests.unit.test_plan import AUDIT_DAY, CATALOG, Clock, audited


def test_a_reaudit_asks_only_what_is_new_failing_probed_or_stale() -> None:
    clock = Clock()
    session = audited(
        {"passwords.unique": Outcome.FAIL, "passwords.manager": Outcome.UNKNOWN},
        ["facebook"],
        clock,
    )
    policy = Policy(reaudit_days=180, reaudit_days_by_measure={"visibility": 30})
    clock.now = AUDIT_DAY + timedelta(days=31)
    del session.state.answers["evidence.screenshots"]  # a question added since
    scope = reaudit_scope(CATALOG, session.state, policy, clock.now)
    session.start_audit(scope)
    asked = {c.id for c in session.applicable_checks() if session.asks(c)}
    probed = {c.id for c in CATALOG.checks if c.answer is AnswerKind.DETECTED}
    visibility = {c.id for c in session.applicable_checks() if c.measure == "visibility"}
    new = {"evidence.screenshots"}
    assert asked == {"passwords.unique", "passwords.manager"} | probed | visibility | new
    assert asked == {c.id for c in due_again(CATALOG, session.state, policy, clock.now)}
    # an answer given during the re-audit keeps its question on the page
    new_check = CATALOG.check("evidence.screenshots")
    session.set_answer(new_check.id, answer_for(new_check, Outcome.PASS))
    assert session.asks(new_check)
    assert not session.asks(CATALOG.check("passwords.not_shared"))


def test_finishing_a_reaudit_confirms_what_was_asked_only() -> None:
    clock = Clock()
    session = audited({"passwords.unique": Outcome.FAIL}, [], clock)
    clock.now = AUDIT_DAY + timedelta(days=40)
    session.start_audit(reaudit_scope(CATALOG, session.state, Policy(), clock.now))
    session.finish()
    answers = session.state.answers
    assert answers["passwords.unique"].answered_at == clock.now
    assert answers["passwords.not_shared"].answered_at == AUDIT_DAY  # passing, fresh: not asked
    assert session.reaudit is None
    assert len(session.state.audits) == 2
    # the passing answers from the first audit age out first
    assert next_due(CATALOG, session.state, Policy(reaudit_days=180)) == date(2027, 5, 23)


def test_a_check_interval_from_content_is_used() -> None:
    clock = Clock()
    session = audited({}, [], clock)
    short = CATALOG.check("device.phone_lock").model_copy(update={"reconfirm_days": 10})
    catalog = type(CATALOG)(
        clauses=CATALOG.clauses,
        measures=CATALOG.measures,
        platforms=CATALOG.platforms,
        checks=tuple(short if c.id == short.id else c for c in CATALOG.checks),
    )
    now = AUDIT_DAY + timedelta(days=10)
    asked = {c.id for c in due_again(catalog, session.state, Policy(), now)}
    assert "device.phone_lock" in asked
    assert "device.phone_lock" not in {
        c.id for c in due_again(CATALOG, session.state, Policy(), now)
    }
    assert next_due(catalog, session.state, Policy()) == date(2026, 12, 4)
    assert next_due(CATALOG, session.state, Policy()) == date(2027, 5, 23)


def test_next_due_is_none_before_the_first_audit() -> None:
    from selfaudit.audit import AppState

    assert next_due(CATALOG, AppState(), Policy()) is None


def test_since_last_audit() -> None:
    clock = Clock()
    session = audited(
        {"passwords.unique": Outcome.FAIL, "passwords.manager": Outcome.UNKNOWN}, [], clock
    )
    assert since_last_audit(CATALOG, session.state.audits) is None
    clock.now = datetime(2027, 1, 5, 12, tzinfo=UTC)
    session.set_platforms(["linkedin"])
    for check_id, outcome in {
        "passwords.unique": Outcome.PASS,  # improved
        "passwords.manager": Outcome.FAIL,  # not sure -> no: still to fix, not listed
        "passwords.not_shared": Outcome.FAIL,  # got worse
    }.items():
        session.set_answer(check_id, answer_for(CATALOG.check(check_id), outcome))
    for check in session.applicable_checks():
        if session.answer(check.id) is None:
            session.set_answer(check.id, answer_for(check, Outcome.PASS))
    session.finish()
    comparison = since_last_audit(CATALOG, session.state.audits)
    assert comparison is not None
    assert [c.check.id for c in comparison.of(Change.IMPROVED)] == ["passwords.unique"]
    assert [c.check.id for c in comparison.of(Change.WORSE)] == ["passwords.not_shared"]
    new = {c.check.id for c in comparison.of(Change.NEW)}
    assert new == {c.id for c in session.applicable_checks()} - set(
        session.state.audits[0].outcomes
    )
    assert new and all(c.platform in (None, "linkedin") for c in map(CATALOG.check, new))
    before, after = session.state.audits[0].score, session.state.audits[1].score
    assert before is not None and after is not None
    assert comparison.score_change == after - before


def test_the_dashboard_and_the_reminders_agree_on_the_next_due_date() -> None:
    from selfaudit.reminders.inputs import reminder_inputs

    clock = Clock()
    session = audited({}, ["facebook"], clock)  # platform items age out after 180 days
    policy = Policy(reaudit_days=365)
    due = next_due(CATALOG, session.state, policy)
    assert due is not None and due < AUDIT_DAY.date() + timedelta(days=365)
    assert reminder_inputs(session.state, CATALOG, policy).schedule.next_due == due


def test_the_persons_own_interval_brings_the_reaudit_sooner_never_later() -> None:
    from selfaudit.audit.reaudit import schedule

    clock = Clock()
    session = audited({}, ["facebook"], clock)
    policy = Policy(reaudit_days=180, reaudit_days_by_measure={"visibility": 30})
    state = session.state
    assert schedule(CATALOG, state, policy).reaudit_days == 180
    session.set_own_reaudit_days(90)
    sooner = schedule(CATALOG, state, policy)
    assert sooner.reaudit_days == 90
    assert sooner.next_audit == AUDIT_DAY.date() + timedelta(days=90)
    intervals = {s.measure: s.interval_days for s in sooner.sections}
    assert intervals["visibility"] == 30 and intervals["passwords"] == 90
    # answers confirmed longer ago than the person's interval are asked again
    later = AUDIT_DAY + timedelta(days=91)
    asked = {c.id for c in due_again(CATALOG, state, policy, later)}
    assert "passwords.not_shared" in asked
    session.set_own_reaudit_days(365)  # longer than the organisation asks: theirs holds
    assert schedule(CATALOG, state, policy).reaudit_days == 180
    assert "passwords.not_shared" not in {c.id for c in due_again(CATALOG, state, policy, later)}
