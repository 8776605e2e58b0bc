"""Test doubles. They refuse to work outside a test run, so no build of the app can ever keep
evidence in memory by mistake (the app's composition root passes the vault's own stores).
Scripts that draw the windows for people to look at opt in with SELFAUDIT_TEST_DOUBLES=1."""

from __future__ import annotations

import os
import secrets

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
