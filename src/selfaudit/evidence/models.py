"""The evidence log's records: incidents, their earlier versions, attachments and deleted items.

These live in `AppState.evidence`, inside the encrypted vault. Attachments' bytes never do: the
record keeps only the vault's opaque blob id and what is needed to prove the file is unchanged
(SHA-256, size, name, type).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from selfaudit.safe_text import valid_text

# Deleted incidents can be restored for this long; then they and their attachments go for good.
RETENTION = timedelta(days=30)

IncidentId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class EvidenceRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FrozenRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Channel(StrEnum):
    """How the message or call reached the person."""

    SOCIAL = "social"
    TEXT = "text"
    EMAIL = "email"
    PHONE = "phone"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS = {
    Channel.SOCIAL: "Social media site or app",
    Channel.TEXT: "Text message",
    Channel.EMAIL: "E-mail",
    Channel.PHONE: "Phone call",
    Channel.OTHER: "Something else",
}


class Action(StrEnum):
    """What the person did about it."""

    BLOCKED = "blocked"
    REPORTED = "reported"
    TOLD = "told"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.BLOCKED: "Blocked the sender",
    Action.REPORTED: "Reported it to the site, app or provider",
    Action.TOLD: "Told someone",
}

PICTURE_TYPES = ("image/png", "image/jpeg", "image/webp")


class Attachment(FrozenRecord):
    """A screenshot or file kept in the vault's blob store, described well enough to show later
    that the bytes handed over are the bytes that were recorded."""

    blob_id: Annotated[str, StringConstraints(min_length=1)]
    file_name: Annotated[str, StringConstraints(min_length=1)]
    media_type: str
    size: int = Field(ge=1)
    sha256: Sha256
    width: int | None = Field(default=None, ge=1)  # pictures only
    height: int | None = Field(default=None, ge=1)
    added_at: AwareDatetime

    @property
    def is_picture(self) -> bool:
        return self.media_type in PICTURE_TYPES


class IncidentDetails(FrozenRecord):
    """What the person recorded about one incident. Frozen: an edit replaces the whole version, so
    the earlier one can be kept exactly as it was."""

    occurred_at: AwareDatetime
    # The place whose clock the person used (an IANA name such as "Europe/London"); the offset in
    # occurred_at is what fixes the moment, this only helps show it the way it was entered.
    time_zone: str = ""
    channel: Channel
    platform: str = ""  # the site or app, e.g. "Facebook"; free text
    sender: str = ""  # name, username, e-mail address or phone number
    url: str = ""  # the whole web address of the message, post or profile
    content: str = ""  # what it said, pasted or typed word for word
    actions: tuple[Action, ...] = ()
    notes: str = ""
    attachments: tuple[Attachment, ...] = ()

    @field_validator("time_zone", "platform", "sender", "url")
    @classmethod
    def _strip(cls, value: str) -> str:
        return valid_text(value.strip())

    @field_validator("content", "notes")
    @classmethod
    def _valid(cls, value: str) -> str:
        # pasted text may hold a lone surrogate, which could never be saved
        return valid_text(value)

    @field_validator("actions")
    @classmethod
    def _unique_actions(cls, value: tuple[Action, ...]) -> tuple[Action, ...]:
        return tuple(action for action in Action if action in value)

    def is_empty(self) -> bool:
        written = (self.sender, self.url, self.content.strip(), self.notes.strip())
        return not (any(written) or self.attachments)

    def where(self) -> str:
        """ "Facebook" or "Text message": the place, as a person would say it."""
        if self.platform and self.channel in (Channel.SOCIAL, Channel.OTHER):
            return self.platform
        if self.platform:
            return f"{self.channel.label} ({self.platform})"
        return self.channel.label


# the fields an edit can change, in the order they are shown, with the words used for them
FIELD_LABELS = {
    "occurred_at": "Date and time",
    "time_zone": "Time zone",
    "channel": "How it reached you",
    "platform": "Site or app",
    "sender": "Who sent it",
    "url": "Web address",
    "content": "What it said",
    "actions": "What you did",
    "notes": "Notes",
    "attachments": "Screenshots and files",
}


class Revision(FrozenRecord):
    """An earlier version of an incident, kept when it was changed."""

    changed_at: AwareDatetime  # when the change was made
    changed: tuple[str, ...]  # names of the fields that differ from the version after it
    previous: IncidentDetails  # the version as it was before the change


class Incident(EvidenceRecord):
    id: IncidentId
    recorded_at: AwareDatetime
    details: IncidentDetails
    history: list[Revision] = Field(default_factory=list)  # oldest first

    @property
    def last_changed_at(self) -> datetime:
        return self.history[-1].changed_at if self.history else self.recorded_at

    def versions(self) -> list[IncidentDetails]:
        """Every version, oldest first, ending with the current one."""
        return [revision.previous for revision in self.history] + [self.details]


class DeletedIncident(EvidenceRecord):
    incident: Incident
    deleted_at: AwareDatetime

    @property
    def kept_until(self) -> datetime:
        return self.deleted_at + RETENTION


class EvidenceLog(EvidenceRecord):
    """The whole log, as stored in the vault."""

    incidents: list[Incident] = Field(default_factory=list)
    deleted: list[DeletedIncident] = Field(default_factory=list)
