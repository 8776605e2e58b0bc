"""The .ics export parses back with icalendar, with the right repeats, alarms and stable UIDs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from selfaudit.audit.reaudit import reaudit_schedule
from selfaudit.audit.state import AuditRecord
from selfaudit.policy import Policy
from selfaudit.reminders.calendar import reminder_calendar
from selfaudit.reminders.notice import DueAction

MEASURES = ["passwords", "service_users", "blocking"]
TITLES = {"passwords": "Passwords", "service_users": "Service users", "blocking": "Blocking"}
POLICY = Policy(reaudit_days=180, reaudit_days_by_measure={"service_users": 120})
STAMP = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)
ACTIONS = [
    DueAction("passwords.unique", "Use a different password", date(2026, 2, 10)),
    DueAction("device.lock", "Turn on screen lock", date(2026, 2, 3)),
]


def audit(day: date) -> AuditRecord:
    return AuditRecord(
        completed_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        platforms=[],
        answers={},
        outcomes={},
        score=80,
        measure_scores=dict.fromkeys(MEASURES, 80),
    )


def export(audits: list[AuditRecord], today: date, actions: list[DueAction]) -> list[Event]:
    schedule = reaudit_schedule(audits, POLICY, MEASURES, tz=UTC)
    data = reminder_calendar(schedule, actions, today, TITLES, STAMP).to_ical()
    parsed = Calendar.from_ical(data)
    assert parsed["VERSION"] == "2.0" and "PRODID" in parsed
    return list(parsed.walk("VEVENT"))


def by_uid(events: list[Event]) -> dict[str, Event]:
    return {str(e["UID"]): e for e in events}


def test_reaudit_repeats_with_an_alarm() -> None:
    events = by_uid(export([audit(date(2026, 1, 10))], date(2026, 2, 1), []))
    reaudit = events["reaudit@uk.selfaudit.selfaudit"]
    assert reaudit["SUMMARY"] == "Online safety self-audit"
    assert reaudit.decoded("DTSTART") == datetime(2026, 7, 9, 9, 0)  # floating local time
    assert reaudit.decoded("DURATION") == timedelta(minutes=30)
    rule = reaudit["RRULE"]
    assert rule["FREQ"] == ["DAILY"] and rule["INTERVAL"] == [180]
    [alarm] = reaudit.subcomponents
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-15)


def test_section_with_its_own_interval_repeats_on_its_own() -> None:
    events = by_uid(export([audit(date(2026, 1, 10))], date(2026, 2, 1), []))
    assert set(events) == {
        "reaudit@uk.selfaudit.selfaudit",
        "reaudit.service_users@uk.selfaudit.selfaudit",
    }
    friends = events["reaudit.service_users@uk.selfaudit.selfaudit"]
    assert friends["RRULE"]["INTERVAL"] == [120]
    assert friends.decoded("DTSTART") == datetime(2026, 5, 10, 9, 0)
    assert "Service users" in friends["SUMMARY"]
    assert len(friends.subcomponents) == 1


def test_actions_on_their_due_dates_with_alarms() -> None:
    events = export([audit(date(2026, 1, 10))], date(2026, 2, 1), ACTIONS)
    actions = [e for e in events if str(e["UID"]).startswith("action.")]
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in actions] == [
        ("Online safety: Turn on screen lock", datetime(2026, 2, 3, 9, 0)),
        ("Online safety: Use a different password", datetime(2026, 2, 10, 9, 0)),
    ]
    for event in actions:
        assert "RRULE" not in event
        [alarm] = event.subcomponents
        assert alarm.decoded("TRIGGER") == timedelta(minutes=-15)


def test_uids_stay_the_same_when_exported_again_later() -> None:
    first = by_uid(export([audit(date(2026, 1, 10))], date(2026, 2, 1), ACTIONS))
    later_audits = [audit(date(2026, 1, 10)), audit(date(2026, 7, 1))]
    later = by_uid(export(later_audits, date(2026, 7, 2), ACTIONS))
    assert set(first) == set(later)
    assert later["reaudit@uk.selfaudit.selfaudit"].decoded("DTSTART") == datetime(2026, 12, 28, 9)


def test_overdue_or_never_done_starts_today() -> None:
    overdue = by_uid(export([audit(date(2025, 1, 10))], date(2026, 2, 1), []))
    assert overdue["reaudit@uk.selfaudit.selfaudit"].decoded("DTSTART") == datetime(2026, 2, 1, 9)
    never = by_uid(export([], date(2026, 2, 1), []))
    assert never["reaudit@uk.selfaudit.selfaudit"].decoded("DTSTART") == datetime(2026, 2, 1, 9)
