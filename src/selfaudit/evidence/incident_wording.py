"""How the evidence log says dates, times and sizes, the same way in the app, the report and the
command line (GOV.UK style: "Wednesday 12 March 2025 at 7:42pm")."""

from __future__ import annotations

from datetime import datetime, timedelta

from selfaudit.dates import MONTHS, clock_time, day_and_date
from selfaudit.evidence.models import IncidentDetails


def utc_offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "+" if offset >= timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def long_date(moment: datetime) -> str:
    return day_and_date(moment.date())


def when_text(moment: datetime, time_zone: str = "") -> str:
    """The moment as the person entered it, with the offset that fixes it in time."""
    place = f"{time_zone}, " if time_zone else ""
    return f"{long_date(moment)} at {clock_time(moment)} ({place}{utc_offset(moment)})"


def short_when(moment: datetime) -> str:
    """For lists: '12 Mar 2025, 7:42pm'."""
    return f"{moment.day} {MONTHS[moment.month - 1][:3]} {moment.year}, {clock_time(moment)}"


def local_when(moment: datetime) -> str:
    """A moment recorded by the app (in UTC), shown in this computer's time zone."""
    return when_text(moment.astimezone())


def field_text(details: IncidentDetails, name: str) -> str:
    """One field of an incident as words, for showing what an edit changed."""
    value = getattr(details, name)
    if name == "occurred_at":
        return when_text(details.occurred_at, details.time_zone)
    if name == "channel":
        return details.channel.label
    if name == "actions":
        return "; ".join(action.label for action in details.actions) or "Nothing"
    if name == "attachments":
        return ", ".join(a.file_name for a in details.attachments) or "None"
    return str(value).strip() or "Nothing"
