"""Saves a report of incidents where the person chose, as PDF or as a web page (HTML), decided by
the file name. The file is complete or absent: it is written beside the target and renamed."""

from __future__ import annotations

from pathlib import Path

from selfaudit.evidence.report import EvidenceReport
from selfaudit.report.files import ExportError, write_bytes
from selfaudit.report.incident_record import printed_document, web_page

__all__ = ["ExportError", "check_format", "report_bytes", "save_report"]

FORMATS = {".pdf": "PDF", ".html": "web page", ".htm": "web page"}


def check_format(target: Path) -> None:
    """Refuses a file name that is neither .pdf nor .html, before any work is done."""
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(
            f"A report can be saved as .pdf or .html, not {suffix or 'a file with no ending'}. "
            "Give the file name one of those endings."
        )


def report_bytes(report: EvidenceReport, target: Path) -> bytes:
    check_format(target)
    if target.suffix.lower() == ".pdf":
        from selfaudit.report.pdf import pdf_bytes

        data, _ = pdf_bytes(printed_document(report))
        return data
    return web_page(report).encode("utf-8")


def save_report(report: EvidenceReport, target: Path) -> None:
    write_bytes(target, report_bytes(report, target))
