"""What goes into a report of incidents, gathered from the log and the blob store: the chosen
incidents in the order they happened, and the bytes of their pictures (checked against their
fingerprints). Nothing else from the audit is included. Rendering is in selfaudit.report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from selfaudit.evidence.blob_store import BlobError
from selfaudit.evidence.log import IncidentError, IncidentLog
from selfaudit.evidence.models import Attachment, Incident


@dataclass(frozen=True)
class EvidenceReport:
    incidents: tuple[Incident, ...]  # in the order they happened
    made_at: datetime
    organisation: str = ""
    pictures: dict[str, bytes] = field(default_factory=dict)  # blob id -> bytes, verified
    problems: dict[str, str] = field(default_factory=dict)  # blob id -> why it could not be read

    def picture(self, attachment: Attachment) -> bytes | None:
        return self.pictures.get(attachment.blob_id)


def select_incidents(log: IncidentLog, incident_ids: Iterable[str] | None = None) -> list[Incident]:
    """The incidents to report, in the order they happened. None means every incident."""
    if incident_ids is None:
        chosen = log.incidents()
    else:
        wanted = set(incident_ids)
        chosen = [i for i in log.incidents() if i.id in wanted]
        missing = wanted - {i.id for i in chosen}
        if missing:
            raise IncidentError(f"There is no incident {', '.join(sorted(missing))} in the log.")
    if not chosen:
        raise IncidentError("There are no incidents to put in a report yet.")
    return chosen


def gather_pictures(
    log: IncidentLog, incidents: Iterable[Incident], organisation: str = ""
) -> EvidenceReport:
    """Reads and checks the pictures of `incidents` from the blob store: run it off the UI
    thread. A picture that cannot be read is named in `problems`, never silently left out."""
    chosen = sorted(incidents, key=lambda i: (i.details.occurred_at, i.recorded_at))
    pictures: dict[str, bytes] = {}
    problems: dict[str, str] = {}
    for incident in chosen:
        for attachment in incident.details.attachments:
            if not attachment.is_picture or attachment.blob_id in pictures:
                continue
            try:
                pictures[attachment.blob_id] = log.read_attachment(attachment)
            except BlobError as exc:
                problems[attachment.blob_id] = str(exc)
    return EvidenceReport(
        incidents=tuple(chosen),
        made_at=log.now(),
        organisation=organisation,
        pictures=pictures,
        problems=problems,
    )


def gather_report(
    log: IncidentLog, incident_ids: Iterable[str] | None = None, organisation: str = ""
) -> EvidenceReport:
    """Everything a report of `incident_ids` (None: every incident) needs."""
    return gather_pictures(log, select_incidents(log, incident_ids), organisation)
