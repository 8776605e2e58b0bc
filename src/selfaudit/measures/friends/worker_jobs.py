"""What runs inside a friend-check worker process (isolation.py starts them and waits for them).

A worker caps its own memory, loads what reading and matching need, says it is ready (the
cyclic garbage collector off from then on), and waits on its pipe for one job: the service
users and the people already read (if any), then "go" with the exports to read. It reads each
export, matches if there are service users, sends what it found, and ends. One job only: a
worker that has read an export may hold what the export made of it, so it never works for
another check.

Messages to the caller: ("ready",) once its imports are done; ("progress", fraction, text);
("reading", index) as it starts each export; ("people", rows) a batch at a time when asked to
send them back; ("read", index, source, files, problems, counts) or ("refused", index,
source, reason, help) for each export; ("comparing",) before matching; ("matches", found) a
batch at a time; ("cannot compare", text); ("done",) at the end. ("cannot start", text) when
its imports fail.
"""

from __future__ import annotations

import gc
import os
import signal
import time
from multiprocessing.connection import Connection as Pipe
from pathlib import Path
from typing import Any

from selfaudit.bounded import size_text
from selfaudit.measures.friends.model import (
    ExportError,
    Monitor,
    PeopleView,
    Row,
    ServiceUser,
)

PROGRESS_SECONDS = 0.05  # a worker reports progress no more often than this
BATCH = 20_000  # people sent at a time
# Matching holds about 1.3 KB a person: a million fit in the worker's memory limit.
MAX_PEOPLE = 1_000_000

TRY_AGAIN = (
    "If this is the export you downloaded, download it again: it may be damaged. Or add the "
    "friends file on its own."
)


def limit_memory(memory_bytes: int) -> None:
    """Caps this process's address space where the OS lets it (not on Windows); a larger
    allocation then fails with MemoryError instead of taking the computer's memory."""
    from selfaudit.bounded import allow_memory_caps

    allow_memory_caps()  # a worker runs nothing else: parsing may cap itself tighter still
    try:
        import resource
    except ImportError:
        return
    limit = getattr(resource, "RLIMIT_AS", None)
    if limit is None:
        return
    try:
        _, hard = resource.getrlimit(limit)
        wanted = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(limit, (wanted, hard))
    except (ValueError, OSError):  # not allowed here (macOS may refuse): the caps still hold
        pass


def prepare() -> None:
    """Loads what every job needs, before there is a job. numpy's BLAS is never used here: one
    thread of it, not one per core (each reserves address space, and on a computer with many
    cores they alone would not fit in the memory limit)."""
    for variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    from selfaudit.measures.friends import importers, reader  # noqa: F401
    from selfaudit.measures.friends.matcher import warm_up

    warm_up()


