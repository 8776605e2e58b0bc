"""Saves a report of incidents where the person chose, as PDF or as a web page (HTML), decided by
the file name. The file is complete or absent: it is written beside the target and renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from selfaudit.evidence.report import EvidenceReport

FORMATS = {".pdf": "PDF", ".html": "web page", ".htm": "web page"}


class ExportError(Exception):
    """The report could not be saved. The message says where and why."""


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
        from selfaudit.report.evidence_pdf import render_pdf

        return render_pdf(report)
    from selfaudit.report.evidence_html import web_page

    return web_page(report).encode("utf-8")


def save_report(report: EvidenceReport, target: Path) -> None:
    data = report_bytes(report, target)
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except FileNotFoundError:
        raise ExportError(f"The folder {folder} does not exist. Choose another place.") from None
    except PermissionError:
        raise ExportError(f"You cannot save files in {folder}. Choose another place.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise ExportError(f"The report could not be saved as {target}: {exc.strerror}.") from None
