"""Shared by the evidence log's tests: a clock to move by hand, incident details, and small real
PNG files written without Qt (so unit tests stay Qt-free)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from selfaudit.audit.state import AppState
from selfaudit.cli import evidence as evidence_cli
from selfaudit.cli.evidence import EvidenceAccess
from selfaudit.evidence.attachments import AttachmentError, PictureInfo
from selfaudit.evidence.models import Channel, IncidentDetails
from tests.doubles import MemoryBlobStore

START = datetime(2025, 3, 12, 21, 47, tzinfo=UTC)


class ManualClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def details(**changes: Any) -> IncidentDetails:
    values: dict[str, Any] = {
        "occurred_at": START - timedelta(minutes=16),
        "time_zone": "Europe/London",
        "channel": Channel.SOCIAL,
        "platform": "Facebook",
        "sender": "Jordan Pike",
        "url": "https://www.facebook.com/groups/parents/posts/1029384756/",
        "content": "Does anyone else think she shouldn't be allowed near kids?",
    }
    values.update(changes)
    return IncidentDetails(**values)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int, height: int, payload: bytes = b"") -> bytes:
    """A valid grey PNG; `payload` rides in a text chunk, for canary searches."""
    rows = b"".join(
        b"\x00" + bytes([(x * 7 + y) % 256 for x in range(width)]) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    text = _chunk(b"tEXt", b"Comment\x00" + payload) if payload else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + text
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def png_header_check(data: bytes, media_type: str, file_name: str) -> PictureInfo:
    """An ImageCheck for unit tests: reads a PNG's size from its header and refuses anything it
    cannot read that way. The app's real check (Qt) is tested in tests/gui/evidence."""
    if media_type != "image/png" or len(data) < 24 or data[12:16] != b"IHDR":
        raise AttachmentError(f"“{file_name}” is damaged")
    width, height = struct.unpack(">II", data[16:24])
    return PictureInfo(width=width, height=height)


class FakeVault:
    """Stands in for the vault behind `selfaudit evidence`: an in-memory state and blob store."""

    def __init__(self) -> None:
        self.state = AppState()
        self.blobs = MemoryBlobStore()
        self.saves = 0
        self.opened = 0

    def save(self) -> None:
        self.saves += 1

    @contextmanager
    def open(self, write: bool = True) -> Iterator[EvidenceAccess]:
        self.opened += 1
        yield EvidenceAccess(self.state, self.blobs, self.save if write else self.refuse)

    def refuse(self) -> None:
        raise AssertionError("a command that only reads saved the checklist")


def install_fake_vault(monkeypatch: pytest.MonkeyPatch) -> FakeVault:
    fake = FakeVault()
    monkeypatch.setattr(evidence_cli, "open_evidence", fake.open)
    return fake
