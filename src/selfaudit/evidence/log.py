"""Recording, changing, deleting and restoring incidents. The app, the command line and tests all
go through `IncidentLog`; it knows nothing of Qt or of how the vault saves.

Nothing is lost by accident: a change keeps the version before it, a deletion moves the incident
to a deleted area for RETENTION days, and an attachment's bytes stay in the blob store for as long
as any version of any incident, deleted or not, still refers to them.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from datetime import datetime

from selfaudit.dates import Clock, utc_now
from selfaudit.evidence.attachments import PreparedAttachment
from selfaudit.evidence.blob_store import BlobError, BlobStore
from selfaudit.evidence.models import (
    FIELD_LABELS,
    RETENTION,
    Attachment,
    DeletedIncident,
    EvidenceLog,
    Incident,
    IncidentDetails,
    Revision,
)


class IncidentError(Exception):
    """An incident cannot be found or saved as it is. The message can be shown as it is."""


def new_incident_id() -> str:
    return secrets.token_hex(4)


class IncidentLog:
    def __init__(
        self,
        log: EvidenceLog,
        blobs: BlobStore,
        clock: Clock = utc_now,
        new_id: Callable[[], str] = new_incident_id,
    ) -> None:
        self.log = log
        self.blobs = blobs
        self._clock = clock
        self._new_id = new_id
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Calls `listener` after every change, so the owner can save."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()

    def now(self) -> datetime:
        return self._clock()

    # reading --------------------------------------------------------------------------------
    def incidents(self) -> list[Incident]:
        """Every incident not deleted, in the order they happened."""
        return sorted(self.log.incidents, key=lambda i: (i.details.occurred_at, i.recorded_at))

    def deleted(self) -> list[DeletedIncident]:
        """The deleted area, most recently deleted first."""
        return sorted(self.log.deleted, key=lambda d: d.deleted_at, reverse=True)

    def get(self, incident_id: str) -> Incident:
        for incident in self.log.incidents:
            if incident.id == incident_id:
                return incident
        raise IncidentError(f"There is no incident {incident_id} in the log.")

    def find(self, prefix: str) -> Incident:
        """The incident whose id starts with `prefix` (the command line accepts short ids)."""
        prefix = prefix.strip().lower()
        matches = [i for i in self.log.incidents if i.id.startswith(prefix)] if prefix else []
        if not matches:
            raise IncidentError(f"There is no incident {prefix or '(empty)'} in the log.")
        if len(matches) > 1:
            raise IncidentError(f"More than one incident starts with {prefix}; give more of it.")
        return matches[0]

    # attachments ----------------------------------------------------------------------------
    def store_attachment(self, prepared: PreparedAttachment) -> Attachment:
        """Puts the bytes into the encrypted blob store and returns the record that refers to them.
        Safe to call from a worker thread: it does not touch the log."""
        blob_id = self.blobs.put(prepared.data)
        return Attachment(
            blob_id=blob_id,
            file_name=prepared.file_name,
            media_type=prepared.media_type,
            size=prepared.size,
            sha256=prepared.sha256,
            width=prepared.picture.width if prepared.picture else None,
            height=prepared.picture.height if prepared.picture else None,
            added_at=self._clock(),
        )

    def read_attachment(self, attachment: Attachment) -> bytes:
        """The attachment's bytes, checked against the fingerprint taken when it was added."""
        data = self.blobs.get(attachment.blob_id)
        if hashlib.sha256(data).hexdigest() != attachment.sha256:
            raise BlobError(
                f"“{attachment.file_name}” does not match the fingerprint recorded when it was "
                "added, so it may be damaged."
            )
        return data

    def referenced_blob_ids(self) -> set[str]:
        """Every blob some version of some incident, deleted or not, still refers to."""
        incidents = [*self.log.incidents, *(d.incident for d in self.log.deleted)]
        return {
            attachment.blob_id
            for incident in incidents
            for version in incident.versions()
            for attachment in version.attachments
        }

    def discard_unused(self, blob_ids: Iterable[str]) -> None:
        """Deletes blobs stored for an edit that was then cancelled, unless something uses them
        (the store may give the same id to the same bytes)."""
        for blob_id in set(blob_ids) - self.referenced_blob_ids():
            self.blobs.delete(blob_id)

    # changing -------------------------------------------------------------------------------
    def add(self, details: IncidentDetails) -> Incident:
        if details.is_empty():
            raise IncidentError(
                "There is nothing to record yet. Add who sent it, what it said, the web address, "
                "a note or a screenshot."
            )
        taken = {i.id for i in self.log.incidents} | {d.incident.id for d in self.log.deleted}
        incident_id = self._new_id()
        while incident_id in taken:
            incident_id = self._new_id()
        incident = Incident(id=incident_id, recorded_at=self._clock(), details=details)
        self.log.incidents.append(incident)
        self._changed()
        return incident

    def edit(self, incident_id: str, details: IncidentDetails) -> bool:
        """Replaces the incident's details, keeping the version before. False if nothing changed."""
        incident = self.get(incident_id)
        changed = changed_fields(incident.details, details)
        if not changed:
            return False
        if details.is_empty():
            raise IncidentError(
                "This would leave the incident empty. To remove it, delete it instead."
            )
        incident.history.append(
            Revision(changed_at=self._clock(), changed=changed, previous=incident.details)
        )
        incident.details = details
        self._changed()
        return True

    def delete(self, incident_id: str) -> DeletedIncident:
        """Moves the incident to the deleted area, where it can be restored for RETENTION days."""
        incident = self.get(incident_id)
        self.log.incidents.remove(incident)
        deleted = DeletedIncident(incident=incident, deleted_at=self._clock())
        self.log.deleted.append(deleted)
        self._changed()
        return deleted

    def restore(self, incident_id: str) -> Incident:
        for deleted in self.log.deleted:
            if deleted.incident.id == incident_id:
                self.log.deleted.remove(deleted)
                self.log.incidents.append(deleted.incident)
                self._changed()
                return deleted.incident
        raise IncidentError(f"Incident {incident_id} is not in the deleted items.")

    def expire(self) -> list[str]:
        """Removes deleted incidents older than RETENTION from the log and returns the blob ids no
        longer used. The owner saves (listeners run) before the blobs are deleted, so a crash in
        between leaves unused blobs, never an incident whose screenshots are gone."""
        now = self._clock()
        expired = [d for d in self.log.deleted if now - d.deleted_at >= RETENTION]
        if not expired:
            return []
        before = self.referenced_blob_ids()
        for deleted in expired:
            self.log.deleted.remove(deleted)
        self._changed()
        return sorted(before - self.referenced_blob_ids())

    def delete_blobs(self, blob_ids: Iterable[str]) -> None:
        for blob_id in blob_ids:
            self.blobs.delete(blob_id)


def changed_fields(before: IncidentDetails, after: IncidentDetails) -> tuple[str, ...]:
    return tuple(name for name in FIELD_LABELS if getattr(before, name) != getattr(after, name))
