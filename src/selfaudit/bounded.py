"""Reading what comes from outside, bounded by construction: a file's type and size are checked
before it is opened, it is opened so that it cannot block, and no more than its limit is read.

Every reader of a file the person names (an export, a list of names, a policy, a checklist to
import or restore, an attachment), of standard input, and of the files in the data folder goes
through here. Only regular files are read: a folder, a named pipe (FIFO), a device such as
/dev/zero and a socket are refused by their type, from `stat`, before any open that could wait
for ever or never end. A file is opened non-blocking (a file swapped for a pipe after the check
cannot hold the open up), checked again on the open descriptor, and read to its limit and not a
byte further. Each refusal is a `ReadRefusedError` whose `reason` finishes a sentence that names
the file: "… is a named pipe (FIFO), not a file".

Plain Python, no Qt: the app, the command line and the tests use it alike.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

KB = 1024
MB = 1024 * KB
GB = 1024 * MB
READ_CHUNK = 1 * MB

POSIX = os.name == "posix"
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO put in the file's place cannot hold the open up
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class ReadRefusedError(Exception):
    """A file or stream that is not read. `reason` finishes a sentence that starts with the
    file's name ("is a folder, not a file"); `str()` is the whole sentence."""

    def __init__(self, name: str, reason: str, missing: bool = False) -> None:
        super().__init__(f"{name} {reason}")
        self.name = name
        self.reason = reason
        self.missing = missing  # nothing at all at the path (not even a link)


def size_text(size: int) -> str:
    """'300 MB', '12 KB', '80 bytes'."""
    if size < KB:
        return f"{size} byte{'s' if size != 1 else ''}"
    if size < MB:
        return f"{round(size / KB)} KB"
    if size < 10 * MB:
        return f"{size / MB:.1f} MB".replace(".0 MB", " MB")
    if size < GB:
        return f"{size // MB:,} MB"
    return f"{size / GB:.1f} GB".replace(".0 GB", " GB")


