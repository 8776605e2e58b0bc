"""The friend check's vocabulary: who is connected to the person, who is on the service-user list,
what a match is, and the errors and progress reports the check gives."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import overload


class Relation(StrEnum):
    """How someone is connected to the person on a platform: decides how to remove them."""

    FRIEND = "friend"  # Facebook friend, Snapchat friend, a name on a pasted list
    FOLLOWER = "follower"  # follows the person
    FOLLOWING = "following"  # the person follows them
    CONNECTION = "connection"  # LinkedIn


@dataclass(frozen=True, slots=True)
class Connection:
    """One person in a friends, followers or connections list.

    `name` is the display name where the platform gives one (Facebook, LinkedIn, Snapchat);
    `handle` is the username, profile slug or, for X, the numeric account id.
    """

    platform: str
    relations: frozenset[Relation]
    name: str = ""
    handle: str = ""

    @property
    def label(self) -> str:
        """How to show this person: their name, else their handle."""
        if self.name:
            return self.name
        if self.platform == "x" and self.handle.isdigit():
            return f"X account {self.handle}"
        return f"@{self.handle}" if self.handle else "(no name)"

    def key(self) -> tuple[str, str, str]:
        """Who this is on the platform: the handle where there is one, else the name."""
        if self.handle:
            return (self.platform, self.handle.casefold(), "")
        return (self.platform, "", self.name)


@dataclass(frozen=True, slots=True)
class ServiceUser:
    """One person on the service-user list. Held in memory only, unless the person chooses to
    keep the list in the encrypted vault. `handles` maps platform id to a normalised handle."""

    name: str
    handles: dict[str, str] = field(default_factory=dict)


class Confidence(StrEnum):
    CERTAIN = "certain"  # the same name once normalised, or the same handle or account id
    LIKELY = "likely"  # a close spelling, a nickname, or a username made of the whole name
    POSSIBLE = "possible"  # worth a look: a middle name, a username containing the name

    @property
    def rank(self) -> int:
        return {"certain": 0, "likely": 1, "possible": 2}[self.value]


class MatchReason(StrEnum):
    HANDLE = "handle"  # the handle or account id on the list
    SAME_NAME = "same_name"
    SIMILAR_NAME = "similar_name"
    NICKNAME = "nickname"
    MIDDLE_NAME = "middle_name"  # every part of one name is in the other, which has more
    USERNAME = "username"  # the name, run together, is (in) their username


REASON_TEXT: dict[MatchReason, str] = {
    MatchReason.HANDLE: "The same account as on your list",
    MatchReason.SAME_NAME: "The same name",
    MatchReason.SIMILAR_NAME: "A similar name",
    MatchReason.NICKNAME: "The same name, with a short form or other spelling",
    MatchReason.MIDDLE_NAME: "The same name, with an extra name in one of them",
    MatchReason.USERNAME: "Their username contains the name",
}


@dataclass(frozen=True, slots=True)
class Match:
    connection: Connection
    service_user: ServiceUser
    score: int  # 0-100: how alike the two are
    confidence: Confidence
    reason: MatchReason


def matches_by_confidence(matches: Iterable[Match]) -> str:
    """ "1 certain, 2 possible": how sure each match is, most sure first, as the friend check
    and `selfaudit friends` say it (never "3 possible matches" when one is certain)."""
    counts = Counter(match.confidence for match in matches)
    return ", ".join(f"{counts[c]} {c.value}" for c in Confidence if counts[c])


# One person as an export scan keeps them: (platform, relations, name, handle), the relations
# as their values joined by spaces ("follower following"). A tuple of strings is left alone by
# Python's cyclic garbage collector once it has seen it, so hundreds of thousands of them held
# by the window's process cost its collector nothing; a Connection is made when one is used.
Row = tuple[str, str, str, str]
_RELATIONS: dict[str, frozenset[Relation]] = {}


_JOINED: dict[frozenset[Relation], str] = {}


def row_of(connection: Connection) -> Row:
    joined = _JOINED.get(connection.relations)
    if joined is None:  # a handful of kinds, shared by hundreds of thousands of connections
        joined = _JOINED[connection.relations] = " ".join(
            sorted(r.value for r in connection.relations)
        )
    return (connection.platform, joined, connection.name, connection.handle)


def connection_of(row: Row) -> Connection:
    platform, relations, name, handle = row
    shared = _RELATIONS.get(relations)
    if shared is None:
        shared = _RELATIONS[relations] = frozenset(Relation(r) for r in relations.split())
    return Connection(platform, shared, name, handle)


class PeopleView(Sequence[Connection]):
    """The people of scans as Connections, made as they are asked for."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Connection: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Connection]: ...

    def __getitem__(self, index: int | slice) -> Connection | Sequence[Connection]:
        if isinstance(index, slice):
            return [connection_of(row) for row in self.rows[index]]
        return connection_of(self.rows[index])

    def __iter__(self) -> Iterator[Connection]:
        return map(connection_of, self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PeopleView):
            return list(self.rows) == list(other.rows)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class ExportScan:
    """What one export (a zip, folder, file or pasted list) held: its people as rows."""

    source: str  # the file or folder as the person chose it
    people: tuple[Row, ...]
    files: tuple[str, ...]  # the friends files read, as named inside the export
    problems: tuple[str, ...] = ()  # files of the export that could not be read

    @classmethod
    def of(
        cls,
        source: str,
        connections: Iterable[Connection],
        files: tuple[str, ...],
        problems: tuple[str, ...] = (),
    ) -> ExportScan:
        return cls(source, tuple(map(row_of, connections)), files, problems)

    @property
    def connections(self) -> PeopleView:
        return PeopleView(self.people)

    def counts(self) -> dict[str, int]:
        """platform id -> number of people, in the order first seen."""
        return dict(self._counts)

    @cached_property
    def _counts(self) -> dict[str, int]:
        # counted once, by the reader on its worker thread: the window asks again and again,
        # and an export can hold hundreds of thousands of people
        counts: dict[str, int] = {}
        for row in self.people:
            counts[row[0]] = counts.get(row[0], 0) + 1
        return counts


