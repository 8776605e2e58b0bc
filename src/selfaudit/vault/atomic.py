"""Writing files so that a crash, a full disk or an I/O error leaves the old file or the new one,
never a mix, and private folders that only their owner can open.

Every file operation goes through `os` (directly or through pathlib) at call time, never a bound
alias, so the tests can fail each one in turn, the way SQLite's I/O-error tests do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selfaudit.bounded import kind_problem
from selfaudit.vault.errors import NotRegularFileError, SaveFailedError, describe_os_error

POSIX = os.name == "posix"
TEMP_SUFFIX = ".tmp"
_READ_CHUNK = 1 << 20


def secure_folder(path: Path, follow_link: bool = True) -> None:
    """Creates `path` (and parents) and makes it 0700 whatever the umask. On Windows the profile
    folder's own access list already keeps other users out; chmod there only sets read-only.
    With `follow_link` off (a folder inside the data folder) a symbolic link there is refused,
    never written through."""
    if not follow_link and path.is_symlink():
        raise NotRegularFileError(path, "is a symbolic link, where selfaudit keeps a folder")
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if POSIX:
        path.chmod(0o700)


def fsync_folder(path: Path) -> None:
    """Makes a rename or a new name in `path` survive a power cut (POSIX only)."""
    if not POSIX:
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush(fd: int) -> None:
    # macOS fsync() leaves data in the drive's cache; F_FULLFSYNC flushes it (not every file
    # system supports it, then plain fsync is the best there is).
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)  # type: ignore[attr-defined]
            return
        except OSError:
            pass
    os.fsync(fd)


def _open_flags() -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for optional in ("O_NOFOLLOW", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, optional, 0)
    return flags


def write_new_file(path: Path, data: bytes) -> None:
    """Creates `path` (which must not exist) with mode 0600, writes all of `data`, flushes it to
    the disk. On failure the partial file is removed and the OSError is raised."""
    fd = os.open(path, _open_flags(), 0o600)
    try:
        if POSIX:
            os.fchmod(fd, 0o600)  # O_CREAT's mode is masked by the umask
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        # fsyncgate: after a failed fsync the kernel may drop the dirty pages, so a retry
        # could "succeed" with nothing on disk. A failure here is final; the caller rewrites.
        _flush(fd)
    except BaseException:
        _close_quietly(fd)
        remove_quietly(path)
        raise
    try:
        os.close(fd)
    except BaseException:
        remove_quietly(path)
        raise


MAX_READ = 256 * 1024 * 1024  # far above any checklist; a file that grows past it is refused
_READ_FLAGS = os.O_RDONLY
for _optional in ("O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC", "O_BINARY"):
    _READ_FLAGS |= getattr(os, _optional, 0)


def open_regular(path: Path) -> int:
    """A descriptor of the regular file at `path`, for reading: never through a symbolic link
    (O_NOFOLLOW), never waiting on a pipe (O_NONBLOCK), never a device. Raises OSError
    (NotRegularFileError for anything but a regular file)."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP and path.is_symlink():
            raise NotRegularFileError(
                path, "is a symbolic link, which selfaudit never follows"
            ) from None
        raise
    problem = kind_problem(os.fstat(fd).st_mode)
    if problem is not None:
        os.close(fd)
        raise NotRegularFileError(path, problem)
    return fd


def read_file(path: Path, limit: int = MAX_READ) -> bytes:
    """The whole of a regular file in the data folder (see open_regular), at most `limit`
    bytes."""
    fd = open_regular(path)
    try:
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, _READ_CHUNK):
            total += len(chunk)
            if total > limit:
                raise NotRegularFileError(path, "is far larger than any file selfaudit writes")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def temp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def write_atomically(
    path: Path,
    data: bytes,
    verify: Callable[[bytes], None],
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replaces `path` with `data`: temp file in the same folder, write, flush, read back and
    `verify`, `before_replace()` (the backup of the old file), rename over, flush the folder.

    Raises SaveFailedError, with the old file untouched, if anything before the rename fails. After
    the rename the new file is in place; a failure to flush the folder is still reported, because
    the rename might not survive a power cut."""
    temp = temp_path_for(path)
    try:
        write_new_file(temp, data)
        verify(read_file(temp))
        if before_replace is not None:
            before_replace()
        replace(temp, path)
    except OSError as exc:
        remove_quietly(temp)
        raise SaveFailedError(describe_os_error(exc), exc) from exc
    except BaseException:
        remove_quietly(temp)
        raise
    try:
        fsync_folder(path.parent)
    except OSError as exc:
        raise SaveFailedError(
            "the computer could not confirm that the save reached the disk", exc, replaced=True
        ) from exc


def replace_file(path: Path, data: bytes, make_folder: bool = False) -> None:
    """Writes a whole file or nothing, for the app's other files (exports, login items,
    calendars): a temp file beside it (0600), flushed, renamed over, the folder flushed.
    Raises OSError, with any old file untouched if the rename did not happen."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_for(path)
    try:
        write_new_file(temp, data)
        replace(temp, path)
    except BaseException:
        remove_quietly(temp)
        raise
    fsync_folder(path.parent)


def replace(source: Path, target: Path) -> None:
    # On Windows an antivirus scanner, the search indexer or a sync client may hold the target
    # for a moment; that is worth a short wait. Never fall back to delete-then-rename.
    attempts = 1 if POSIX else 30
    for attempt in range(attempts):
        try:
            source.replace(target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1)


def remove_quietly(path: Path) -> None:
    """Cleanup must never hide the error that made it necessary (a read-only disk fails both)."""
    with contextlib.suppress(OSError):
        path.unlink()


def _close_quietly(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)
