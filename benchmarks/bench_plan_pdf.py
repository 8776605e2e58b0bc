#!/usr/bin/env python3
"""How long the PDF export of a 40-action plan takes (layout, keeping sections on one page,
painting, writing), and how that compares with rendering the same plan as HTML.

    .venv/bin/python benchmarks/bench_plan_pdf.py [--runs N]

Runs offscreen; prints the figures. Not part of the test run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from selfaudit.audit import AppState, AuditSession
from selfaudit.audit.state import FriendMatch
from selfaudit.content import load_catalog
from selfaudit.content.models import Outcome
from selfaudit.policy import Policy
from selfaudit.report.document import plan_report
from selfaudit.report.html import render_html
from selfaudit.report.pdf import ensure_gui_application, write_pdf

ACTIONS = 40


def forty_action_state() -> AppState:
    """38 failed checks and one service user found (remove, decline): 40 actions."""
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_gui_application()
    state = forty_action_state()
    report = plan_report(
        load_catalog(), state, Policy(organisation="Benchmark Council"), date(2026, 11, 25)
    )
    actions = len(report.plan.actions)
    assert actions == ACTIONS, actions

    html_times, pdf_times, pages = [], [], 0
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "plan.pdf"
        for _ in range(args.runs):
            start = time.perf_counter()
            html = render_html(report, for_qt=True)
            html_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            pages = write_pdf(html, target, report.running_header, report.title)
            pdf_times.append(time.perf_counter() - start)
        size = target.stat().st_size
    html_ms = statistics.median(html_times) * 1000
    pdf_ms = statistics.median(pdf_times) * 1000
    print(f"plan: {actions} actions, {pages} A4 pages, {size / 1024:.0f} KiB")
    print(f"render HTML: median {html_ms:.1f} ms over {args.runs} runs")
    fastest, slowest = min(pdf_times) * 1000, max(pdf_times) * 1000
    print(f"write PDF:   median {pdf_ms:.1f} ms (min {fastest:.1f}, max {slowest:.1f})")
    print(f"PDF / HTML time ratio: {pdf_ms / html_ms:.0f}x")


if __name__ == "__main__":
    main()
