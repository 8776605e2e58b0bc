"""Paged output of a report (PDF, or a printer the UI hands in) through Qt's rich-text engine.

QtGui is imported inside the functions: the command line imports this module only when asked
for a PDF, so its other commands start without Qt.

Pages are A4 with a running header (the organisation and what the document is) and "Page n of
m" at the foot. Qt's engine cannot keep a heading with what follows it, so before painting we
move any section or action that would straddle a page to the next page when it fits on one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from selfaudit.report.files import ExportError, replacing

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QPagedPaintDevice, QTextDocument

PDF_RESOLUTION = 300  # dots per inch: sharp text, small numbers
MARGINS_MM = (18.0, 14.0, 18.0, 14.0)  # left, top, right, bottom
FONT_FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"]

_app: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """Qt lays out text only inside a GUI application. The command line has none (and maybe no
    screen), so it gets an offscreen one; the app's own is used when it exists."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["selfaudit", "-platform", "offscreen"])


def _document(html: str, device: QPagedPaintDevice) -> QTextDocument:
    from PySide6.QtGui import QFont, QTextDocument

    doc = QTextDocument()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(10.5)
    doc.setDefaultFont(font)
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    _pad_table_cells(doc)
    _space_headings(doc)
    return doc


def _space_headings(doc: QTextDocument) -> None:
    """Room above each section and action heading, so each action reads as its own block (Qt's
    HTML reader lets the list before it swallow the heading's CSS margin)."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    points = {2: 16.0, 3: 12.0}
    block = doc.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level in points and block.blockNumber() > 0:
            fmt = QTextBlockFormat()
            fmt.setTopMargin(points[level] * 96 / 72)  # in pixels of a 96 dpi screen, scaled
            QTextCursor(block).mergeBlockFormat(fmt)
        block = block.next()


def _pad_table_cells(doc: QTextDocument) -> None:
    """Qt's HTML reader ignores CSS padding on cells; set it on the tables instead (in pixels
    of a 96 dpi screen, which the layout scales to the device)."""
    from PySide6.QtGui import QTextTable

    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            fmt = frame.format()
            fmt.setCellPadding(4 * 96 / 72)  # 4 points
            frame.setFormat(fmt)


def _section_starts(doc: QTextDocument) -> list[int]:
    """Block numbers where a section (h2) or an action (h3) starts, outside tables; an action
    right after its section heading belongs with it."""
    from PySide6.QtGui import QTextCursor, QTextTable

    starts: list[int] = []
    previous_level = 0
    block = doc.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        # (not currentTable(): PySide6 miscounts the references of the None it returns)
        in_table = isinstance(QTextCursor(block).currentFrame(), QTextTable)
        joins_its_section = level == 3 and previous_level == 2
        if level in (2, 3) and not in_table and not joins_its_section:
            starts.append(block.blockNumber())
        previous_level = level if block.text().strip() else previous_level
        block = block.next()
    return starts


def keep_sections_together(doc: QTextDocument, page_height: float) -> None:
    """One pass from the top: a section that would straddle two pages and fits on one starts a
    new page. Later sections are measured after the earlier ones have moved."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextFormat

    layout = doc.documentLayout()
    starts = [doc.findBlockByNumber(n) for n in _section_starts(doc)]
    for index, block in enumerate(starts):
        # Qt lays out lazily and a format change restarts it; positions are only right once
        # the whole document is laid out again, which asking for its size ensures
        layout.documentSize()
        top = layout.blockBoundingRect(block).top()
        if index + 1 < len(starts):
            bottom = layout.blockBoundingRect(starts[index + 1]).top()
        else:
            bottom = doc.size().height()
        page = int(top // page_height)
        at_page_top = top - page * page_height < 1
        straddles = int((bottom - 1) // page_height) != page
        if straddles and not at_page_top and bottom - top <= page_height:
            fmt = QTextBlockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).mergeBlockFormat(fmt)


def paint_pages(html: str, device: QPagedPaintDevice, header: str) -> int:
    """Lays out `html` on `device`'s pages and paints them; returns the number of pages."""
    from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPainter, QPen

    ensure_gui_application()
    doc = _document(html, device)
    dots_per_mm = device.logicalDpiY() / 25.4
    small = QFont(doc.defaultFont())
    small.setPointSizeF(8.5)
    band = 9 * dots_per_mm  # room for the header above and the footer below the text
    width, height = float(device.width()), float(device.height())
    body_height = height - 2 * band
    doc.setPageSize(QSizeF(width, body_height))
    keep_sections_together(doc, body_height)
    doc.documentLayout().documentSize()
    pages = max(1, doc.pageCount())

    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("could not start drawing the pages")
    try:
        grey = QColor(80, 90, 95)
        for page in range(pages):
            if page:
                device.newPage()
            painter.setFont(small)
            painter.setPen(grey)
            painter.drawText(
                QRectF(0, 0, width, band * 0.7),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                header,
            )
            painter.setPen(QPen(grey, max(1.0, dots_per_mm * 0.2)))
            painter.drawLine(QPointF(0, band * 0.8), QPointF(width, band * 0.8))
            painter.drawText(
                QRectF(0, height - band * 0.7, width, band * 0.7),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                f"Page {page + 1} of {pages}",
            )
            painter.save()
            painter.translate(0, band - page * body_height)
            clip = QRectF(0, page * body_height, width, body_height)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            doc.documentLayout().draw(painter, context)
            painter.restore()
    finally:
        painter.end()
    return pages


def write_pdf(html: str, path: Path, header: str, title: str) -> int:
    """Writes an A4 PDF atomically (a crash leaves the old file or the new, never half of one);
    returns the number of pages."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from selfaudit import __version__

    ensure_gui_application()
    with replacing(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
        writer.setTitle(title)
        writer.setCreator(f"selfaudit {__version__}")
        pages = paint_pages(html, writer, header)
        del writer  # finishes and closes the file before it is moved into place
    return pages


def pdf_in_memory(html: str, header: str) -> bytes:
    """The same pages as `write_pdf`, kept in memory: for checking that an installation can
    draw a PDF without writing anything."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPdfWriter

    ensure_gui_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    paint_pages(html, writer, header)
    del writer  # finishes the document
    return bytes(buffer.data().data())