class _Progress(Monitor):
    """A worker's monitor: sends progress to the waiting thread, now and then."""

    def __init__(self, pipe: Pipe) -> None:
        super().__init__()
        self._pipe = pipe
        self._last = 0.0

    def report(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_SECONDS or fraction >= 1.0:
            self._last = now
            self._pipe.send(("progress", fraction, message))


def said(exc: BaseException) -> str:
    """An unforeseen exception in one short line: its type and the start of its message."""
    what = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {what[:150]}" if what else type(exc).__name__


def serve(pipe: Pipe, memory_bytes: int) -> None:
    """A worker's life: limits, imports, "ready", one job, the end."""
    # Ctrl-C in a terminal reaches the whole process group: the command ends, and stops this.
    # It was held back while this started (isolation._ctrl_c_held): one pressed meanwhile is
    # dropped here, once it is ignored.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    limit_memory(memory_bytes)
    try:
        prepare()
    except MemoryError:  # too little memory to start: the caller finds it gone
        pipe.close()
        return
    except Exception as exc:  # a damaged installation, say: one line, not a traceback
        pipe.send(("cannot start", said(exc)))
        pipe.close()
        return
    # Its job makes next to no reference cycles, and the process ends with it (its memory is
    # capped): the cyclic collector's passes over everything loaded and read would only add time
    # (about a fifth of a check), as for a command (cli.run).
    gc.freeze()
    gc.disable()
    try:
        pipe.send(("ready",))
        users: list[ServiceUser] = []
        rows: list[Row] = []
        while (message := pipe.recv())[0] != "go":
            if message[0] == "users":
                users += [ServiceUser(name, handles or {}) for name, handles in message[1]]
            else:  # "people"
                rows += message[1]
        _, paths, send_people = message
    except (EOFError, OSError, MemoryError):  # stopped before it had work, or it was too much
        pipe.close()
        return
    try:
        for index, path in enumerate(paths):
            pipe.send(("reading", index))
            rows += _read(pipe, index, path, memory_bytes, send_people)
        if users:
            pipe.send(("comparing",))
            _match(pipe, users, rows, memory_bytes)
        pipe.send(("done",))
    except (EOFError, OSError):  # the caller went away: nobody to tell
        pass
    except MemoryError:  # even saying so: the caller says it, in one line, when this ends
        raise SystemExit(1) from None
    finally:
        pipe.close()


def _read(pipe: Pipe, index: int, path: str, memory_bytes: int, send_people: bool) -> list[Row]:
    """Reads one export and says what it found, or why not. Its people, for matching."""
    from selfaudit.measures.friends.reader import read_export

    label = Path(path).name or path
    too_big = (
        f"could not be read: reading it needed more than the {size_text(memory_bytes)} of "
        "memory selfaudit allows"
    )
    refusal: tuple[str, str, str] | None = None
    try:
        scan = read_export(Path(path), _Progress(pipe))
    except ExportError as error:
        refusal = (error.source, error.reason, error.help)
    except MemoryError:
        refusal = (label, too_big, TRY_AGAIN)
    except Exception as exc:  # a bug, or a file no importer foresaw: one line, not a traceback
        refusal = (label, f"could not be read ({said(exc)})", TRY_AGAIN)
    if refusal is not None:  # said once the exception, and all its frames held, is gone
        pipe.send(("refused", index, *refusal))
        return []
    if send_people:
        for start in range(0, len(scan.people), BATCH):
            pipe.send(("people", scan.people[start : start + BATCH]))
    pipe.send(("read", index, scan.source, scan.files, scan.problems, scan.counts()))
    return list(scan.people)


def _match(pipe: Pipe, users: list[ServiceUser], rows: list[Row], memory_bytes: int) -> None:
    """Matches the service users against everyone read; sends each match with its person."""
    from selfaudit.measures.friends.matcher import find_matches

    if len(rows) > MAX_PEOPLE:
        pipe.send(
            (
                "cannot compare",
                f"These lists hold {len(rows):,} people, more than the {MAX_PEOPLE:,} "
                "selfaudit can compare at once. Check one export at a time.",
            )
        )
        return
    too_big = (
        "The names could not be compared: comparing them needed more than the "
        f"{size_text(memory_bytes)} of memory selfaudit allows. Try a shorter list."
    )
    problem: str | None = None
    found: list[tuple[Any, ...]] = []
    try:
        connections = list(PeopleView(rows))
        index = {id(connection): number for number, connection in enumerate(connections)}
        user_index = {id(user): number for number, user in enumerate(users)}
        matches = find_matches(users, connections, _Progress(pipe))
        found = [
            (
                rows[index[id(m.connection)]],
                user_index[id(m.service_user)],
                m.score,
                m.confidence.value,
                m.reason.value,
            )
            for m in matches
        ]
    except MemoryError:
        problem = too_big
    except Exception as exc:  # a bug: one line, not a traceback
        problem = f"The names could not be compared ({said(exc)})."
    if problem is not None:  # said once the exception, and all its frames held, is gone
        pipe.send(("cannot compare", problem))
        return
    for start in range(0, len(found), BATCH):
        pipe.send(("matches", found[start : start + BATCH]))
