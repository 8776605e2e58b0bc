"""The rules a screenshot or file must meet before it goes into the vault.

Pictures (PNG, JPEG, WebP) are recognised by their content, not their name, and must open: a
picture that cannot be shown in the report is no use as evidence. Decoding is done by an
`ImageCheck` the caller passes in (Qt's QImageReader in the app and the command line), so this
module stays free of Qt. Every refusal is an AttachmentError whose message can be shown as it is.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from selfaudit.bounded import ReadRefusedError, check_file, read_file
from selfaudit.evidence.models import PICTURE_TYPES

MB = 1024 * 1024
MAX_PICTURE_BYTES = 25 * MB
MAX_FILE_BYTES = 50 * MB
# A long scrolling screenshot from a phone is about 20 million pixels; far more than this is
# either not a screenshot or a file built to exhaust memory when opened.
MAX_PICTURE_PIXELS = 60_000_000

PICTURE_NAMES = dict(zip(PICTURE_TYPES, ("PNG", "JPEG", "WebP"), strict=True))
_PICTURE_SUFFIXES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}

LIMITS_TEXT = (
    "Screenshots and pictures (PNG, JPEG or WebP) can be up to 25 MB. Other files, such as a saved "
    "e-mail or a voicemail, can be up to 50 MB."
)


class AttachmentError(Exception):
    """A file cannot be added. The message says which file, why, and what to do instead."""


@dataclass(frozen=True)
class PictureInfo:
    width: int
    height: int


# (data, media type, file name) -> size in pixels; raises AttachmentError if it does not open
ImageCheck = Callable[[bytes, str, str], PictureInfo]


@dataclass(frozen=True)
class PreparedAttachment:
    """A file that passed every check, ready to be put into the blob store."""

    file_name: str
    media_type: str
    data: bytes
    sha256: str
    picture: PictureInfo | None

    @property
    def size(self) -> int:
        return len(self.data)


def picture_type(data: bytes) -> str | None:
    """The picture type the bytes start with, if they are a PNG, JPEG or WebP picture."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def picture_is_whole(data: bytes, media_type: str) -> bool:
    """Whether the picture's file runs to its proper end. Decoders show a picture cut short
    (a download or copy that stopped part-way) with its bottom missing, and evidence that is
    partly lost should be taken again, not kept. Reads the file's structure only."""
    if media_type == "image/png":
        return _png_is_whole(data)
    if media_type == "image/jpeg":
        return _jpeg_is_whole(data)
    if media_type == "image/webp":  # RIFF: the header gives the length of the rest
        return len(data) >= 8 and len(data) >= int.from_bytes(data[4:8], "little") + 8
    return True


def _png_is_whole(data: bytes) -> bool:
    at = 8  # after the signature: chunks of length, type, body and checksum, IEND last
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        at += 12 + length
        if kind == b"IEND":
            return at <= len(data)
    return False


def _jpeg_is_whole(data: bytes) -> bool:
    """Walks the JPEG's segments to its end-of-image marker (a thumbnail inside an Exif
    segment is skipped whole, so its own end marker does not count)."""
    at, size = 2, len(data)  # after the start-of-image marker
    while at < size:
        if data[at] != 0xFF:
            return False
        while at < size and data[at] == 0xFF:  # fill bytes
            at += 1
        if at >= size:
            return False
        marker = data[at]
        at += 1
        if marker == 0xD9:  # end of image
            return True
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            continue
        if at + 2 > size:
            return False
        at += int.from_bytes(data[at : at + 2], "big")
        if marker == 0xDA:  # start of scan: coded data up to the next marker
            at = _end_of_scan(data, at)
            if at < 0:
                return False
    return False


