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


def day_and_date(day: date) -> str:
    """'Tuesday 24 November 2026'."""
    return f"{DAYS[day.weekday()]} {long_date(day)}"


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day the person saw when `moment` happened (`tz` None: this computer's
    zone). Stored times are UTC; an audit finished late in the evening counts for that evening."""
    return moment.astimezone(tz).date()
