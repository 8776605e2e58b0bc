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


def check_in_this_process(
    service_users: Any, people: Any, exports: Any, matching: Any, workers: Any = None
) -> Any:
    """Stands in for `isolation.check_in_worker`: reads and matches in the test's own process,
    so that what a test changed in it (a platform's data, an importer) counts. A worker process
    starts afresh and would see none of it."""
    _require_test_run("check_in_this_process")
    from selfaudit.measures.friends.check import scanned_counts
    from selfaudit.measures.friends.isolation import WorkerCheck
    from selfaudit.measures.friends.matcher import find_matches
    from selfaudit.measures.friends.model import ExportError, PeopleView
    from selfaudit.measures.friends.reader import read_export

    scans, errors = [], []
    for path, monitor in exports:
        try:
            scans.append(read_export(path, monitor))
        except ExportError as error:
            errors.append(error)
    everyone = [*PeopleView(people), *(c for scan in scans for c in scan.connections)]
    matches = find_matches(service_users, everyone, matching)
    return WorkerCheck(matches, scanned_counts(scans), errors)


def friend_check_in_this_process(monkeypatch: Any) -> None:
    """Reads exports and matches names in the test's own process instead of a worker process."""
    _require_test_run("friend_check_in_this_process")
    from selfaudit.measures.friends import check

    monkeypatch.setattr(check, "check_in_worker", check_in_this_process)
