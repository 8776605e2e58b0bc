"""Exports are read in a worker process with a memory and a time limit: whatever an export
does to its reader, the caller gets the people or one line, and the worker is gone."""

from __future__ import annotations

import multiprocessing
import sys
import threading
from pathlib import Path

import pytest
from samples import friend_exports as ex

from selfaudit.measures.friends.isolation import WorkerLimits, read_export_in_worker
from selfaudit.measures.friends.model import (
    CheckCancelledError,
    ExportError,
    Monitor,
    Relation,
)
from selfaudit.measures.friends.reader import read_export

has_rlimit_as = pytest.mark.skipif(
    sys.platform not in ("linux", "freebsd"),
    reason="the address-space limit is enforced where the OS has RLIMIT_AS (Linux, BSD)",
)


def no_workers_left() -> bool:
    return not [p for p in multiprocessing.active_children() if p.name == "selfaudit-worker"]


def big_facebook_export(tmp_path: Path, people: int) -> Path:
    names = [f"Person{n} Surname{n % 977}" for n in range(people)]
    return ex.write_zip(
        tmp_path / "facebook.zip", {"your_friends.json": ex.facebook_friends_2023(names)}
    )


def test_the_worker_reads_what_the_reader_reads(tmp_path: Path) -> None:
    files = {
        "followers_1.json": ex.instagram_followers(["liv.b", "kieran_w"]),
        "following.json": ex.instagram_following(["liv.b", "someone"]),
    }
    export = ex.write_zip(tmp_path / "instagram.zip", files)
    here = read_export(export)
    there = read_export_in_worker(export)
    assert there == here
    both = next(c for c in there.connections if c.handle == "liv.b")
    assert both.relations == {Relation.FOLLOWER, Relation.FOLLOWING}
    assert no_workers_left()


def test_many_people_come_back_in_batches(tmp_path: Path) -> None:
    export = big_facebook_export(tmp_path, 45_000)  # three batches
    scan = read_export_in_worker(export)
    assert len(scan.connections) == 45_000
    assert scan.counts() == {"facebook": 45_000}
    assert scan.connections[44_999].name == f"Person44999 Surname{44_999 % 977}"


def test_a_refusal_in_the_worker_is_the_same_one_line(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as here:
        read_export(tmp_path / "nowhere.zip")
    with pytest.raises(ExportError) as there:
        read_export_in_worker(tmp_path / "nowhere.zip")
    assert (there.value.source, there.value.reason) == (here.value.source, here.value.reason)


@has_rlimit_as
def test_an_export_needing_more_memory_than_allowed_is_refused(tmp_path: Path) -> None:
    """Within every size limit, but more people than fit in the memory the worker is given."""
    people = [(f"First{n}", f"Last{n}", f"first-last-{n}") for n in range(150_000)]
    export = ex.write_zip(
        tmp_path / "linkedin.zip", {"Connections.csv": ex.linkedin_connections(people)}
    )
    with pytest.raises(ExportError) as info:
        read_export_in_worker(export, limits=WorkerLimits(memory_bytes=120 * 1024 * 1024))
    assert info.value.source == "linkedin.zip"
    assert info.value.reason.startswith("could not be read: reading it needed more than the 120 MB")
    assert "\n" not in info.value.reason
    assert no_workers_left()
    assert len(read_export_in_worker(export).people) == 150_000  # with the usual limit, it reads


@has_rlimit_as
def test_a_file_built_to_unfold_in_memory_is_refused_as_it_is_parsed(tmp_path: Path) -> None:
    """A few megabytes of `[{},{},...]` would take over a gigabyte once parsed."""
    export = tmp_path / "your_friends.json"
    export.write_text("[" + ",".join(["{}"] * 4_000_000) + "]")
    with pytest.raises(ExportError) as info:
        read_export_in_worker(export)
    assert info.value.reason == (
        "this file is not a friends list: its JSON would take far more memory than one does"
    )


@has_rlimit_as
def test_a_worker_that_dies_is_one_line_too(tmp_path: Path) -> None:
    export = ex.write_zip(tmp_path / "facebook.zip", {"your_friends.json": b"{}"})
    # too little memory even to start Python: the worker dies before it says anything
    with pytest.raises(ExportError, match="could not be read: reading it needed more than"):
        read_export_in_worker(export, limits=WorkerLimits(memory_bytes=8 * 1024 * 1024))
    assert no_workers_left()


def test_a_worker_over_its_time_is_stopped(tmp_path: Path) -> None:
    export = big_facebook_export(tmp_path, 1000)
    # no process starts, let alone reads, within a hundredth of a second
    with pytest.raises(ExportError, match="reading it took longer than the 0 seconds selfaudit"):
        read_export_in_worker(export, limits=WorkerLimits(seconds=0.01))
    assert no_workers_left()


def test_cancel_kills_the_worker_at_once(tmp_path: Path) -> None:
    export = big_facebook_export(tmp_path, 200_000)
    monitor = Monitor()
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_export_in_worker(export, monitor)
        except BaseException as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    monitor.cancel()
    reader.join(30)
    assert not reader.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], CheckCancelledError)
    assert no_workers_left()
