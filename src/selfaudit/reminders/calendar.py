"""The re-audit and the plan's open actions as a calendar file (.ics) the person imports.

- the full self-audit: a recurring event every `reaudit_days`, from the next due date;
- each section with its own interval (passwords yearly, the friend check each term): a recurring
  event of its own;
- each open action: an event on its due date.

Every event has a display alarm and a UID that depends only on what it is (the re-audit, the
section, the action's key), never on dates, so importing a newer file updates the events in the
calendar instead of adding copies. Times are "floating" 09:00: nine in the morning wherever the
person is, which is what a reminder to oneself means, with no time-zone guessing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from selfaudit import APP_ID, APP_TITLE
from selfaudit.audit.reaudit import ReauditSchedule
from selfaudit.reminders.notice import DueAction

START_TIME = time(9, 0)
AUDIT_LENGTH = timedelta(minutes=30)
ACTION_LENGTH = timedelta(minutes=15)
ALARM_BEFORE = timedelta(minutes=15)
PRODID = f"-//selfaudit//{APP_TITLE}//EN"


def event_uid(kind: str, key: str = "") -> str:
    return f"{kind}{'.' + key if key else ''}@{APP_ID.lower()}"


def _alarm(text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -ALARM_BEFORE)
    return alarm


def _event(
    uid: str, summary: str, description: str, day: date, length: timedelta, stamp: datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", datetime.combine(day, START_TIME))  # naive: floating local time
    event.add("duration", length)
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not block time
    event.add_component(_alarm(summary))
    return event


def _every(days: int) -> dict[str, object]:
    return {"freq": "daily", "interval": days}


def reminder_calendar(
    schedule: ReauditSchedule,
    actions: Iterable[DueAction],
    today: date,
    section_titles: Mapping[str, str],
    stamp: datetime,
) -> Calendar:
    """The calendar for this schedule and these open actions. `stamp` is the UTC creation time."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")

    # an overdue audit starts today: a first occurrence in the past would already be missed
    first = max(schedule.next_audit or today, today)
    audit = _event(
        event_uid("reaudit"),
        "Online safety self-audit",
        f"Time to check again how well you protect yourself online. Open {APP_TITLE}: it takes "
        "about 10 minutes, and your answers stay on your computer.",
        first,
        AUDIT_LENGTH,
        stamp,
    )
    audit.add("rrule", _every(schedule.reaudit_days))
    calendar.add_component(audit)

    for section in schedule.sections:
        if section.interval_days == schedule.reaudit_days:
            continue  # checked with the full self-audit
        title = section_titles.get(section.measure, section.measure)
        event = _event(
            event_uid("reaudit", section.measure),
            f"Online safety self-audit: {title}",
            f"Your employer asks you to check this part of your self-audit every "
            f"{section.interval_days} days. Open {APP_TITLE} to check {title.lower()} again.",
            max(section.due or today, today),
            AUDIT_LENGTH,
            stamp,
        )
        event.add("rrule", _every(section.interval_days))
        calendar.add_component(event)

    for action in sorted(actions, key=lambda a: (a.due, a.key)):
        calendar.add_component(
            _event(
                event_uid("action", action.key),
                f"Online safety: {action.title}",
                f"Due today on your online safety action plan. Open {APP_TITLE} to see the steps "
                "and tick it off.",
                action.due,
                ACTION_LENGTH,
                stamp,
            )
        )
    return calendar
