"""Opens what the person chose (a downloaded .zip, the folder it was unpacked to, or one file)
and reads the files inside it by name, wherever they sit.

Zip members are read in memory, never extracted. A member larger than MAX_MEMBER_BYTES (or a
zip bomb pretending to be small) is refused; names that climb out of the archive ("../", an
absolute path) are skipped, and a folder is walked without following links out of it.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from selfaudit.measures.friends.model import ExportError

MAX_MEMBER_BYTES = 256 * 1024 * 1024  # far above any friends file; refuses zip bombs
MAX_FOLDER_ENTRIES = 200_000  # a whole home folder chosen by mistake is refused, not walked
CHUNK = 1024 * 1024  # read in slices so another thread (the UI) is never held up for long


@dataclass(frozen=True)
class Member:
    """A file inside an export: its path as named in the archive (always with "/")."""

    path: str
    size: int

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def lower(self) -> str:
        return self.path.casefold()


def safe_member_path(raw: str) -> str | None:
    """The member's path with "/" separators, or None when it would climb out of the archive."""
    path = raw.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)


class ExportSource:
    """The files of one export. Use as a context manager; `read` returns a member's bytes."""

    def __init__(self, label: str) -> None:
        self.label = label  # the name shown in messages: the file or folder the person chose
        self.skipped: list[str] = []  # member names refused as unsafe

    def members(self) -> list[Member]:
        raise NotImplementedError

    def read(self, member: Member, on_chunk: Callable[[int], None] | None = None) -> bytes:
        raise NotImplementedError

    def close(self) -> None:
        """Nothing to release unless the source holds an open file."""

    def __enter__(self) -> ExportSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _too_big(self, member: Member) -> ExportError:
        megabytes = member.size // (1024 * 1024)
        return ExportError(
            self.label,
            f"{member.path} is too large to be a friends list ({megabytes} MB)",
            "This file is far larger than any friends list. If you chose the right export, "
            "download it again: it may be damaged.",
        )


def _read_limited(read: Callable[[int], bytes], on_chunk: Callable[[int], None]) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > MAX_MEMBER_BYTES:
            raise OverflowError
        parts.append(chunk)
        on_chunk(len(chunk))
    return b"".join(parts)


def _ignore(_: int) -> None:
    """No progress wanted."""


class ZipSource(ExportSource):
    def __init__(self, path: Path, label: str) -> None:
        super().__init__(label)
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
            raise ExportError(
                label,
                "the zip file is damaged or incomplete",
                "Download the export again from the site, and wait until the download has "
                "finished before you add it.",
            ) from exc
        self._members: list[Member] = []
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.is_dir():
                continue
            inside = safe_member_path(info.filename)
            if inside is None:
                self.skipped.append(info.filename)
                continue
            self._members.append(Member(inside, info.file_size))
            self._infos[inside] = info
        self._members.sort(key=lambda m: m.path)  # the same order as an unpacked folder

    def members(self) -> list[Member]:
        return list(self._members)

    def read(self, member: Member, on_chunk: Callable[[int], None] | None = None) -> bytes:
        info = self._infos[member.path]
        if info.file_size > MAX_MEMBER_BYTES:
            raise self._too_big(member)
        try:
            with self._zip.open(info) as stream:
                return _read_limited(stream.read, on_chunk or _ignore)
        except OverflowError:
            raise self._too_big(member) from None
        except RuntimeError as exc:  # zipfile says "encrypted" this way
            raise ExportError(
                self.label,
                f"{member.path} is protected by a password",
                "Unpack the export with your computer's own tools, then add the folder.",
            ) from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
            raise ExportError(
                self.label,
                f"{member.path} inside the zip is damaged",
                "Download the export again from the site: the download may have been cut short.",
            ) from exc
        except NotImplementedError as exc:
            raise ExportError(
                self.label,
                f"{member.path} is packed in a way selfaudit cannot read",
                "Unpack the export with your computer's own tools, then add the folder.",
            ) from exc

    def close(self) -> None:
        self._zip.close()


class FolderSource(ExportSource):
    def __init__(self, root: Path, label: str, wanted: Callable[[str], bool]) -> None:
        super().__init__(label)
        self._root = root
        self._members: list[Member] = []
        seen = 0
        pending = [root]
        while pending:
            folder = pending.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue  # an unreadable sub-folder holds nothing we can use
            for entry in entries:
                seen += 1
                if seen > MAX_FOLDER_ENTRIES:
                    raise ExportError(
                        label,
                        "this folder holds too many files to be one export",
                        "Choose the folder you unpacked the export into, or the .zip itself.",
                    )
                try:
                    # never follow links: a link could lead out of the export
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
                    elif entry.is_file(follow_symlinks=False):
                        relative = Path(entry.path).relative_to(root).as_posix()
                        if wanted(relative):
                            size = entry.stat(follow_symlinks=False).st_size
                            self._members.append(Member(relative, size))
                    else:
                        self.skipped.append(entry.name)
                except OSError:
                    continue
        self._members.sort(key=lambda m: m.path)

    def members(self) -> list[Member]:
        return list(self._members)

    def read(self, member: Member, on_chunk: Callable[[int], None] | None = None) -> bytes:
        return _read_file(self._root / member.path, member, self, on_chunk)


class FileSource(ExportSource):
    def __init__(self, path: Path, label: str) -> None:
        super().__init__(label)
        self._path = path
        self._member = Member(path.name, path.stat().st_size)

    def members(self) -> list[Member]:
        return [self._member]

    def read(self, member: Member, on_chunk: Callable[[int], None] | None = None) -> bytes:
        return _read_file(self._path, member, self, on_chunk)


def _read_file(
    path: Path, member: Member, source: ExportSource, on_chunk: Callable[[int], None] | None
) -> bytes:
    try:
        if path.is_symlink() or not stat.S_ISREG(path.stat().st_mode):
            raise ExportError(source.label, f"{member.path} is not a regular file")
        if path.stat().st_size > MAX_MEMBER_BYTES:
            raise source._too_big(member)
        with path.open("rb") as stream:
            return _read_limited(stream.read, on_chunk or _ignore)
    except OverflowError:
        raise source._too_big(member) from None
    except OSError as exc:
        raise ExportError(
            source.label, f"{member.path} cannot be read ({exc.strerror or exc})"
        ) from exc


def open_source(path: Path, wanted: Callable[[str], bool]) -> ExportSource:
    """Opens a zip, a folder or a single file. `wanted(relative_path)` says which files of a
    folder are worth listing (a folder may hold thousands of photos)."""
    label = path.name or str(path)
    try:
        if path.is_dir():
            return FolderSource(path, label, wanted)
        if not path.exists():
            raise ExportError(label, "there is no such file or folder")
        if not path.is_file():
            raise ExportError(label, "this is not a file selfaudit can read")
        if path.suffix.casefold() == ".zip" or zipfile.is_zipfile(path):
            return ZipSource(path, label)
        return FileSource(path, label)
    except PermissionError as exc:
        raise ExportError(label, "selfaudit is not allowed to open this file") from exc
    except OSError as exc:
        raise ExportError(label, f"cannot be opened ({exc.strerror or exc})") from exc
