"""What can go wrong with the vault, as exceptions whose message is fit to show the person.

The UI and the CLI show `str(error)` as it is, so every message here is plain English, says what
happened and, where there is one, what to do next.
"""

from __future__ import annotations

import errno
from pathlib import Path


class VaultError(Exception):
    """Anything the vault refuses to do or cannot do."""


# reading a file ------------------------------------------------------------------------------
class VaultFormatError(VaultError):
    """A vault file cannot be read. Never carries any of the file's content."""


class NotAVaultFileError(VaultFormatError):
    def __init__(self, path: Path | None = None) -> None:
        where = f" ({path})" if path else ""
        super().__init__(f"This is not a selfaudit checklist file{where}.")


class DamagedFileError(VaultFormatError):
    """Truncated, bit-flipped or edited: the authenticated encryption does not check out."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"The checklist file is damaged or has been changed: {detail}.")
        self.detail = detail


class TooNewError(VaultFormatError):
    """Written by a newer selfaudit: never repaired, rewritten or deleted by this one."""

    def __init__(self, what: str, found: int, supported: int) -> None:
        super().__init__(
            f"Your checklist was saved by a newer version of selfaudit ({what} {found}; this "
            f"version understands up to {supported}). Install the newer version to change it."
        )
        self.found = found
        self.supported = supported


class KeyMismatchError(VaultFormatError):
    """The key offered is not the one this file was locked with."""

    def __init__(self) -> None:
        super().__init__("This checklist file was locked with a different key.")


# keys ------------------------------------------------------------------------------------------
class WrongSecretError(VaultError):
    """A passphrase or recovery code that does not unlock the file."""


class BadRecoveryCodeError(WrongSecretError):
    """Typed wrongly: the code's own check characters do not match."""


class KeyStoreError(VaultError):
    """The keyring refused, failed, timed out, or is not one selfaudit trusts."""


# saving ----------------------------------------------------------------------------------------
class SaveFailedError(VaultError):
    """A save did not happen. The previous file is untouched."""

    def __init__(
        self, reason: str, cause: BaseException | None = None, replaced: bool = False
    ) -> None:
        super().__init__(
            f"Your latest changes could not be saved: {reason}. "
            "Your checklist as it was last saved is safe."
        )
        self.reason = reason
        self.cause = cause
        self.replaced = replaced  # the new file is in place; only flushing the folder failed


class ChangedOnDiskError(VaultError):
    """Someone else changed the file since it was loaded: it is not overwritten blindly."""

    def __init__(self) -> None:
        super().__init__(
            "Your checklist file was changed by another program since selfaudit opened it, "
            "so selfaudit has not saved over it."
        )


class ReadOnlyError(VaultError):
    def __init__(self, why: str) -> None:
        super().__init__(f"Your checklist is open read-only: {why}")


class NotRegularFileError(OSError):
    """A file in the data folder that is not a regular file (a pipe, a device, a link): never
    opened, never followed. `strerror` says what it is."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EINVAL, what, str(path))


def _link_problem(name: str | None) -> str | None:
    """What is wrong when `name` is a symbolic link that leads nowhere (or round in a circle)."""
    if not name:
        return None
    path = Path(name)
    try:
        if not path.is_symlink():
            return None
        target = path.readlink()
        path.stat()
    except RuntimeError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{path} is a symbolic link that leads round in a circle. Remove it"
        return (
            f"{path} is a symbolic link to {target}, which does not exist. Create {target}, "
            "or remove the link"
        )
    return None


def describe_os_error(exc: OSError) -> str:
    """A plain reason for a failed file operation: the part after 'could not be saved: '."""
    if isinstance(exc, NotRegularFileError):
        return f"{exc.filename} {exc.strerror}"
    if exc.errno in (errno.EEXIST, errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
        link = _link_problem(exc.filename if isinstance(exc.filename, str) else None)
        if link is not None:
            return link
    reasons = {
        errno.ENOSPC: "the disk is full. Free up some space, then try again",
        errno.EDQUOT: "you have used all the disk space you are allowed. Free up some space",
        errno.EFBIG: "the disk is full or the file is too large for it",
        errno.EROFS: "the disk can only be read, not written to",
        errno.EACCES: "selfaudit is not allowed to write to its folder",
        errno.EPERM: "selfaudit is not allowed to write to its folder",
        errno.EIO: "the disk reported an error. It may be failing or have been removed",
        errno.ENOENT: "its folder has disappeared",
    }
    reason = reasons.get(exc.errno or 0)
    if reason:
        return reason
    return f"the computer reported: {exc.strerror or exc}"