def _end_of_scan(data: bytes, at: int) -> int:
    """Where the marker after a scan's coded data starts; -1 if the data runs out first."""
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            return -1
        following = data[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # a coded 0xFF, a restart marker
            at += 2
        elif following == 0xFF:  # a fill byte before the marker
            at += 1
        else:
            return at


def describe_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < MB:
        return f"{size / 1024:.0f} KB"
    return f"{size / MB:.1f} MB"


def check_size(file_name: str, size: int, is_picture: bool) -> None:
    limit = MAX_PICTURE_BYTES if is_picture else MAX_FILE_BYTES
    if size == 0:
        raise AttachmentError(f"“{file_name}” is empty, so there is nothing to keep.")
    if size > limit:
        kind = "Pictures" if is_picture else "Files"
        advice = (
            "Try cropping the screenshot, or saving it as a JPEG."
            if is_picture
            else "Keep the original safely on your device and describe it in the notes."
        )
        raise AttachmentError(
            f"“{file_name}” is {describe_size(size)}. {kind} can be up to "
            f"{describe_size(limit)}. {advice}"
        )


def too_large_picture(file_name: str, width: int, height: int) -> AttachmentError:
    return AttachmentError(
        f"“{file_name}” is {width} × {height} pixels, too large to open safely. Try cropping it, "
        "or take the screenshot again in smaller parts."
    )


def damaged_picture(file_name: str, media_type: str, cut_short: bool = False) -> AttachmentError:
    why = (
        " It stops part-way, so some of it is missing: it may not have finished downloading or "
        "copying."
        if cut_short
        else ""
    )
    return AttachmentError(
        f"“{file_name}” looks like a {PICTURE_NAMES[media_type]} picture, but it is damaged and "
        f"cannot be opened.{why} Try taking the screenshot again, and add the new one."
    )


def prepare_attachment(file_name: str, data: bytes, image_check: ImageCheck) -> PreparedAttachment:
    """Checks `data` and works out its type and fingerprint. Raises AttachmentError."""
    file_name = Path(file_name).name or "attachment"
    named_as = _PICTURE_SUFFIXES.get(Path(file_name).suffix.lower())
    found = picture_type(data)
    check_size(file_name, len(data), is_picture=bool(found or named_as))
    picture: PictureInfo | None = None
    if found:
        picture = image_check(data, found, file_name)  # a damaged or huge one is refused here
        if not picture_is_whole(data, found):  # one that opens with its bottom missing, here
            raise damaged_picture(file_name, found, cut_short=True)
        if picture.width * picture.height > MAX_PICTURE_PIXELS:
            raise too_large_picture(file_name, picture.width, picture.height)
        media_type = found
    elif named_as:
        raise AttachmentError(
            f"“{file_name}” is named like a {PICTURE_NAMES[named_as]} picture, but it is not one "
            "that can be opened. It may be damaged or only partly saved. Try taking the "
            "screenshot again."
        )
    else:
        media_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    return PreparedAttachment(
        file_name=file_name,
        media_type=media_type,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        picture=picture,
    )


def read_attachment(path: Path, image_check: ImageCheck) -> PreparedAttachment:
    """Reads and checks a file the person picked: a regular file (never a folder, pipe or
    device), its size checked before reading, so a huge file is refused without loading it."""
    name = path.name or str(path)
    try:
        found = check_file(path, 1 << 62, f"“{name}”")  # its type; check_size says its size
        is_picture = path.suffix.lower() in _PICTURE_SUFFIXES
        # whatever the name says, nothing bigger than the larger limit is read
        check_size(name, found.st_size, is_picture=is_picture)
        data = read_file(path, MAX_FILE_BYTES, f"“{name}”")
    except ReadRefusedError as exc:
        raise AttachmentError(_refusal(name, path, exc)) from None
    return prepare_attachment(name, data, image_check)


def _refusal(name: str, path: Path, exc: ReadRefusedError) -> str:
    if exc.missing:
        return f"“{name}” could not be found. It may have been moved."
    if "permission" in exc.reason:
        return (
            f"This app is not allowed to read “{name}”. Copy it somewhere you can open it, such "
            "as your Documents folder, and try again."
        )
    if exc.reason.startswith("is a folder"):
        return f"“{name}” is a folder, not a file. Choose a file inside it."
    if "more than" in exc.reason:
        return f"“{name}” is larger than the {describe_size(MAX_FILE_BYTES)} a file can be."
    return f"“{path}” {exc.reason}. Choose a screenshot or a saved file."
