"""One writer at a time: a lock file in the (private) data folder, held while the app or a
writing command runs.

The lock is the operating system's own (flock on POSIX, a locked byte on Windows), so it goes
away with the process, even after kill -9: there are no stale locks to judge. It is taken on a
dedicated file, never on the vault itself, because closing any descriptor of a file drops a
process's POSIX record locks on it. The file is opened without following a symbolic link and
must be a regular file: a link planted there never makes selfaudit write to what it points to.
After the locked byte it holds the holder's process id and what it is ("app", or a command
such as "import"), so a refusal can say who holds it.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from selfaudit.bounded import ReadRefusedError, kind_problem, read_file
from selfaudit.vault.atomic import secure_folder
from selfaudit.vault.errors import VaultError, describe_os_error

POSIX = os.name == "posix"
APP = "app"
_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


@dataclass(frozen=True)
class LockHolder:
    pid: int
    role: str  # "app", or the command holding it ("import", "evidence add")

    def __str__(self) -> str:
        return f"process {self.pid}"


class InstanceLock:
    def __init__(self, path: Path, role: str = APP) -> None:
        self.path = path
        self.role = role
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """True if this process now holds the lock, False if another one does. Any other
        problem (full disk, no permission) raises VaultError saying so: a lock file that cannot
        be made is not "already running"."""
        if self._fd is not None:
            return True
        try:
            secure_folder(self.path.parent)
            fd = os.open(self.path, _FLAGS, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP and self.path.is_symlink():
                raise VaultError(
                    f"{self.path} is a symbolic link. selfaudit never follows links in its data "
                    "folder: remove it, then try again."
                ) from exc
            raise VaultError(
                f"selfaudit cannot open its data folder ({self.path.parent}): "
                f"{describe_os_error(exc)}."
            ) from exc
        try:
            problem = kind_problem(os.fstat(fd).st_mode)
            if problem is not None:
                os.close(fd)
                raise VaultError(
                    f"{self.path} {problem}. selfaudit keeps its lock in a file of its own there:"
                    " move this away, then try again."
                )
            if not _try_lock(fd):
                os.close(fd)
                return False
            if POSIX:
                os.fchmod(fd, 0o600)
            os.ftruncate(fd, 1)
            os.lseek(fd, 1, os.SEEK_SET)
            os.write(fd, f"{os.getpid()} {self.role}".encode())
        except OSError as exc:
            os.close(fd)
            raise VaultError(
                f"selfaudit cannot use its data folder ({self.path.parent}): "
                f"{describe_os_error(exc)}."
            ) from exc
        self._fd = fd
        return True

    def holder(self) -> str:
        """'process 1234' for messages, or '' if unknown."""
        found = self.held_by()
        return str(found) if found is not None else ""

    def held_by(self) -> LockHolder | None:
        """Who holds the lock, as its holder wrote it (None if unknown)."""
        try:
            data = read_file(self.path, 256, follow_links=False)
        except ReadRefusedError:
            return None
        pid, _, role = data[1:].decode("ascii", "replace").strip().partition(" ")
        if not pid.isdigit():
            return None
        return LockHolder(int(pid), role.strip() or APP)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None


def _try_lock(fd: int) -> bool:
    if POSIX:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK}:
                return False
            raise
        return True
    import msvcrt

    os.lseek(fd, 0, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except OSError:
        return False
    return True
