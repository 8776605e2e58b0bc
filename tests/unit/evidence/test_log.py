"""The evidence log: adding, changing, deleting and restoring incidents, and the rule that nothing
is lost by accident."""

from __future__ import annotations

import hashlib
from itertools import count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.audit.state import AppState
from selfaudit.evidence.attachments import prepare_attachment
from selfaudit.evidence.blob_store import BlobError
from selfaudit.evidence.log import IncidentError, IncidentLog
from selfaudit.evidence.models import (
    FIELD_LABELS,
    RETENTION,
    Action,
    Attachment,
    EvidenceLog,
    IncidentDetails,
)
from tests.doubles import MemoryBlobStore
from tests.evidence_helpers import START, ManualClock, details, png, png_header_check


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def store() -> MemoryBlobStore:
    return MemoryBlobStore()


@pytest.fixture
def log(store: MemoryBlobStore, clock: ManualClock) -> IncidentLog:
    return IncidentLog(EvidenceLog(), store, clock=clock)


def attach(log: IncidentLog, name: str, data: bytes) -> Attachment:
    return log.store_attachment(prepare_attachment(name, data, png_header_check))


def test_add_keeps_everything_recorded(log: IncidentLog, clock: ManualClock) -> None:
    saves: list[int] = []
    log.subscribe(lambda: saves.append(1))
    shot = attach(log, "shot.png", png(4, 3))
    recorded = details(actions=(Action.TOLD, Action.BLOCKED), notes="Told Sam", attachments=(shot,))
    incident = log.add(recorded)
    assert log.incidents() == [incident]
    assert incident.details == recorded
    assert incident.recorded_at == clock.now
    assert incident.details.actions == (Action.BLOCKED, Action.TOLD)  # kept in a stable order
    assert saves == [1]


def test_an_empty_incident_is_refused_kindly(log: IncidentLog) -> None:
    empty = details(sender="", url="", content="  \n")
    with pytest.raises(IncidentError, match="nothing to record"):
        log.add(empty)
    assert log.incidents() == []


def test_incidents_are_listed_in_the_order_they_happened(
    log: IncidentLog, clock: ManualClock
) -> None:
    later = log.add(details(occurred_at=START, content="second"))
    clock.advance(minutes=5)
    earlier = log.add(details(occurred_at=START.replace(hour=9), content="first"))
    assert [i.id for i in log.incidents()] == [earlier.id, later.id]


def test_edit_keeps_the_earlier_version_and_says_what_changed(
    log: IncidentLog, clock: ManualClock
) -> None:
    original = details(content="You should watch yourself")
    incident = log.add(original)
    clock.advance(hours=2)
    first_edit_at = clock.now
    edited = original.model_copy(
        update={"content": "You should watch yourself tomorrow.", "notes": "Told my line manager"}
    )
    assert log.edit(incident.id, edited) is True
    clock.advance(days=1)
    again = edited.model_copy(update={"actions": (Action.REPORTED,)})
    assert log.edit(incident.id, again) is True

    assert incident.details == again
    assert [r.changed for r in incident.history] == [("content", "notes"), ("actions",)]
    assert incident.history[0].previous == original
    assert incident.history[1].previous == edited
    assert incident.history[0].changed_at == first_edit_at
    assert incident.versions() == [original, edited, again]
    assert incident.last_changed_at == clock.now


def test_an_edit_that_changes_nothing_is_not_a_version(log: IncidentLog) -> None:
    incident = log.add(details())
    saves: list[int] = []
    log.subscribe(lambda: saves.append(1))
    assert log.edit(incident.id, details()) is False
    assert incident.history == [] and saves == []


def test_an_edit_cannot_empty_an_incident(log: IncidentLog) -> None:
    incident = log.add(details())
    with pytest.raises(IncidentError, match="delete it instead"):
        log.edit(incident.id, details(sender="", url="", content=""))
    assert incident.details == details()


def test_every_field_an_edit_can_change_has_words_for_it() -> None:
    assert set(FIELD_LABELS) == set(IncidentDetails.model_fields)


def test_delete_moves_to_the_deleted_area_and_restore_brings_it_back(
    log: IncidentLog, clock: ManualClock, store: MemoryBlobStore
) -> None:
    shot = attach(log, "shot.png", png(2, 2))
    incident = log.add(details(attachments=(shot,)))
    clock.advance(days=3)
    deleted = log.delete(incident.id)
    assert log.incidents() == []
    assert [d.incident.id for d in log.deleted()] == [incident.id]
    assert deleted.kept_until == clock.now + RETENTION
    assert store.deleted == []  # nothing is gone yet
    clock.advance(days=29)
    assert log.expire() == []  # 29 days: still kept
    restored = log.restore(incident.id)
    assert restored is incident
    assert log.incidents() == [incident] and log.deleted() == []
    assert log.read_attachment(shot) == png(2, 2)


def test_deleted_incidents_go_for_good_after_30_days(
    log: IncidentLog, clock: ManualClock, store: MemoryBlobStore
) -> None:
    shared = attach(log, "shared.png", png(2, 2))
    only_old = attach(log, "old.png", png(3, 3))
    replaced = attach(log, "first-try.png", png(5, 5))
    old = log.add(details(attachments=(replaced,)))
    log.edit(old.id, details(attachments=(only_old, shared)))  # first-try.png lives in history
    kept = log.add(details(content="still here", attachments=(shared,)))
    log.delete(old.id)
    clock.advance(days=30)
    saved: list[int] = []
    log.subscribe(lambda: saved.append(len(store.deleted)))
    unused = log.expire()  # what the window does: the owner saves, then the blobs go
    log.delete_blobs(unused)
    assert log.deleted() == []
    assert sorted(store.deleted) == sorted([only_old.blob_id, replaced.blob_id])
    assert saved == [0], "the log must be saved before any blob is deleted"
    assert log.read_attachment(shared) == png(2, 2)
    assert log.incidents() == [kept]
    with pytest.raises(IncidentError):
        log.restore(old.id)


