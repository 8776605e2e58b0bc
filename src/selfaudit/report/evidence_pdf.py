"""The report of incidents as a PDF, laid out by Qt's QTextDocument from the same HTML as the web
page. QtGui is imported only when a PDF is made, so plain commands stay free of Qt; the PDF is
made in memory and the pictures are decoded from bytes, so nothing is written but the result."""

from __future__ import annotations

import os
import sys
from typing import Any

from selfaudit import APP_TITLE
from selfaudit.evidence.models import Attachment
from selfaudit.evidence.report import EvidenceReport
from selfaudit.report.evidence_html import report_html

_gui_app: Any = None  # kept alive for the life of the process once made here


def ensure_gui_application() -> None:
    """Qt lays out text only once a QGuiApplication exists. The app has one; the command line
    makes one, without a window (offscreen on a Linux machine with no display)."""
    global _gui_app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    args = [sys.argv[0] if sys.argv else "selfaudit"]
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless and "QT_QPA_PLATFORM" not in os.environ:
        args += ["-platform", "offscreen"]
    _gui_app = QGuiApplication(args)


def render_pdf(report: EvidenceReport) -> bytes:
    """The report as PDF bytes (A4). Safe to call from a worker thread once a QGuiApplication
    exists."""
    ensure_gui_application()
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QUrl
    from PySide6.QtGui import (
        QFont,
        QImage,
        QPageLayout,
        QPageSize,
        QPdfWriter,
        QTextDocument,
        QTextOption,
    )

    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(11)
    # ligatures would turn "fi" in a copied web address into one character that no browser reads
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    document.setDefaultFont(font)
    option = QTextOption()
    # long web addresses have no spaces; without this they would run off the page
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    names: dict[str, str] = {}
    for number, (blob_id, data) in enumerate(report.pictures.items()):
        image = QImage.fromData(data)
        if image.isNull():
            continue
        names[blob_id] = f"evidence-picture:{number}"
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(names[blob_id]), image)

    def source(attachment: Attachment) -> str | None:
        return names.get(attachment.blob_id)

    document.setHtml(report_html(report, source, for_web=False))

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("Record of online incidents")
    writer.setCreator(APP_TITLE)
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            # QTextDocument.print_ adds its own 2 cm margin on every side
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer  # finishes the file
    return bytes(buffer.data().data())
