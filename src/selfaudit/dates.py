"""How the app says dates, the same everywhere (GOV.UK style: "24 November 2026").

Day and month names are spelled out rather than taken from strftime's %A/%B: Qt sets the C
locale from the environment, and the app's words are English whatever the computer's language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo

# what the domain asks for the time, so a test can pass a fixed one
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """'24 November 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def clock_time(moment: datetime) -> str:
    """'7:42pm'."""
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}:{moment.minute:02d}{suffix}"


def date_and_time(moment: datetime) -> str:
    """'6 December 2026 at 11:07pm', in `moment`'s own time zone."""
    return f"{long_date(moment.date())} at {clock_time(moment)}"


def day_and_date(day: date) -> str:
    """'Tuesday 24 November 2026'."""
    return f"{DAYS[day.weekday()]} {long_date(day)}"


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day the person saw when `moment` happened (`tz` None: this computer's
    zone). Stored times are UTC; an audit finished late in the evening counts for that evening."""
    return moment.astimezone(tz).date()
