"""Test doubles. They refuse to work outside a test run, so no build of the app can ever keep
evidence in memory by mistake (the app's composition root passes the vault's own stores).
Scripts that draw the windows for people to look at opt in with SELFAUDIT_TEST_DOUBLES=1."""

from __future__ import annotations

import os
import secrets
from typing import Any

from selfaudit.evidence.blob_store import BlobError


def _require_test_run(what: str) -> None:
    if "PYTEST_CURRENT_TEST" not in os.environ and os.environ.get("SELFAUDIT_TEST_DOUBLES") != "1":
        raise RuntimeError(f"{what} is a test double and only works inside the test suite")


class MemoryBlobStore:
    """A BlobStore that keeps blobs in a dict. Write-once like the vault's: ids are random, never
    reused, and a stored blob cannot be replaced."""

    def __init__(self) -> None:
        _require_test_run("MemoryBlobStore")
        self.blobs: dict[str, bytes] = {}
        self.deleted: list[str] = []

    def put(self, data: bytes) -> str:
        blob_id = secrets.token_hex(16)
        self.blobs[blob_id] = bytes(data)
        return blob_id

    def get(self, blob_id: str) -> bytes:
        try:
            return self.blobs[blob_id]
        except KeyError:
            raise BlobError(f"A saved file is missing from the vault ({blob_id[:8]}).") from None

    def delete(self, blob_id: str) -> None:
        self.blobs.pop(blob_id, None)
        self.deleted.append(blob_id)


class MatchingInThisProcess:
    """Stands in for `isolation.MatchingWorker`: matches in the test's own process, so that
    what a test changed in it (a platform's data, an importer) counts. A worker process starts
    afresh and would see none of it."""

    def __init__(self, *limits: object) -> None:
        _require_test_run("MatchingInThisProcess")

    def __enter__(self) -> MatchingInThisProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        """Nothing to stop."""

    def run(self, service_users: Any, people: Any, monitor: Any = None) -> Any:
        from selfaudit.measures.friends.matcher import find_matches
        from selfaudit.measures.friends.model import PeopleView

        return find_matches(service_users, list(PeopleView(people)), monitor)


def friend_check_in_this_process(monkeypatch: Any) -> None:
    """Reads exports and matches names in the test's own process instead of worker processes."""
    _require_test_run("friend_check_in_this_process")
    from selfaudit.measures.friends import check, reader

    monkeypatch.setattr(
        check, "read_export_in_worker", lambda path, monitor=None: reader.read_export(path, monitor)
    )
    monkeypatch.setattr(check, "MatchingWorker", MatchingInThisProcess)
