"""Opens what the person chose (a downloaded .zip, the folder it was unpacked to, or one file)
and reads the files inside it by name, wherever they sit.

Everything here is bounded before it is read (see `selfaudit.bounded`): only regular files
are opened, never a FIFO, device or socket; a zip's directory is sized up from its last bytes
before it is read (no more than MAX_ZIP_MEMBERS entries, MAX_ZIP_DIRECTORY_BYTES of names); no
friends file is read past MAX_FILE_BYTES, and one export's friends files together no further
than MAX_EXPORT_BYTES, whatever a zip's directory claims (a zip bomb is cut off). Zip members
are read in memory, never extracted; names that climb out of the archive ("../", an absolute
path) are skipped, and a folder is walked without following links.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from selfaudit.bounded import (
    MB,
    ReadRefusedError,
    open_file,
    os_error_problem,
    size_text,
    zip_directory_size,
)
from selfaudit.measures.friends.model import ExportError

# About half a million people in Facebook's files, a third of that in Instagram's: far above
# any person's friends and followers, and small enough that reading even a damaged one stays
# within a few hundred megabytes (the JSON is parsed under bounded.memory_cap).
MAX_FILE_BYTES = 32 * MB
MAX_EXPORT_BYTES = 32 * MB  # every friends file of one export, together
MAX_ZIP_MEMBERS = 200_000  # a Facebook export with all its photos has tens of thousands
MAX_ZIP_DIRECTORY_BYTES = 64 * MB
MAX_ZIP_BYTES = 1 << 44  # a zip itself may be huge (videos); only its directory is read whole
MAX_FOLDER_ENTRIES = 200_000  # a whole home folder chosen by mistake is refused, not walked
CHUNK = 1 * MB

TOO_BIG_HELP = (
    "This is far larger than any friends list. If you chose the right export, download it "
    "again: it may be damaged."
)
UNZIP_HELP = "Unpack the export with your computer's own tools, then add the folder."


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
    """The files of one export. Use as a context manager; `read` returns a member's bytes, and
    all the reads of one source together stop at MAX_EXPORT_BYTES."""

    def __init__(self, label: str) -> None:
        self.label = label  # the name shown in messages: the file or folder the person chose
        self.skipped: list[str] = []  # member names refused as unsafe
        self._left = MAX_EXPORT_BYTES

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

    def _too_big(self, member: Member, size: int | None = None) -> ExportError:
        shown = size_text(member.size if size is None else size)
        subject = "this file" if isinstance(self, FileSource) else member.path
        return ExportError(
            self.label,
            f"{subject} is too large to be a friends list ({shown}; selfaudit reads friends "
            f"files of up to {size_text(MAX_FILE_BYTES)})",
            TOO_BIG_HELP,
        )

    def _too_much(self) -> ExportError:
        return ExportError(
            self.label,
            f"its friends files add up to more than the {size_text(MAX_EXPORT_BYTES)} selfaudit "
            "reads from one export",
            TOO_BIG_HELP,
        )

    def _check_size(self, member: Member, size: int) -> None:
        if size > MAX_FILE_BYTES:
            raise self._too_big(member, size)
        if size > self._left:
            raise self._too_much()

    def _read_bounded(
        self, member: Member, stream: BinaryIO, on_chunk: Callable[[int], None] | None
    ) -> bytes:
        """The stream to its end, stopping at the file's and the export's limits whatever the
        stream's size was said to be."""
        limit = min(MAX_FILE_BYTES, self._left)
        parts: list[bytes] = []
        total = 0
        while chunk := stream.read(CHUNK):
            total += len(chunk)
            if total > limit:
                raise self._too_big(member, total) if total > MAX_FILE_BYTES else self._too_much()
            parts.append(chunk)
            if on_chunk is not None:
                on_chunk(len(chunk))
        self._left -= total
        return b"".join(parts)

    def _read_path(
        self,
        path: Path,
        member: Member,
        on_chunk: Callable[[int], None] | None,
        follow_links: bool,
    ) -> bytes:
        """A regular file's bytes (never a FIFO, device or socket, refused by type)."""
        try:
            stream = open_file(path, MAX_ZIP_BYTES, member.path, follow_links)
        except ReadRefusedError as exc:
            raise ExportError(self.label, str(exc)) from None
        with stream:
            try:
                self._check_size(member, os.fstat(stream.fileno()).st_size)
                return self._read_bounded(member, stream, on_chunk)
            except OSError as exc:
                raise ExportError(
                    self.label, f"{member.path} cannot be read ({exc.strerror or exc})"
                ) from exc


