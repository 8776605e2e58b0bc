"""Exports are read in a worker process with a memory and a time limit: whatever an export
does to its reader, the caller gets the people or one line, and the worker is gone."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from samples import friend_exports as ex

from selfaudit.measures.friends.isolation import (
    LIMITS,
    MatchingError,
    ReadyWorkers,
    WorkerLimits,
    check_in_worker,
    read_export_in_worker,
)
from selfaudit.measures.friends.model import (
    CheckCancelledError,
    ExportError,
    Monitor,
    Relation,
    ServiceUser,
)
from selfaudit.measures.friends.reader import read_export

has_rlimit_as = pytest.mark.skipif(
    sys.platform not in ("linux", "freebsd"),
    reason="the address-space limit is enforced where the OS has RLIMIT_AS (Linux, BSD)",
)


def workers(name: str = "selfaudit-worker") -> list[multiprocessing.Process]:
    """Worker processes at work ("selfaudit-worker") or started ahead, waiting for a job
    ("selfaudit-worker-ready")."""
    return [p for p in multiprocessing.active_children() if p.name == name]


def no_workers_left() -> bool:
    """No worker left: each is killed when its job ends and reaped on a thread of its own, so
    this waits (a few seconds at most) for the reaping."""
    end = time.monotonic() + 10
    while workers() or workers("selfaudit-worker-ready"):
        if time.monotonic() > end:
            return False
        time.sleep(0.01)
    return True


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
    # a worker's own imports (numpy, rapidfuzz) take about 130 MB of address space
    with pytest.raises(ExportError) as info:
        read_export_in_worker(export, limits=WorkerLimits(memory_bytes=250 * 1024 * 1024))
    assert info.value.source == "linkedin.zip"
    # refused as it was read (the worker caught the MemoryError), not a worker that died
    assert info.value.reason == (
        "could not be read: reading it needed more than the 250 MB of memory selfaudit allows"
    )
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


# workers started ahead, and a whole check in one worker -----------------------------------------
def test_a_worker_started_ahead_does_one_job_and_is_gone(tmp_path: Path) -> None:
    export = big_facebook_export(tmp_path, 100)
    with ReadyWorkers() as ready:
        ready.start()
        assert ready.wait_until_ready(60)  # loaded, waiting for its job
        (waiting,) = workers("selfaudit-worker-ready")
        used = waiting.pid
        scan = read_export_in_worker(export, workers=ready)
        assert len(scan.people) == 100
        assert no_workers_left()  # used once, then stopped
        ready.start()  # the next job's worker is a new process, never the one that read
        assert ready.wait_until_ready(60)
        (following,) = workers("selfaudit-worker-ready")
        assert following.pid != used
    assert no_workers_left()


@pytest.mark.skipif(sys.platform != "linux", reason="prlimit reads another process's limits")
def test_a_worker_started_ahead_has_its_memory_limit_before_any_job() -> None:
    import resource

    with ReadyWorkers() as ready:
        ready.start()
        assert ready.wait_until_ready(60)
        (waiting,) = workers("selfaudit-worker-ready")
        assert waiting.pid is not None
        soft, _ = resource.prlimit(waiting.pid, resource.RLIMIT_AS)
        assert soft == LIMITS.memory_bytes


def test_a_worker_that_died_while_waiting_is_replaced(tmp_path: Path) -> None:
    export = big_facebook_export(tmp_path, 10)
    with ReadyWorkers() as ready:
        ready.start()
        assert ready.wait_until_ready(60)
        (waiting,) = workers("selfaudit-worker-ready")
        killed = waiting.pid
        assert killed is not None
        os.kill(killed, signal.SIGKILL)
        waiting.join(10)
        assert len(read_export_in_worker(export, workers=ready).people) == 10
        ready.start()  # the window asks for the next one: a new process again
        assert ready.wait_until_ready(60)
        (following,) = workers("selfaudit-worker-ready")
        assert following.pid not in (killed, None)
    assert no_workers_left()


def test_start_and_stop_return_at_once_and_leave_no_worker_behind() -> None:
    """The window starts and stops workers from its own thread as it opens and closes: neither
    waits for a process, and a stop while one is still starting leaves none behind."""
    ready = ReadyWorkers()
    for _ in range(3):
        ready.start()
        ready.stop()
    with ready:  # as the window closes: any start still under way ends, and its worker too
        pass
    assert no_workers_left()
    ready.start()
    ready.start()  # one waits, not two
    assert ready.wait_until_ready(60)
    assert len(workers("selfaudit-worker-ready")) == 1
    ready.stop(wait=True)
    assert no_workers_left()


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_ctrl_c_while_a_worker_starts_is_no_traceback(tmp_path: Path) -> None:
    """Ctrl-C reaches every process of the command: a worker that is still starting must not
    print a traceback for it, nor stop."""
    import subprocess

    script = (
        "import os, signal, sys, time\n"
        "from selfaudit.measures.friends.isolation import ReadyWorkers\n"
        "if __name__ == '__main__':\n"
        "    signal.signal(signal.SIGINT, lambda *_: None)  # this one carries on\n"
        "    for delay in (0.0, 0.03, 0.08):  # at different moments of the worker's start\n"
        "        with ReadyWorkers() as ready:\n"
        "            ready.start()\n"
        "            time.sleep(delay)\n"
        "            os.killpg(0, signal.SIGINT)\n"
        "            print('ready' if ready.wait_until_ready(60) else 'gone', flush=True)\n"
    )
    (tmp_path / "start.py").write_text(script)
    done = subprocess.run(
        [sys.executable, str(tmp_path / "start.py")],
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,  # its own process group: the Ctrl-C reaches only it
    )
    assert done.stdout.split() == ["ready"] * 3
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("ending", ["returns", "is killed"])
def test_no_worker_outlives_the_program_that_started_it(tmp_path: Path, ending: str) -> None:
    """The app or the command ends (or is killed) with a worker waiting: the worker goes too."""
    import subprocess

    script = (
        "import os, signal, sys\n"
        "from selfaudit.measures.friends.isolation import ReadyWorkers\n"
        "if __name__ == '__main__':\n"
        "    ready = ReadyWorkers()\n"
        "    ready.start()\n"
        "    assert ready.wait_until_ready(60)\n"
        "    import multiprocessing\n"
        "    print(*(p.pid for p in multiprocessing.active_children()\n"
        "            if p.name.startswith('selfaudit-worker')), flush=True)\n"
        f"    if {ending == 'is killed'}:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    (tmp_path / "ends.py").write_text(script)
    done = subprocess.run(
        [sys.executable, str(tmp_path / "ends.py")], capture_output=True, text=True, timeout=120
    )
    (pid,) = map(int, done.stdout.split())

    def running() -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state != "Z"  # a zombie has ended; its parent (here, init) reaps it

    end = time.monotonic() + 30
    while running() and time.monotonic() < end:
        time.sleep(0.05)
    assert not running()


def test_a_worker_that_cannot_be_started_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing.context import SpawnProcess

    def refuse(self: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(SpawnProcess, "start", refuse)
    with pytest.raises(MatchingError) as info:
        check_in_worker([ServiceUser("Olivia Brown")], [("f", "friend", "Jo", "")], [], Monitor())
    assert str(info.value) == (
        "The names could not be compared: its worker process could not be started "
        "(Resource temporarily unavailable)."
    )
    with ReadyWorkers() as ready:
        ready.start()  # in the window: nothing waits, and nothing is said until a job needs one
        assert not ready.wait_until_ready(10)


def names_export(tmp_path: Path, name: str, people: list[str]) -> Path:
    return ex.write_zip(tmp_path / name, {"your_friends.json": ex.facebook_friends_2023(people)})


def test_a_check_reads_and_matches_in_one_worker(tmp_path: Path) -> None:
    first = names_export(tmp_path, "one.zip", ["Olivia Brown", "Sam Jones"])
    second = names_export(tmp_path, "two.zip", ["Jo Bloggs"])
    users = [ServiceUser("Olivia Brown"), ServiceUser("Kieran Walsh", {"instagram": "kw"})]
    pasted = [("other", "friend", "Kieran Walsh", "")]
    with ReadyWorkers() as ready:
        ready.start()
        found = check_in_worker(
            users, pasted, [(first, Monitor()), (second, Monitor())], Monitor(), ready
        )
    assert sorted((m.service_user.name, m.connection.name) for m in found.matches) == [
        ("Kieran Walsh", "Kieran Walsh"),
        ("Olivia Brown", "Olivia Brown"),
    ]
    assert found.counts == {"facebook": 3} and found.errors == []
    assert no_workers_left()


def test_an_export_that_kills_the_check_s_worker_is_one_line_and_the_rest_is_checked(
    tmp_path: Path,
) -> None:
    big = big_facebook_export(tmp_path, 200_000)
    small = names_export(tmp_path, "small.zip", ["Olivia Brown"])
    killed: list[int] = []

    def kill_the_reader(fraction: float, message: str) -> None:
        """The worker dies while it reads the big export, as if the system had killed it."""
        if message == "Reading facebook.zip" and not killed:
            (reader,) = workers()
            assert reader.pid is not None
            os.kill(reader.pid, signal.SIGKILL)
            killed.append(reader.pid)

    found = check_in_worker(
        [ServiceUser("Olivia Brown")],
        [],
        [(big, Monitor(kill_the_reader)), (small, Monitor())],
        Monitor(),
    )
    assert killed
    (error,) = found.errors
    assert error.source == "facebook.zip"
    assert error.reason.startswith("could not be read: reading it needed more than the 1.5 GB")
    assert "\n" not in error.reason
    assert [m.connection.name for m in found.matches] == ["Olivia Brown"]
    assert found.counts == {"facebook": 1}
    assert no_workers_left()


def test_cancel_kills_a_check_s_worker_at_once(tmp_path: Path) -> None:
    export = big_facebook_export(tmp_path, 200_000)

    def cancel_while_reading(fraction: float, message: str) -> None:
        assert workers()  # the worker is at work
        monitor.cancel()

    monitor = Monitor(cancel_while_reading)
    with ReadyWorkers() as ready, pytest.raises(CheckCancelledError):
        ready.start()
        check_in_worker(
            [ServiceUser("Olivia Brown")], [], [(export, monitor.part(0, 0.6))], monitor, ready
        )
    assert no_workers_left()
