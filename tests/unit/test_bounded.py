"""The bounded reader: only regular files, within their limit, never a blocking open."""

from __future__ import annotations

import io
import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from selfaudit import bounded
from selfaudit.bounded import ReadRefusedError, check_file, read_file, read_line, read_stdin

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and sockets")


def refusal(path: Path, limit: int = 1024, **options: object) -> str:
    with pytest.raises(ReadRefusedError) as caught:
        read_file(path, limit, **options)  # type: ignore[arg-type]
    assert str(caught.value) == f"{caught.value.name} {caught.value.reason}"
    return caught.value.reason


def test_a_regular_file_within_its_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_bytes(b"Jane Doe\n")
    assert read_file(path, 9) == b"Jane Doe\n"
    assert check_file(path, 9).st_size == 9


def test_a_file_over_its_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 3000)
    assert refusal(path, 2048) == "is 3 KB, more than the 2 KB selfaudit reads here"
    assert refusal(path, 2999) == "is larger than the 3 KB selfaudit reads here"


def test_what_is_not_there_or_not_a_file(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nothere.zip") == "does not exist"
    assert refusal(tmp_path) == "is a folder, not a file"
    assert refusal(tmp_path / "nothere" / "x.txt") == "does not exist"


@posix_only
def test_links_are_explained(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("x")
    (tmp_path / "good").symlink_to(target)
    assert read_file(tmp_path / "good", 10) == b"x"
    assert refusal(tmp_path / "good", follow_links=False) == (
        "is a symbolic link, which selfaudit does not follow here"
    )
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.txt")
    assert refusal(tmp_path / "dangling") == (
        f"is a symbolic link to {tmp_path / 'gone.txt'}, which does not exist"
    )
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert (
        refusal(tmp_path / "a") == "is a symbolic link that leads round in a circle (a link loop)"
    )


@posix_only
def test_special_files_are_refused_by_type_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    done: list[str] = []
    # a FIFO with no writer would block an ordinary open for ever
    reader = threading.Thread(target=lambda: done.append(refusal(fifo)), daemon=True)
    reader.start()
    reader.join(10)
    assert done == ["is a named pipe (FIFO), not a file"]
    assert refusal(Path("/dev/zero")) == "is a device (such as /dev/zero), not a file"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        assert refusal(tmp_path / "sock") == "is a socket, not a file"


@posix_only
def test_a_file_swapped_for_a_fifo_after_the_check_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "list.txt"
    path.write_text("x")
    real_check = bounded.check_file

    def swap(*args: object, **kwargs: object) -> os.stat_result:
        found = real_check(*args, **kwargs)  # type: ignore[arg-type]
        path.unlink()
        os.mkfifo(path)
        return found

    monkeypatch.setattr(bounded, "check_file", swap)
    assert refusal(path) == "is a named pipe (FIFO), not a file"


def test_standard_input_is_read_to_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    assert read_stdin(100) == b"x" * 100
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 101)))
    with pytest.raises(ReadRefusedError, match="standard input holds more than the 100 bytes"):
        read_stdin(100)
    monkeypatch.setattr(sys, "stdin", io.StringIO("é" * 60))
    with pytest.raises(ReadRefusedError):
        read_stdin(100)


def test_a_line_is_read_to_its_limit() -> None:
    assert read_line(io.BytesIO(b"secret\r\nmore"), 10, "it") == b"secret"
    assert read_line(io.BytesIO(b"0123456789\n"), 10, "it") == b"0123456789"
    with pytest.raises(ReadRefusedError, match="longer than"):
        read_line(io.BytesIO(b"x" * 11), 10, "it")


def test_sizes_are_said_plainly() -> None:
    assert bounded.size_text(1) == "1 byte"
    assert bounded.size_text(2 * 1024 * 1024) == "2 MB"
    assert bounded.size_text(2_500_000) == "2.4 MB"
    assert bounded.size_text(300 * 1024 * 1024) == "300 MB"
