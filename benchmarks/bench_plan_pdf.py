#!/usr/bin/env python3
"""How long the PDF export of a 40-action plan takes (layout, keeping sections on one page,
painting headers and footers, writing the file atomically), against Qt printing the same HTML
to a PDF on its own (QTextDocument.print_ to a QPdfWriter with the same page set-up).

    .venv/bin/python benchmarks/bench_plan_pdf.py [--runs 5]

Runs offscreen. Budget: within 1.5 times Qt's own printing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, median_of, print_table

if TYPE_CHECKING:
    from selfaudit.audit import AppState

ACTIONS = 40
RUNS = 5
BUDGET = 1.5


def forty_action_state() -> AppState:
    """38 failed checks and one service user found (remove, decline): 40 actions."""
    from selfaudit.audit import AppState, AuditSession
    from selfaudit.audit.state import FriendMatch
    from selfaudit.content import load_catalog
    from selfaudit.content.models import Outcome

    moment = datetime(2026, 11, 24, 12, tzinfo=UTC)
    session = AuditSession(load_catalog(), AppState(), clock=lambda: moment)
    session.set_platforms(["facebook", "instagram"])
    for index, check in enumerate(session.applicable_checks()):
        wanted = Outcome.FAIL if index < ACTIONS - 2 else Outcome.PASS
        session.set_answer(check.id, next(o for o in check.choices() if o.outcome is wanted).value)
    session.finish()
    session.state.friend_matches = [
        FriendMatch(friend="A Person", platform="facebook", confirmed_at=moment)
    ]
    return session.state


def qt_alone(html: str, target: Path) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from selfaudit.report.page_setup import PAGE

    writer = QPdfWriter(str(target))
    writer.setResolution(PAGE.resolution)
    writer.setPageSize(QPageSize(QSizeF(PAGE.width_mm, PAGE.height_mm), QPageSize.Unit.Millimeter))
    writer.setPageMargins(QMarginsF(*PAGE.margins_mm), QPageLayout.Unit.Millimeter)
    doc = QTextDocument()
    doc.setHtml(html)
    doc.print_(writer)


def collect(runs: int = RUNS) -> tuple[list[Figure], list[str]]:
    from selfaudit.content import load_catalog
    from selfaudit.policy import Policy
    from selfaudit.report.document import plan_document, plan_report
    from selfaudit.report.html import render_html
    from selfaudit.report.pdf import ensure_gui_application, write_pdf

    ensure_gui_application()
    report = plan_report(
        load_catalog(),
        forty_action_state(),
        Policy(organisation="Benchmark Council"),
        date(2026, 11, 25),
    )
    actions = len(report.plan.actions)
    assert actions == ACTIONS, actions
    html = render_html(plan_document(report), for_qt=True)
    with tempfile.TemporaryDirectory(prefix="selfaudit-bench-pdf-") as folder:
        target, bare = Path(folder) / "plan.pdf", Path(folder) / "bare.pdf"
        qt_alone(html, bare)  # warm up: fonts, the PDF engine
        pdf = median_of(runs, lambda: write_pdf(plan_document(report), target))
        floor = median_of(runs, lambda: qt_alone(html, bare))
        pages = write_pdf(plan_document(report), target)
        size = target.stat().st_size
    html_ms = median_of(runs, lambda: render_html(plan_document(report), for_qt=True)) * 1000
    details = [
        f"plan: {actions} actions, {pages} A4 pages, {size / 1024:.0f} KiB",
        f"build the document and its HTML: {html_ms:.1f} ms",
    ]
    figures = [
        Figure(
            f"plan PDF export, {ACTIONS} actions",
            pdf * 1000,
            "ms",
            baseline=floor * 1000,
            max_ratio=BUDGET,
            note="baseline: Qt printing the same HTML to PDF (no page headers, no keeping "
            "sections together)",
        )
    ]
    return figures, details


def measure(runs: int = RUNS) -> list[Figure]:
    return collect(runs)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    figures, details = collect(parser.parse_args().runs)
    print("\n".join(details))
    print_table(figures)


if __name__ == "__main__":
    main()