def merge_connections(connections: list[Connection]) -> tuple[Connection, ...]:
    """One entry per person: a follower you also follow is one person with two relations."""
    merged: dict[tuple[str, str, str], Connection] = {}
    for connection in connections:
        key = connection.key()
        known = merged.get(key)
        if known is None:
            merged[key] = connection
        elif not connection.relations <= known.relations:
            merged[key] = Connection(
                platform=known.platform,
                relations=known.relations | connection.relations,
                name=known.name or connection.name,
                handle=known.handle,
            )
    return tuple(merged.values())


@dataclass(frozen=True)
class CheckResult:
    matches: tuple[Match, ...]
    scanned: dict[str, int]  # platform id -> number of different people in its lists
    errors: tuple[ExportError, ...]


class ExportError(Exception):
    """An export that cannot be read. `reason` is one line fit for the command line; `help` says
    what was expected and how to download the right export. Never a traceback."""

    def __init__(self, source: str, reason: str, help: str = "") -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.help = help


class ListError(Exception):
    """The service-user list cannot be read (which file, which line, what was expected)."""


class CheckCancelledError(Exception):
    """The person pressed Cancel."""


ProgressCallback = Callable[[float, str], None]


class Monitor:
    """Progress and cancel for a long check. The worker calls `report`; the UI calls `cancel`
    from its own thread. Reporting also checks for a cancel, so every report is a stop point."""

    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._on_progress = on_progress
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise CheckCancelledError

    def report(self, fraction: float, message: str) -> None:
        self.check()
        if self._on_progress is not None:
            self._on_progress(min(max(fraction, 0.0), 1.0), message)

    def part(self, start: float, end: float) -> Monitor:
        """A monitor for one stage that maps its 0..1 onto start..end of this one."""
        return _PartMonitor(self, start, end)


class _PartMonitor(Monitor):
    def __init__(self, whole: Monitor, start: float, end: float) -> None:
        super().__init__()
        self._whole = whole
        self._start = start
        self._span = end - start

    def cancel(self) -> None:
        self._whole.cancel()

    @property
    def cancelled(self) -> bool:
        return self._whole.cancelled

    def check(self) -> None:
        self._whole.check()

    def report(self, fraction: float, message: str) -> None:
        self._whole.report(self._start + self._span * min(max(fraction, 0.0), 1.0), message)