# zip ------------------------------------------------------------------------------------------
class ZipSource(ExportSource):
    def __init__(self, stream: BinaryIO, label: str) -> None:
        super().__init__(label)
        self._stream = stream
        damaged = ExportError(
            label,
            "the zip file is damaged or incomplete",
            "Download the export again from the site, and wait until the download has "
            "finished before you add it.",
        )
        try:
            size = zip_directory_size(stream)
            if size is not None and (
                size[0] > MAX_ZIP_MEMBERS or size[1] > MAX_ZIP_DIRECTORY_BYTES
            ):
                raise ExportError(
                    label,
                    f"this zip holds {size[0]:,} files, more than any export selfaudit reads "
                    f"(up to {MAX_ZIP_MEMBERS:,})",
                    "Choose the .zip file you downloaded from the site, or the folder you "
                    "unpacked it into.",
                )
            stream.seek(0)
            self._zip = zipfile.ZipFile(stream)
            infos = self._zip.infolist()
        except ExportError:
            stream.close()
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, struct.error):
            stream.close()
            raise damaged from None
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
        self._check_size(member, info.file_size)
        try:
            with self._zip.open(info) as stream:
                return self._read_bounded(member, stream, on_chunk)  # type: ignore[arg-type]
        except NotImplementedError as exc:  # a compression method zipfile lacks (AES: 99)
            raise ExportError(
                self.label, f"{member.path} is packed in a way selfaudit cannot read", UNZIP_HELP
            ) from exc
        except RuntimeError as exc:  # zipfile says "encrypted" this way (after the above)
            raise ExportError(
                self.label, f"{member.path} is protected by a password", UNZIP_HELP
            ) from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
            raise ExportError(
                self.label,
                f"{member.path} inside the zip is damaged",
                "Download the export again from the site: the download may have been cut short.",
            ) from exc

    def close(self) -> None:
        zipfile_ = getattr(self, "_zip", None)
        if zipfile_ is not None:
            zipfile_.close()
        self._stream.close()


# a folder, a file -----------------------------------------------------------------------------
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
        # inside a folder, a link is never followed: it could lead anywhere
        return self._read_path(self._root / member.path, member, on_chunk, follow_links=False)


class FileSource(ExportSource):
    def __init__(self, path: Path, label: str, size: int) -> None:
        super().__init__(label)
        self._path = path
        self._member = Member(path.name, size)

    def members(self) -> list[Member]:
        return [self._member]

    def read(self, member: Member, on_chunk: Callable[[int], None] | None = None) -> bytes:
        return self._read_path(self._path, member, on_chunk, follow_links=True)


def _looks_like_zip(path: Path, stream: BinaryIO) -> bool:
    if path.suffix.casefold() == ".zip":
        return True
    start = stream.read(4)
    stream.seek(0)
    return start in (b"PK\x03\x04", b"PK\x05\x06")


def open_source(path: Path, wanted: Callable[[str], bool]) -> ExportSource:
    """Opens a zip, a folder or a single file. `wanted(relative_path)` says which files of a
    folder are worth listing (a folder may hold thousands of photos)."""
    label = path.name or str(path)
    try:
        found = path.stat()
    except OSError as exc:
        problem = os_error_problem(path, exc)
        raise ExportError(
            label,
            "there is no such file or folder" if problem == "does not exist" else f"this {problem}",
        ) from None
    if stat.S_ISDIR(found.st_mode):
        return FolderSource(path, label, wanted)
    try:
        stream = open_file(path, MAX_ZIP_BYTES, "this")
    except ReadRefusedError as exc:
        raise ExportError(label, str(exc)) from None
    try:
        is_zip = _looks_like_zip(path, stream)
    except OSError as exc:
        stream.close()
        raise ExportError(label, f"cannot be read ({exc.strerror or exc})") from None
    if is_zip:
        return ZipSource(stream, label)
    stream.close()
    return FileSource(path, label, found.st_size)
