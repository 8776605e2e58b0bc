"""Saves that fail: every file operation of a save is failed in turn (once, then for good), like
SQLite's I/O-error tests; a full disk, for real, with RLIMIT_FSIZE. The old file must stay
intact, the error must be plain, and the next open must find the old or the new state."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from selfaudit.vault.errors import SaveFailedError
from selfaudit.vault.keys import DataKey
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault, open_vault
from tests.unit.vault.conftest import marker_of, state_with

OPERATIONS = (
    "open",
    "read",
    "write",
    "fsync",
    "close",
    "fchmod",
    "replace",
    "link",
    "unlink",
    "stat",
    "mkdir",
    "chmod",
)


class Injector:
    """Counts the file operations of a save and fails the k-th one (and, if `persistent`, every
    one after it) with `error`."""

    def __init__(self, fail_at: int, persistent: bool, error: int = errno.EIO) -> None:
        self.fail_at = fail_at
        self.persistent = persistent
        self.error = error
        self.calls = 0
        self.failed: list[str] = []
        self.succeeded: list[str] = []

    def wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def operation(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.fail_at or (self.persistent and self.calls > self.fail_at):
                self.failed.append(name)
                raise OSError(self.error, os.strerror(self.error))
            result = real(*args, **kwargs)
            if not self.failed:
                self.succeeded.append(name)
            return result

        return operation

    @contextmanager
    def active(self) -> Iterator[None]:
        originals = {name: getattr(os, name) for name in OPERATIONS}
        try:
            for name, real in originals.items():
                setattr(os, name, self.wrap(name, real))
            yield
        finally:
            for name, real in originals.items():
                setattr(os, name, real)


def temp_files(layout: VaultLayout) -> list[Path]:
    return [p for p in layout.root.rglob(".*.tmp")]


@pytest.mark.parametrize("persistent", [False, True], ids=["fail-once", "fail-for-good"])
def test_failing_each_file_operation_in_turn_never_loses_the_old_state(
    vault: Vault, key: DataKey, persistent: bool, tmp_path: Path
) -> None:
    vault.save(state_with("old"))  # so that a backup link is part of every save
    snapshot = tmp_path / "snapshot"
    shutil.copytree(vault.layout.root, snapshot)
    failed_operations: set[str] = set()
    for fail_at in range(1, 200):
        # every attempt starts from the same files, so attempt k fails exactly operation k
        shutil.rmtree(vault.layout.root)
        shutil.copytree(snapshot, vault.layout.root)
        layout = vault.layout
        opened = open_vault(layout, key)
        injector = Injector(fail_at, persistent)
        with injector.active():
            try:
                opened.vault.save(state_with("new"))
                saved = True
            except SaveFailedError as exc:
                saved = False
                assert "could not be saved" in str(exc) and "safe" in str(exc)
                assert "disk reported an error" in str(exc) or "confirm" in str(exc)
        failed_operations.update(injector.failed[:1])
        on_disk = marker_of(open_vault(layout, key, repair=False).state)
        if saved:
            assert on_disk == "new"
        elif on_disk == "new":  # the rename was done; what failed came after it
            assert "replace" in injector.succeeded
        else:
            assert on_disk == "old"
        if not persistent:
            assert not temp_files(layout), injector.failed
        # once the disk recovers, the same open checklist saves again (no false "changed by
        # another program" after a failure of its own), and temp files are tidied on open
        opened.vault.save(state_with("next"))
        assert marker_of(open_vault(layout, key).state) == "next"
        assert not temp_files(layout)
        if not injector.failed:
            break
    else:
        raise AssertionError("a save should not need 200 file operations")
    assert fail_at > 10  # the loop really walked through a save
    assert {"open", "write", "fsync", "close", "replace", "link", "read"} <= failed_operations


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "disk space you are allowed"),
        (errno.EROFS, "can only be read"),
        (errno.EACCES, "not allowed to write"),
    ],
)
def test_the_reason_is_told_in_plain_words(
    vault: Vault, key: DataKey, error: int, words: str
) -> None:
    before = vault.layout.main.read_bytes()
    injector = Injector(fail_at=0, persistent=False, error=error)

    real_write = os.write

    def full_disk_write(fd: int, data: Any) -> int:
        raise OSError(error, os.strerror(error))

    os.write = full_disk_write
    try:
        with pytest.raises(SaveFailedError) as info:
            vault.save(state_with("new"))
    finally:
        os.write = real_write
    assert words in str(info.value)
    assert vault.layout.main.read_bytes() == before
    assert not temp_files(vault.layout)
    assert injector.calls == 0
    vault.save(state_with("after the disk was cleared"))
    assert marker_of(open_vault(vault.layout, key).state) == "after the disk was cleared"


def test_a_really_full_disk_leaves_the_old_file(vault: Vault, key: DataKey) -> None:
    """RLIMIT_FSIZE makes the kernel refuse to grow any file past a size (EFBIG), which is what
    a full disk does to a write, without needing root or a tiny file system."""
    before = vault.layout.main.read_bytes()
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from pathlib import Path
        from selfaudit.vault.errors import SaveFailedError
        from selfaudit.vault.keys import DataKey
        from selfaudit.vault.layout import VaultLayout
        from selfaudit.vault.vault import open_vault
        from tests.unit.vault.conftest import state_with

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        key = DataKey(bytes.fromhex(sys.argv[1]))
        opened = open_vault(VaultLayout(Path({str(vault.layout.root)!r})), key)
        limit = {len(before) * 3}
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            opened.vault.save(state_with("x" * limit))
        except SaveFailedError as exc:
            print(exc)
            sys.exit(3)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, key.secret.hex()],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert "disk is full" in result.stdout
    assert vault.layout.main.read_bytes() == before
    assert not temp_files(vault.layout)
    assert marker_of(open_vault(vault.layout, key).state) == "first"
