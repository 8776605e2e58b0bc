"""The one writer of paged output: every report (`structure.Document`) as a PDF, or on a printer
the UI hands in, through Qt's rich-text engine. The plan, the receipt and the record of incidents
all come through here, so they share one page set-up (`page_setup.PAGE`), font, running header
and page numbers.

This is the only module outside `ui/` that imports Qt (the `qt` contract in pyproject.toml), and
only inside its functions: the command line imports it only when asked for a PDF, so its other
commands start without Qt.

Each page has a running header (the organisation and what the document is) and "Page n of m"
at the foot. Qt's engine cannot keep a heading with what follows it, so before painting we move
any section or action that would straddle a page to the next page when it fits on one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from selfaudit.report.files import ExportError, problem, write_bytes
from selfaudit.report.html import render_html
from selfaudit.report.page_setup import PAGE
from selfaudit.report.structure import Document

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QPagedPaintDevice, QTextBlock, QTextDocument

FONT_FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"]
FONT_POINTS = 10.5

_app: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """Qt lays out text only inside a GUI application. The command line has none (and maybe no
    screen), so it gets an offscreen one; the app's own is used when it exists."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["selfaudit", "-platform", "offscreen"])


def _document(html: str, device: QPagedPaintDevice, pictures: Mapping[str, bytes]) -> QTextDocument:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QFont, QImage, QTextDocument, QTextOption

    doc = QTextDocument()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(FONT_POINTS)
    # ligatures would turn "fi" in a copied web address into one character no browser reads
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    doc.setDefaultFont(font)
    option = QTextOption()
    # long web addresses have no spaces; without this they would run off the page
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    for name, data in pictures.items():
        image = QImage.fromData(data)
        if not image.isNull():  # checked when it was kept; a picture that fails shows as a gap
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
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

    starts = [doc.findBlockByNumber(n) for n in _section_starts(doc)]
    for index, block in enumerate(starts):
        next_start = starts[index + 1] if index + 1 < len(starts) else None
        top, bottom = _extent(doc, block, next_start)
        page = int(top // page_height)
        at_page_top = top - page * page_height < 1
        if at_page_top or int((bottom - 1) // page_height) == page:
            continue
        was = block.blockFormat()
        moved = QTextBlockFormat()
        moved.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).mergeBlockFormat(moved)
        if bottom - top <= page_height:
            continue
        # Qt itself moves a picture or a table row that does not fit to the next page, leaving
        # a gap: measured again from the top of a page, the section may fit after all
        top, bottom = _extent(doc, block, next_start)
        if int((bottom - 1) // page_height) != int(top // page_height):
            QTextCursor(block).setBlockFormat(was)


def _extent(
    doc: QTextDocument, start: QTextBlock, next_start: QTextBlock | None
) -> tuple[float, float]:
    """Where a section starts and ends, down the whole document."""
    # Qt lays out lazily and a format change restarts it; positions are only right once the
    # whole document is laid out again, which asking for its size ensures
    layout = doc.documentLayout()
    layout.documentSize()
    top = layout.blockBoundingRect(start).top()
    bottom = doc.size().height() if next_start is None else _section_end(doc, next_start)
    return top, bottom


def _section_end(doc: QTextDocument, next_start: QTextBlock) -> float:
    """Where a section ends: where the next one starts, or, when the next starts a page of its
    own, where the section's last line ends (else it would seem to reach that page)."""
    from PySide6.QtGui import QTextCursor, QTextFormat, QTextTable

    layout = doc.documentLayout()
    if (
        not next_start.blockFormat().pageBreakPolicy()
        & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    ):
        return layout.blockBoundingRect(next_start).top()
    block = next_start.previous()  # a table is followed by a block of its own, outside it
    while block.isValid() and isinstance(QTextCursor(block).currentFrame(), QTextTable):
        block = block.previous()
    return layout.blockBoundingRect(block).bottom()


def paint_pages(document: Document, device: QPagedPaintDevice) -> int:
    """Lays out `document` on `device`'s pages and paints them; returns the number of pages."""
    from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPainter, QPen

    ensure_gui_application()
    header = document.running_header
    doc = _document(render_html(document, for_qt=True), device, document.resources)
    dots_per_mm = device.logicalDpiY() / 25.4
    small = QFont(doc.defaultFont())
    small.setPointSizeF(8.5)
    band = PAGE.band_mm * dots_per_mm  # room for the header above and the footer below the text
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


def write_pdf(document: Document, path: Path) -> int:
    """Writes `document` as a PDF, whole or not at all (a crash leaves the old file or the new,
    never half of one); returns the number of pages."""
    if not path.parent.is_dir():  # say so before the work, not after
        raise problem(path, FileNotFoundError(2, "No such file or directory", str(path.parent)))
    data, pages = pdf_bytes(document)
    write_bytes(path, data)
    return pages


def pdf_bytes(document: Document) -> tuple[bytes, int]:
    """`document` as the bytes of a PDF, and its number of pages. Safe on a worker thread once
    the app's QGuiApplication exists."""
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from selfaudit import __version__

    ensure_gui_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PAGE.resolution)
    size = QPageSize(QSizeF(PAGE.width_mm, PAGE.height_mm), QPageSize.Unit.Millimeter)
    writer.setPageSize(size)
    writer.setPageMargins(QMarginsF(*PAGE.margins_mm), QPageLayout.Unit.Millimeter)
    writer.setTitle(document.title)
    writer.setCreator(f"selfaudit {__version__}")
    pages = paint_pages(document, writer)
    del writer  # finishes the document
    return bytes(buffer.data().data()), pages
