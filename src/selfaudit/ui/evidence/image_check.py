"""Opens a picture from memory with Qt's QImageReader to prove it can be shown, without writing
it anywhere. Uses QtGui only (no widgets, no QApplication), so the command line can use it too.
Run it off the UI thread: decoding a large screenshot takes a moment."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from selfaudit.evidence.attachments import (
    MAX_PICTURE_PIXELS,
    PictureInfo,
    damaged_picture,
    too_large_picture,
)

_QT_FORMATS = {"image/png": b"png", "image/jpeg": b"jpeg", "image/webp": b"webp"}
# bytes per pixel Qt may need while decoding, plus headroom; QImageReader refuses beyond this
_ALLOCATION_LIMIT_MB = MAX_PICTURE_PIXELS * 4 // (1024 * 1024) + 16


def check_picture(data: bytes, media_type: str, file_name: str) -> PictureInfo:
    """The picture's size in pixels; AttachmentError if it is too large or does not open."""
    from PySide6.QtGui import QImageReader

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(_QT_FORMATS[media_type]))
    reader.setDecideFormatFromContent(False)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise damaged_picture(file_name, media_type)
    width, height = size.width(), size.height()
    if width * height > MAX_PICTURE_PIXELS:
        # refused from the header alone, before any memory is spent decoding it
        raise too_large_picture(file_name, width, height)
    QImageReader.setAllocationLimit(max(QImageReader.allocationLimit(), _ALLOCATION_LIMIT_MB))
    image = reader.read()
    if image.isNull():
        raise damaged_picture(file_name, media_type)
    return PictureInfo(width=image.width(), height=image.height())