def kind_problem(mode: int) -> str | None:
    """Why a file of this type is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode):
        return "is a device (such as /dev/zero), not a file"
    if stat.S_ISBLK(mode):
        return "is a disk device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    if stat.S_ISLNK(mode):
        return "is a symbolic link, which selfaudit does not follow here"
    return "is not a regular file"


def _link_problem(path: Path) -> str | None:
    """Why a path that would not open is a link problem: a dangling link or a loop."""
    try:
        if not stat.S_ISLNK(path.lstat().st_mode):
            return None
        target = path.readlink()
    except OSError:
        return None
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link that leads round in a circle (a link loop)"
        return f"is a symbolic link to {target}, which does not exist"
    return None


def os_error_problem(path: Path, exc: OSError, follow_links: bool = True) -> str:
    """What a failed stat or open of `path` means, as the end of a sentence naming it."""
    if exc.errno == errno.ELOOP:
        if not follow_links:
            return "is a symbolic link, which selfaudit does not follow here"
        return "is a symbolic link that leads round in a circle (a link loop)"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return _link_problem(path) or "does not exist"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: you do not have permission to open it"
    if exc.errno == errno.ENAMETOOLONG:
        return "has a name too long for this computer"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    return f"cannot be read ({exc.strerror or exc})"


def _refusal(shown: str, path: Path, exc: OSError, follow_links: bool) -> ReadRefusedError:
    problem = os_error_problem(path, exc, follow_links)
    return ReadRefusedError(shown, problem, missing=problem == "does not exist")


def _limit_problem(size: int, limit: int) -> str:
    if size_text(size) == size_text(limit):
        return f"is larger than the {size_text(limit)} selfaudit reads here"
    return f"is {size_text(size)}, more than the {size_text(limit)} selfaudit reads here"


def check_file(
    path: Path, limit: int, name: str | None = None, follow_links: bool = True
) -> os.stat_result:
    """The file's details when it is a regular file of at most `limit` bytes; raises
    ReadRefusedError otherwise. Never opens the file. `follow_links=False` refuses a symbolic
    link itself (the data folder's files are never links)."""
    shown = name if name is not None else str(path)
    try:
        found = path.stat(follow_symlinks=follow_links)
    except OSError as exc:
        raise _refusal(shown, path, exc, follow_links) from None
    problem = kind_problem(found.st_mode)
    if problem is not None:
        raise ReadRefusedError(shown, problem)
    if found.st_size > limit:
        raise ReadRefusedError(shown, _limit_problem(found.st_size, limit))
    return found


def open_file(
    path: Path, limit: int, name: str | None = None, follow_links: bool = True
) -> BinaryIO:
    """The checked file, open for reading (a binary file object the caller closes). The checks
    are made again on the open descriptor, so a file swapped after `check_file` is refused."""
    shown = name if name is not None else str(path)
    check_file(path, limit, shown, follow_links)
    flags = _OPEN_FLAGS | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _refusal(shown, path, exc, follow_links) from None
    try:
        found = os.fstat(fd)
        problem = kind_problem(found.st_mode)
        if problem is not None:
            raise ReadRefusedError(shown, problem)
        if found.st_size > limit:
            raise ReadRefusedError(shown, _limit_problem(found.st_size, limit))
        if POSIX and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file after all: ordinary reads from here
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(stream: BinaryIO | io.BufferedIOBase, limit: int, name: str) -> bytes:
    """At most `limit` bytes from an open stream; ReadRefusedError when there is more (a file
    that grew, or standard input that goes on and on)."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(READ_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        total += len(chunk)
        if total > limit:
            raise ReadRefusedError(name, f"holds more than the {size_text(limit)} selfaudit reads")
        parts.append(chunk)


def read_file(path: Path, limit: int, name: str | None = None, follow_links: bool = True) -> bytes:
    """The whole of a regular file of at most `limit` bytes. Raises ReadRefusedError (and
    nothing else) when it is not one, or cannot be read."""
    shown = name if name is not None else str(path)
    with open_file(path, limit, shown, follow_links) as stream:
        try:
            return read_limited(stream, limit, shown)
        except OSError as exc:
            raise ReadRefusedError(shown, f"cannot be read ({exc.strerror or exc})") from None


def read_stdin(limit: int, name: str = "standard input") -> bytes:
    """Standard input, to its end, as bytes: at most `limit` of them."""
    import sys

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # replaced by a text stream (tests, an embedding program)
        if sys.stdin is None:
            return b""
        text = sys.stdin.read(limit + 1)
        data = text.encode("utf-8", "surrogateescape")
        if len(text) > limit or len(data) > limit:
            raise ReadRefusedError(name, f"holds more than the {size_text(limit)} selfaudit reads")
        return data
    try:
        return read_limited(stream, limit, name)
    except OSError as exc:
        raise ReadRefusedError(name, f"cannot be read ({exc.strerror or exc})") from None


def read_line(stream: BinaryIO | io.BufferedIOBase, limit: int, name: str) -> bytes:
    """One line (without its end) of at most `limit` bytes, for a secret typed or piped in."""
    line = stream.readline(limit + 1)
    if len(line) > limit and not line.endswith(b"\n"):
        raise ReadRefusedError(name, f"holds a line longer than the {size_text(limit)} expected")
    return line.rstrip(b"\r\n")


# zip files -----------------------------------------------------------------------------------
_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END_SIGNATURE = b"PK\x05\x06"
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_END64 = struct.Struct("<4sQ2H2L4Q")
_END64_SIGNATURE = b"PK\x06\x06"
_TAIL = _END.size + 65_535  # the record, then at most a 64 KB comment


def zip_directory_size(stream: BinaryIO) -> tuple[int, int] | None:
    """(entries, bytes) of a zip's central directory, read from its end records only, so a zip
    of millions of entries is refused before its directory is read. None when the end record
    is not found (zipfile then says the file is damaged)."""
    end = stream.seek(0, os.SEEK_END)
    start = max(0, end - _TAIL)
    stream.seek(start)
    tail = stream.read(end - start)
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END.size:
        return None
    _, _, _, _, entries, directory, _, _ = _END.unpack_from(tail, at)
    if entries == 0xFFFF or directory == 0xFFFFFFFF:  # zip64: the real figures are further back
        locator_at = start + at - _END64_LOCATOR.size
        if locator_at < 0:
            return None
        stream.seek(locator_at)
        signature, _, end64_at, _ = _END64_LOCATOR.unpack(stream.read(_END64_LOCATOR.size))
        if signature != _END64_LOCATOR_SIGNATURE:
            return None
        stream.seek(end64_at)
        record = stream.read(_END64.size)
        if len(record) < _END64.size or record[:4] != _END64_SIGNATURE:
            return None
        entries, directory = _END64.unpack(record)[7:9]
    return entries, directory


# memory -----------------------------------------------------------------------------------------
_memory_caps_allowed = False


def allow_memory_caps() -> None:
    """This process may lower its own address-space limit for a while (`memory_cap`): a worker
    process, or a command that runs no other thread meanwhile. Never the app's window."""
    global _memory_caps_allowed
    _memory_caps_allowed = True


def _address_space() -> int | None:
    """This process's address space in bytes, as RLIMIT_AS counts it (Linux only)."""
    try:
        with open("/proc/self/statm", "rb") as statm:  # noqa: PTH123 (a pseudo-file)
            pages = int(statm.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


@contextlib.contextmanager
def memory_cap(extra: int) -> Iterator[None]:
    """While the block runs, this process may take at most `extra` more bytes of address space:
    an allocation beyond that fails with MemoryError, which the caller turns into a refusal. So
    a file of a few megabytes built to unfold into gigabytes once parsed is stopped at `extra`.
    Where the OS has no such limit, or the process did not `allow_memory_caps`, a no-op (the
    size caps on what is read still hold)."""
    try:
        import resource
    except ImportError:
        yield
        return
    current = _address_space() if _memory_caps_allowed else None
    if current is None or not hasattr(resource, "RLIMIT_AS"):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = current + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY:
        cap = min(cap, soft)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
