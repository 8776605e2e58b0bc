"""What an imported checklist must be, beyond its shape: every value within the range the app
works with, so that nothing the person imports can stop the app or a command later.

A date in the year 9999 is a valid date, and a score of 10^30 a valid number, but the first
overflows the moment a re-audit interval is added to it and the second is no score at all:
imported, either would lock the person out of every command and leave the app's window blank.
So an import is refused, saying where, when:

- a date or time is before 2000 or after tomorrow (a snooze may run to five years ahead), or
  has no time zone (it could not be compared with the app's own times);
- a score is outside 0 to 100;
- an attachment claims a size or a picture no attachment can have;
- the checklist does not come back the same when saved and read as the app saves it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from selfaudit.audit.state import AppState

EARLIEST = date(2000, 1, 1)
SNOOZE_YEARS = 5
FUTURE_FIELDS = {"snoozed_until"}  # dates that are meant to lie ahead
SCORE_FIELDS = {"score", "measure_scores"}
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024  # as evidence.attachments allows
MAX_PICTURE_PIXELS = 60_000_000


class OutOfRangeError(ValueError):
    """A value the app cannot work with; the message says where and why."""


def _values(value: Any, where: str, field: str = "") -> Iterator[tuple[str, str, Any]]:
    """(where, field name, value) for every plain value inside a model."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _values(getattr(value, name), f"{where}.{name}" if where else name, name)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, f"{where}.{key}", field)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _values(item, f"{where}[{index}]", field)
    else:
        yield where, field, value


def check_ranges(state: AppState, now: datetime | None = None) -> None:
    """Raises OutOfRangeError for the first value out of range."""
    now = now or datetime.now(UTC)
    tomorrow = (now + timedelta(days=1)).date()
    latest_snooze = date(tomorrow.year + SNOOZE_YEARS, 12, 31)
    for where, field, value in _values(state, ""):
        if isinstance(value, datetime):
            if value.tzinfo is None or value.utcoffset() is None:
                raise OutOfRangeError(f"{where}: {value.isoformat()} has no time zone")
            day = value.astimezone(UTC).date()
        elif isinstance(value, date):
            day = value
        elif field in SCORE_FIELDS and isinstance(value, int) and not 0 <= value <= 100:
            raise OutOfRangeError(f"{where}: {value} is not a score from 0 to 100")
        else:
            continue
        latest = latest_snooze if field in FUTURE_FIELDS else tomorrow
        if not EARLIEST <= day <= latest:
            shown = value.isoformat()[:40]
            when = "before 2000" if day < EARLIEST else "in the future"
            raise OutOfRangeError(f"{where}: {shown} is {when}")
    _check_attachments(state)


def _check_attachments(state: AppState) -> None:
    evidence = state.evidence
    incidents = [*evidence.incidents, *(d.incident for d in evidence.deleted)]
    for incident in incidents:
        for version in incident.versions():
            for attachment in version.attachments:
                if attachment.size > MAX_ATTACHMENT_BYTES:
                    raise OutOfRangeError(
                        f"evidence: “{attachment.file_name}” claims {attachment.size} bytes, "
                        "more than any attachment can be"
                    )
                pixels = (attachment.width or 1) * (attachment.height or 1)
                if pixels > MAX_PICTURE_PIXELS:
                    raise OutOfRangeError(
                        f"evidence: “{attachment.file_name}” claims {pixels} pixels, more than "
                        "any picture can have"
                    )


# what an import removes -----------------------------------------------------------------------
def attachment_ids(state: AppState) -> set[str]:
    """The blobs every version of every incident, deleted or not, refers to."""
    evidence = state.evidence
    incidents = [*evidence.incidents, *(d.incident for d in evidence.deleted)]
    return {
        attachment.blob_id
        for incident in incidents
        for version in incident.versions()
        for attachment in version.attachments
    }


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def removed_by_import(current: AppState, incoming: AppState) -> str:
    """What replacing `current` with `incoming` loses, in words ("2 incidents and their
    3 attachments, 1 finished audit"), or "" when it loses nothing that was recorded."""
    kept_incidents = {i.id for i in incoming.evidence.incidents} | {
        d.incident.id for d in incoming.evidence.deleted
    }
    incidents = [i for i in current.evidence.incidents if i.id not in kept_incidents]
    deleted = [d for d in current.evidence.deleted if d.incident.id not in kept_incidents]
    attachments = len(attachment_ids(current) - attachment_ids(incoming))
    audits = len(
        {a.completed_at for a in current.audits} - {a.completed_at for a in incoming.audits}
    )
    matches = {(m.friend, m.platform) for m in current.friend_matches} - {
        (m.friend, m.platform) for m in incoming.friend_matches
    }
    parts = []
    if incidents or deleted:
        part = _counted(len(incidents), "incident", "incidents") if incidents else ""
        if deleted:
            part += (" and " if part else "") + _counted(
                len(deleted), "deleted incident", "deleted incidents"
            )
        parts.append(part)
    if attachments:
        parts.append(
            _counted(
                attachments,
                "attachment (its file is deleted)",
                "attachments (their files are deleted)",
            )
        )
    if audits:
        parts.append(_counted(audits, "finished audit", "finished audits"))
    if matches:
        parts.append(_counted(len(matches), "confirmed friend match", "confirmed friend matches"))
    return ", ".join(parts)