def test_unknown_ids_are_reported_clearly(log: IncidentLog) -> None:
    with pytest.raises(IncidentError, match="no incident 0badc0de"):
        log.delete("0badc0de")
    with pytest.raises(IncidentError, match="not in the deleted items"):
        log.restore("0badc0de")


def test_short_ids_find_an_incident_when_unambiguous(store: MemoryBlobStore) -> None:
    ids = iter(["abcd0001", "abcd0002", "ffff0003"])
    log = IncidentLog(EvidenceLog(), store, new_id=lambda: next(ids))
    first, second, third = (log.add(details(content=str(n))) for n in range(3))
    assert log.find("ffff") is third
    assert log.find("ABCD0002") is second
    with pytest.raises(IncidentError, match="More than one"):
        log.find("abcd")
    with pytest.raises(IncidentError, match="no incident"):
        log.find("")
    assert first.id == "abcd0001"


def test_a_new_id_never_reuses_one_in_the_log_or_the_deleted_area(
    store: MemoryBlobStore,
) -> None:
    ids = iter(["00000001", "00000001", "00000002", "00000002", "00000003"])
    log = IncidentLog(EvidenceLog(), store, new_id=lambda: next(ids))
    first = log.add(details())
    log.delete(first.id)
    assert log.add(details()).id == "00000002"
    assert log.add(details()).id == "00000003"


def test_attachments_are_checked_against_their_fingerprint(
    log: IncidentLog, store: MemoryBlobStore
) -> None:
    shot = attach(log, "shot.png", png(3, 3))
    assert shot.sha256 == hashlib.sha256(png(3, 3)).hexdigest()
    assert (shot.width, shot.height, shot.media_type, shot.size) == (
        3,
        3,
        "image/png",
        len(png(3, 3)),
    )
    store.blobs[shot.blob_id] = png(3, 4)  # the stored bytes changed behind the log's back
    with pytest.raises(BlobError, match="does not match the fingerprint"):
        log.read_attachment(shot)


def test_a_cancelled_edit_discards_only_blobs_nothing_uses(
    log: IncidentLog, store: MemoryBlobStore
) -> None:
    used = attach(log, "used.png", png(2, 2))
    log.add(details(attachments=(used,)))
    unused = attach(log, "unused.png", png(3, 3))
    log.discard_unused([used.blob_id, unused.blob_id])
    assert store.deleted == [unused.blob_id]
    assert log.read_attachment(used) == png(2, 2)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["add", "edit", "delete", "restore", "wait"]), max_size=25))
def test_nothing_is_lost_within_the_retention_period(steps: list[str]) -> None:
    """Whatever is done, every version ever recorded stays in the log or the deleted area, and
    every attachment any of them refers to can still be read, until 30 days after deletion."""
    clock = ManualClock()
    store = MemoryBlobStore()
    log = IncidentLog(EvidenceLog(), store, clock=clock)
    recorded: list[IncidentDetails] = []
    numbers = count()
    for step in steps:
        clock.advance(days=1)
        live, deleted = log.incidents(), log.deleted()
        if step == "add" or (step == "edit" and not live):
            n = next(numbers)
            shot = attach(log, f"{n}.png", png(1 + n % 5, 2))
            recorded.append(details(content=f"message {n}", attachments=(shot,)))
            log.add(recorded[-1])
        elif step == "edit":
            n = next(numbers)
            new = live[0].details.model_copy(update={"notes": f"note {n}"})
            recorded.append(new)
            log.edit(live[0].id, new)
        elif step == "delete" and live:
            log.delete(live[-1].id)
        elif step == "restore" and deleted:
            log.restore(deleted[0].incident.id)
        log.delete_blobs(log.expire())
    kept = [v for i in log.incidents() for v in i.versions()] + [
        v for d in log.deleted() for v in d.incident.versions()
    ]
    assert all(version in kept for version in recorded)  # nothing deleted 30+ days ago: ≤25 days
    for version in kept:
        for attachment in version.attachments:
            assert log.read_attachment(attachment)


def test_the_log_survives_a_round_trip_through_the_saved_state(
    log: IncidentLog, clock: ManualClock
) -> None:
    state = AppState()
    log = IncidentLog(state.evidence, log.blobs, clock=clock)
    canary = b"CANARY-" + bytes(range(40, 90))
    shot = attach(log, "shot.png", png(6, 6, payload=canary))
    incident = log.add(details(attachments=(shot,), actions=(Action.REPORTED,)))
    clock.advance(hours=1)
    log.edit(incident.id, details(notes="Reported, reference 4471", attachments=(shot,)))
    other = log.add(details(content="another"))
    log.delete(other.id)

    saved = state.model_dump_json()
    assert canary.decode("latin-1") not in saved, "attachment bytes must never go into the JSON"
    assert shot.sha256 in saved and shot.blob_id in saved
    loaded = AppState.model_validate_json(saved)
    assert loaded.evidence == state.evidence
