"""The action plan: which actions, in which order, due when, citing what; and the person's ticks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.audit import AppState, AuditSession
from selfaudit.audit.plan import (
    SEVERITY_RANK,
    ActionKind,
    build_plan,
    check_action_id,
    progress_entry,
)
from selfaudit.audit.progress import ActionStatus
from selfaudit.audit.state import FriendMatch
from selfaudit.audit.verify import Verification, apply_verification
from selfaudit.content import load_catalog
from selfaudit.content.models import NOT_SURE, Outcome, Severity
from selfaudit.policy import Policy
from selfaudit.probes import ProbeResult, ProbeStatus
from tests.helpers import answer_for, passing_answers

CATALOG = load_catalog()
AUDIT_DAY = datetime(2026, 11, 24, 12, tzinfo=UTC)
TODAY = date(2026, 11, 24)


class Clock:
    def __init__(self, now: datetime = AUDIT_DAY) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def audited(
    failing: dict[str, Outcome], platforms: list[str], clock: Clock | None = None
) -> AuditSession:
    """A finished audit where every check passes except `failing` (check id -> outcome)."""
    session = AuditSession(CATALOG, AppState(), clock=clock or Clock())
    session.set_platforms(platforms)
    answers = passing_answers(CATALOG)
    for check_id, outcome in failing.items():
        answers[check_id] = answer_for(CATALOG.check(check_id), outcome)
    for check_id, value in answers.items():
        session.set_answer(check_id, value)
    session.finish()
    return session


KNOWN = {
    "personal.old_posts": Outcome.FAIL,  # low
    "device.disk_encryption": Outcome.UNKNOWN,  # medium, "not sure", a probe can check it
    "passwords.manager": Outcome.FAIL,  # medium
    "passwords.two_step_email": Outcome.UNKNOWN,  # high
    "passwords.unique": Outcome.FAIL,  # high
}


def test_plan_for_known_answers_has_expected_actions_order_and_due_dates() -> None:
    session = audited(KNOWN, ["facebook"])
    plan = build_plan(CATALOG, session.state, Policy(), TODAY)
    assert [a.check_id for a in plan.actions] == [
        "passwords.unique",  # high, a known gap
        "passwords.two_step_email",  # high, not sure
        "passwords.manager",  # medium, a known gap, passwords come before devices
        "device.disk_encryption",  # medium, not sure
        "personal.old_posts",  # low
    ]
    assert plan.first is not None and plan.first.check_id == "passwords.unique"
    due = {a.check_id: (a.due - TODAY).days for a in plan.actions}
    assert due == {
        "passwords.unique": 7,
        "passwords.two_step_email": 7,
        "passwords.manager": 30,
        "device.disk_encryption": 30,
        "personal.old_posts": 90,
    }
    assert all(a.status is ActionStatus.TODO for a in plan.actions)
    assert plan.open_count == 5 and plan.done_count == 0


def test_actions_carry_the_check_remedy_why_and_clause() -> None:
    session = audited(KNOWN, ["facebook"])
    plan = build_plan(CATALOG, session.state, Policy(), TODAY)
    unique = plan.action(check_action_id("passwords.unique"))
    check = CATALOG.check("passwords.unique")
    assert unique.title == check.remedy.title
    assert unique.steps == check.remedy.steps
    assert (unique.clause_ref, unique.quote, unique.why) == ("4", check.quote, check.why)
    assert unique.clause_title == "Protecting yourself against cyber bullying"
    assert unique.severity is Severity.HIGH and unique.measure_title == "Passwords"
    # "Not sure" starts with finding out, using the question's own help
    unsure = plan.action(check_action_id("device.disk_encryption"))
    assert unsure.finding is Outcome.UNKNOWN
    assert CATALOG.check("device.disk_encryption").not_sure_help in unsure.steps[0]
    assert unsure.steps[1:] == CATALOG.check("device.disk_encryption").remedy.steps
    assert unsure.probe == "disk_encryption"
    assert unique.probe is None


def test_policy_sets_due_days_and_required_measures_come_first() -> None:
    session = audited(KNOWN, ["facebook"])
    policy = Policy(
        due_days={Severity.HIGH: 2, Severity.MEDIUM: 14, Severity.LOW: 60},
        required_measures=("device_locking",),
    )
    plan = build_plan(CATALOG, session.state, policy, TODAY)
    order = [a.check_id for a in plan.actions]
    assert order.index("device.disk_encryption") < order.index("passwords.manager")
    assert order[:2] == ["passwords.unique", "passwords.two_step_email"]  # severity first
    assert {(a.due - TODAY).days for a in plan.actions} == {2, 14, 60}


def test_due_date_counts_from_the_audit_that_first_found_it() -> None:
    clock = Clock()
    session = audited({"passwords.unique": Outcome.FAIL}, [], clock)
    clock.now = AUDIT_DAY + timedelta(days=20)
    session.start_audit()
    session.finish()  # still failing 20 days later: still due 7 days after first found
    plan = build_plan(CATALOG, session.state, Policy(), TODAY + timedelta(days=20))
    action = plan.action(check_action_id("passwords.unique"))
    assert action.found_on == TODAY and action.due == TODAY + timedelta(days=7)
    assert action.overdue(TODAY + timedelta(days=20)) and plan.overdue_count == 1


def test_friend_matches_become_actions_first() -> None:
    session = audited(KNOWN, ["facebook", "instagram"])
    confirmed = AUDIT_DAY + timedelta(hours=1)
    session.state.friend_matches = [
        FriendMatch(friend="Zoe Pupil", platform="instagram", confirmed_at=confirmed),
        FriendMatch(
            friend="Adam Client",
            platform="facebook",
            confirmed_at=confirmed,
            significant_contact=True,
        ),
        FriendMatch(friend="Ben Resident", platform="facebook", confirmed_at=confirmed),
    ]
    plan = build_plan(CATALOG, session.state, Policy(), TODAY)
    friendly = [(a.kind, a.person, a.title) for a in plan.actions if a.kind is not ActionKind.CHECK]
    assert friendly == [
        (ActionKind.FRIEND_REMOVE, "Adam Client", "Remove or unfollow a service user on Facebook"),
        (ActionKind.FRIEND_REMOVE, "Ben Resident", "Remove or unfollow a service user on Facebook"),
        (
            ActionKind.FRIEND_REMOVE,
            "Zoe Pupil",
            "Remove or unfollow a service user on Instagram",
        ),
        (
            ActionKind.FRIEND_TELL_MANAGER,
            "Adam Client",
            "Tell your line manager about your contact with a service user",
        ),
        (
            ActionKind.FRIEND_DECLINE,
            None,
            "Decline friend requests from service users on Facebook",
        ),
        (
            ActionKind.FRIEND_DECLINE,
            None,
            "Decline friend requests from service users on Instagram",
        ),
    ]
    assert plan.first is not None and plan.first.person == "Adam Client"
    assert plan.actions[:4] == tuple(
        a
        for a in plan.actions
        if a.kind in {ActionKind.FRIEND_REMOVE, ActionKind.FRIEND_TELL_MANAGER}
    )
    remove = plan.actions[0]
    assert remove.clause_ref == "7" and "as soon as you become aware" in remove.quote
    assert remove.due == TODAY + timedelta(days=7)
    tell = plan.actions[3]
    assert "Line Manager" in tell.quote
    assert all(a.person is None or a.person not in a.title for a in plan.actions)
    assert plan.actions[0].display_title.endswith(": Adam Client")


def test_statuses_survive_a_json_round_trip() -> None:
    session = audited(KNOWN, ["facebook"])
    now = AUDIT_DAY + timedelta(days=1)
    today = TODAY + timedelta(days=1)
    session.set_action_progress(
        check_action_id("passwords.unique"), progress_entry(ActionStatus.DONE, now, today)
    )
    session.set_action_progress(
        check_action_id("passwords.manager"),
        progress_entry(ActionStatus.SNOOZED, now, today, snooze_until=today + timedelta(days=7)),
    )
    session.set_action_progress(
        check_action_id("personal.old_posts"),
        progress_entry(ActionStatus.NOT_APPLICABLE, now, today),
    )
    reopened = AppState.model_validate_json(session.state.model_dump_json())
    assert reopened == session.state
    plan = build_plan(CATALOG, reopened, Policy(), today)
    status = {a.check_id: (a.status, a.done_on, a.snoozed_until) for a in plan.actions}
    assert status["passwords.unique"] == (ActionStatus.DONE, today, None)
    assert status["passwords.manager"] == (
        ActionStatus.SNOOZED,
        None,
        today + timedelta(days=7),
    )
    assert status["personal.old_posts"] == (ActionStatus.NOT_APPLICABLE, None, None)
    # done and not-applicable go to the end; the first open one is now "Do this first"
    assert [a.check_id for a in plan.actions][-2:] == ["passwords.unique", "personal.old_posts"]
    assert plan.first is not None and plan.first.check_id == "passwords.two_step_email"
    # a snooze ends by itself
    later = build_plan(CATALOG, reopened, Policy(), today + timedelta(days=7))
    assert later.action(check_action_id("passwords.manager")).status is ActionStatus.TODO


def test_progress_entries_are_validated() -> None:
    with pytest.raises(ValueError, match="day after today"):
        progress_entry(ActionStatus.SNOOZED, AUDIT_DAY, TODAY, snooze_until=TODAY)
    assert progress_entry(ActionStatus.TODO, AUDIT_DAY, TODAY) is None
    session = audited(KNOWN, [])
    changes: list[int] = []
    session.subscribe(lambda: changes.append(1))
    session.set_action_progress("check:passwords.unique", None)  # already to do: no change
    assert changes == []


def test_a_finished_reaudit_supersedes_ticks() -> None:
    clock = Clock()
    session = audited(KNOWN, ["facebook"], clock)
    for check_id, status in (
        ("passwords.unique", ActionStatus.DONE),  # still failing when asked again
        ("passwords.manager", ActionStatus.DONE),  # fixed: passes when asked again
        ("personal.old_posts", ActionStatus.NOT_APPLICABLE),
    ):
        session.set_action_progress(
            check_action_id(check_id), progress_entry(status, clock.now, TODAY)
        )
    clock.now = AUDIT_DAY + timedelta(days=10)
    session.set_answer(
        "passwords.manager", answer_for(CATALOG.check("passwords.manager"), Outcome.PASS)
    )
    session.finish()
    plan = build_plan(CATALOG, session.state, Policy(), TODAY + timedelta(days=10))
    ids = {a.check_id: a.status for a in plan.actions}
    assert ids["passwords.unique"] is ActionStatus.TODO
    assert "passwords.manager" not in ids
    assert ids["personal.old_posts"] is ActionStatus.NOT_APPLICABLE
    assert set(session.state.action_progress) == {check_action_id("personal.old_posts")}


def test_marking_done_a_probe_checked_action() -> None:
    session = audited({"device.screen_lock": Outcome.FAIL}, [])
    plan = build_plan(CATALOG, session.state, Policy(), TODAY)
    action = plan.action(check_action_id("device.screen_lock"))
    assert action.probe == "screen_lock"
    assert apply_verification(session, action, seen("fail"), TODAY) is Verification.STILL_NOT_DONE
    assert session.state.action_progress == {}
    assert apply_verification(session, action, seen("pass"), TODAY) is Verification.CONFIRMED
    record = session.probe_result("screen_lock")
    assert record is not None and record.status is ProbeStatus.PASS
    again = build_plan(CATALOG, session.state, Policy(), TODAY)
    done = again.action(action.id)
    assert (done.status, done.finding, done.done_on) == (ActionStatus.DONE, Outcome.PASS, TODAY)
    assert session.scores().overall == 100
    # the probe cannot tell (or this computer has none): done on the person's word
    other = audited({"device.disk_encryption": Outcome.UNKNOWN}, [])
    unsure = build_plan(CATALOG, other.state, Policy(), TODAY).actions[0]
    for result in (seen("unknown", "disk_encryption"), None):
        assert apply_verification(other, unsure, result, TODAY) is Verification.UNCHECKED
    assert other.answer("device.disk_encryption") == NOT_SURE
    assert other.state.action_progress[unsure.id].status is ActionStatus.DONE


def seen(status: str, probe: str = "screen_lock") -> ProbeResult:
    return ProbeResult(probe, ProbeStatus(status), "what the probe saw", "gnome")


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([c.id for c in CATALOG.checks]),
        st.sampled_from(list(Outcome)),
    ),
    st.lists(st.sampled_from([p.id for p in CATALOG.platforms]), unique=True),
)
def test_every_open_finding_is_one_action_in_priority_order(
    outcomes: dict[str, Outcome], platforms: list[str]
) -> None:
    session = AuditSession(CATALOG, AppState(), clock=Clock())
    session.set_platforms(platforms)
    for check_id, outcome in outcomes.items():
        check = CATALOG.check(check_id)
        if any(o.outcome is outcome for o in check.choices()):
            session.set_answer(check_id, answer_for(check, outcome))
    plan = build_plan(CATALOG, session.state, Policy(), TODAY)
    to_fix = {
        f.check.id for f in session.findings() if f.outcome in (Outcome.FAIL, Outcome.UNKNOWN)
    }
    ids = [a.check_id for a in plan.actions]
    assert len(ids) == len(set(ids)) and set(ids) == to_fix
    ranks = [(SEVERITY_RANK[a.severity], a.finding is not Outcome.FAIL) for a in plan.actions]
    assert ranks == sorted(ranks)
    assert plan.first == (plan.actions[0] if plan.actions else None)
    assert all(a.due >= TODAY for a in plan.actions)
