"""When re-audits are due: interval arithmetic across audits, per-section intervals, the text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.audit.reaudit import reaudit_schedule
from selfaudit.audit.state import AuditRecord
from selfaudit.dates import long_date
from selfaudit.policy import Policy
from selfaudit.reminders.notice import DueAction, reminder, schedule_summary

MEASURES = ["passwords", "device_locking", "service_users", "blocking"]
TITLES = {
    "passwords": "Passwords",
    "device_locking": "Locking your devices",
    "service_users": "Service users",
    "blocking": "Blocking",
}
POLICY = Policy(reaudit_days=180, reaudit_days_by_measure={"passwords": 365, "service_users": 120})


def audit(day: date, measures: list[str] = MEASURES, hour: int = 12) -> AuditRecord:
    return AuditRecord(
        completed_at=datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
        platforms=[],
        answers={},
        outcomes={},
        score=50,
        measure_scores=dict.fromkeys(measures, 50),
    )


def due_dates(audits: list[AuditRecord], policy: Policy = POLICY) -> dict[str, date | None]:
    schedule = reaudit_schedule(audits, policy, MEASURES, tz=UTC)
    return {s.measure: s.due for s in schedule.sections}


def test_never_audited_is_due_now() -> None:
    schedule = reaudit_schedule([], POLICY, MEASURES, tz=UTC)
    assert schedule.last_audit is None and schedule.next_due is None
    assert len(schedule.sections_due(date(2026, 1, 1))) == len(MEASURES)
    notice = reminder(schedule, [], date(2026, 1, 1), TITLES)
    assert notice.is_due
    assert notice.title == "Time for your online safety self-audit"
    assert "not done your self-audit yet" in notice.body


def test_one_audit_each_section_due_after_its_own_interval() -> None:
    first = date(2026, 1, 10)
    assert due_dates([audit(first)]) == {
        "passwords": date(2027, 1, 10),  # 365 days
        "device_locking": date(2026, 7, 9),  # 180 days
        "service_users": date(2026, 5, 10),  # 120 days
        "blocking": date(2026, 7, 9),
    }
    schedule = reaudit_schedule([audit(first)], POLICY, MEASURES, tz=UTC)
    assert schedule.next_due == date(2026, 5, 10)
    assert schedule.next_audit == date(2026, 7, 9)
    assert schedule.sections_due(date(2026, 5, 9)) == []
    assert [s.measure for s in schedule.sections_due(date(2026, 5, 10))] == ["service_users"]


def test_across_audits_each_section_counts_from_its_latest_audit() -> None:
    first, second = date(2026, 1, 10), date(2026, 4, 20)
    # the second (a quick re-audit) covered only the friend check
    audits = [audit(first), audit(second, ["service_users"])]
    dues = due_dates(audits)
    assert dues["service_users"] == second + timedelta(120)
    assert dues["passwords"] == first + timedelta(365)
    assert dues["blocking"] == first + timedelta(180)
    schedule = reaudit_schedule(audits, POLICY, MEASURES, tz=UTC)
    assert schedule.last_audit == second
    assert schedule.next_due == first + timedelta(180)


def test_a_section_no_audit_covered_is_due_now() -> None:
    dues = due_dates([audit(date(2026, 1, 10), ["passwords"])])
    assert dues["passwords"] == date(2027, 1, 10)
    assert dues["blocking"] is None


def test_dates_are_local_to_the_person() -> None:
    # 23:30 UTC on 9 January is 00:30 on 10 January one hour east
    late = audit(date(2026, 1, 9), hour=23).model_copy(
        update={"completed_at": datetime(2026, 1, 9, 23, 30, tzinfo=UTC)}
    )
    east = timezone(timedelta(hours=1))
    assert reaudit_schedule([late], POLICY, MEASURES, tz=east).last_audit == date(2026, 1, 10)
    assert reaudit_schedule([late], POLICY, MEASURES, tz=UTC).last_audit == date(2026, 1, 9)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.dates(date(2020, 1, 1), date(2030, 1, 1)), min_size=1, max_size=6),
    st.integers(7, 730),
    st.integers(7, 730),
    st.dates(date(2020, 1, 1), date(2032, 1, 1)),
)
def test_due_is_the_latest_audit_plus_the_interval(
    days: list[date], overall: int, passwords: int, today: date
) -> None:
    policy = Policy(reaudit_days=overall, reaudit_days_by_measure={"passwords": passwords})
    schedule = reaudit_schedule([audit(d) for d in days], policy, MEASURES, tz=UTC)
    latest = max(days)
    by_measure = {s.measure: s for s in schedule.sections}
    assert by_measure["passwords"].due == latest + timedelta(passwords)
    assert by_measure["blocking"].due == latest + timedelta(overall)
    assert schedule.next_due == latest + timedelta(min(overall, passwords))
    assert by_measure["blocking"].is_due(today) == (today >= latest + timedelta(overall))


def test_reminder_names_the_sections_due() -> None:
    first = date(2026, 1, 10)
    schedule = reaudit_schedule([audit(first)], POLICY, MEASURES, tz=UTC)
    notice = reminder(schedule, [], date(2026, 5, 10), TITLES)
    assert notice.title == "Your online safety self-audit is due"
    assert "10 January 2026" in notice.body
    assert "Time to check again: Service users." in notice.body
    everything = reminder(schedule, [], date(2027, 2, 1), TITLES)
    assert "Time to check again: all of it." in everything.body


def test_reminder_counts_many_sections_rather_than_listing_them() -> None:
    measures = [*MEASURES, "visibility", "evidence"]
    policy = Policy(reaudit_days=30, reaudit_days_by_measure={"passwords": 365})
    schedule = reaudit_schedule([audit(date(2026, 1, 1), measures)], policy, measures, tz=UTC)
    notice = reminder(schedule, [], date(2026, 3, 1), TITLES)
    assert "5 of its 6 sections" in notice.body


def test_reminder_for_actions_only() -> None:
    schedule = reaudit_schedule([audit(date(2026, 1, 10))], POLICY, MEASURES, tz=UTC)
    actions = [
        DueAction("passwords.unique", "Use a different password", date(2026, 2, 1)),
        DueAction("device.lock", "Turn on screen lock", date(2026, 1, 20)),
        DueAction("later", "Not yet", date(2026, 3, 1)),
    ]
    notice = reminder(schedule, actions, date(2026, 2, 1), TITLES)
    assert notice.is_due and not notice.sections
    assert [a.key for a in notice.actions] == ["device.lock", "passwords.unique"]
    assert notice.title == "Things on your action plan are due"
    assert notice.body == (
        "Due on your action plan: 2 actions, starting with: Turn on screen lock "
        "(due 20 January 2026)."
    )
    one = reminder(schedule, actions[1:2], date(2026, 2, 1), TITLES)
    assert one.body == "Due on your action plan: Turn on screen lock (due 20 January 2026)."


def test_nothing_due_says_when_next() -> None:
    schedule = reaudit_schedule([audit(date(2026, 1, 10))], POLICY, MEASURES, tz=UTC)
    notice = reminder(schedule, [], date(2026, 2, 1), TITLES)
    assert not notice.is_due
    assert notice.body == "Nothing is due now. Your next self-audit is due on 10 May 2026."
    assert schedule_summary(schedule, date(2026, 2, 1)).startswith(
        "Your next self-audit is due on 10 May 2026."
    )
    assert schedule_summary(schedule, date(2026, 5, 10)).startswith("Your self-audit is due now.")


def test_long_date() -> None:
    assert long_date(date(2026, 3, 3)) == "3 March 2026"
    assert long_date(date(2025, 12, 25)) == "25 December 2025"
