"""One writer at a time, and the encrypted attachment store."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.evidence.blob_store import BlobError, BlobStore
from selfaudit.vault.blobs import EncryptedBlobStore
from selfaudit.vault.errors import VaultError
from selfaudit.vault.keys import DataKey
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.lock import InstanceLock

ROOT = Path(__file__).resolve().parents[3]


def hold_lock_in_child(lock_path: Path) -> subprocess.Popen[str]:
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from selfaudit.vault.lock import InstanceLock
        lock = InstanceLock(Path({str(lock_path)!r}))
        print("held" if lock.acquire() else "refused", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_second_process_cannot_take_the_lock_until_the_first_dies(layout: VaultLayout) -> None:
    child = hold_lock_in_child(layout.lock)
    try:
        lock = InstanceLock(layout.lock)
        assert not lock.acquire()
        assert lock.holder() == f"process {child.pid}"
    finally:
        child.kill()  # like kill -9: no chance to clean up
        child.wait()
        assert child.stdout is not None
        child.stdout.close()
    assert lock.acquire(), "a dead holder's lock must not stay"
    assert lock.holder() == f"process {os.getpid()}"
    lock.release()


def test_the_lock_is_per_holder_even_within_one_process(layout: VaultLayout) -> None:
    first, second = InstanceLock(layout.lock), InstanceLock(layout.lock)
    assert first.acquire() and first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_a_lock_that_cannot_be_created_says_why_not_already_running(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(VaultError, match="cannot open its data folder") as info:
        InstanceLock(blocker / ".lock").acquire()
    assert "already" not in str(info.value)


@pytest.fixture
def blobs(layout: VaultLayout) -> EncryptedBlobStore:
    return EncryptedBlobStore(layout.attachments, DataKey.generate())


@settings(max_examples=20, deadline=None)
@given(st.binary(max_size=100_000))
def test_blobs_round_trip_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    store: BlobStore = EncryptedBlobStore(tmp_path_factory.mktemp("blobs"), DataKey.generate())
    assert store.get(store.put(data)) == data


def test_blob_ids_reveal_nothing_and_files_hold_no_plaintext(blobs: EncryptedBlobStore) -> None:
    secret = b"a screenshot of an abusive message " * 20
    first, second = blobs.put(secret), blobs.put(secret)
    assert first != second and len(first) == 32
    for path in blobs.folder.iterdir():
        assert secret[:30] not in path.read_bytes()
    assert blobs.ids() == sorted([first, second])


def test_damaged_renamed_or_foreign_blobs_are_refused(blobs: EncryptedBlobStore) -> None:
    blob_id = blobs.put(b"evidence")
    path = blobs.folder / f"{blob_id}.blob"
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(BlobError, match="damaged"):
        blobs.get(blob_id)
    other = blobs.put(b"more evidence")
    (blobs.folder / f"{other}.blob").rename(blobs.folder / f"{'0' * 32}.blob")
    with pytest.raises(BlobError, match="damaged"):
        blobs.get("0" * 32)  # a blob under another id does not decrypt
    stranger = EncryptedBlobStore(blobs.folder, DataKey.generate())
    third = blobs.put(b"third")
    with pytest.raises(BlobError, match="different key"):
        stranger.get(third)
    with pytest.raises(BlobError, match="missing"):
        blobs.get("f" * 32)
    with pytest.raises(BlobError, match="not the id"):
        blobs.get("../checklist")


def test_deleting_a_blob_is_for_good_and_idempotent(blobs: EncryptedBlobStore) -> None:
    blob_id = blobs.put(b"x")
    blobs.delete(blob_id)
    blobs.delete(blob_id)
    assert blobs.ids() == []
    with pytest.raises(BlobError):
        blobs.get(blob_id)
