#!/usr/bin/env python3
"""Saves pictures of the dashboard on a realistic made-up state (three audits, a service user
found by the friend check, a few actions ticked off), and writes that plan as PDF, HTML and
Markdown beside them, for looking at what we built.

    .venv/bin/python scripts/dashboard_screenshots.py OUT_DIR [--dark] [--width W --height H]
        [--policy resources/policy/example-school-federation.toml]

Runs offscreen (QT_QPA_PLATFORM=offscreen) or on a real display such as xvfb-run. Set
QT_SCALE_FACTOR=2 to check 200% scaling.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

# the wizard script's dark palette (this folder is on sys.path when a script in it runs)
import shots

from selfaudit.audit import AppState, AuditSession
from selfaudit.audit.plan import check_action_id, progress_entry
from selfaudit.audit.progress import ActionStatus
from selfaudit.audit.state import FriendMatch
from selfaudit.content.models import Catalog, Outcome
from selfaudit.policy import Contact, Policy
from selfaudit.report.document import plan_document, plan_report
from selfaudit.report.html import render_html
from selfaudit.report.markdown import render_markdown
from selfaudit.report.pdf import write_pdf
from selfaudit.ui.main_window import Feature, MainWindow

FIRST = datetime(2026, 5, 12, 18, tzinfo=UTC)
POLICY = Policy(
    organisation="Riverside Borough Council",
    contacts=(Contact(role="Line manager", name="Sam Patel", phone="01632 960123"),),
)


def answer(session: AuditSession, check_id: str, outcome: Outcome) -> None:
    check = session.catalog.check(check_id)
    session.set_answer(check_id, next(o.value for o in check.choices() if o.outcome is outcome))


def demo_session(catalog: Catalog) -> AuditSession:
    """Three audits six months apart, getting better; a service user found on Facebook."""
    now = [FIRST]
    session = AuditSession(catalog, AppState(), clock=lambda: now[0])
    session.set_platforms(["facebook", "instagram", "whatsapp"])
    for index, check in enumerate(session.catalog.checks):
        outcome = Outcome.FAIL if index % 2 else Outcome.PASS
        answer(session, check.id, Outcome.UNKNOWN if index % 5 == 0 else outcome)
    session.finish()
    for step, fixes in ((1, 9), (2, 6)):
        now[0] = FIRST + timedelta(days=182 * step)
        session.start_audit()
        failing = [f.check.id for f in session.findings() if f.outcome is not Outcome.PASS]
        for check_id in failing[:fixes]:
            answer(session, check_id, Outcome.PASS)
        if step == 2:
            answer(session, "device.lock_when_away", Outcome.FAIL)
        session.finish()
    session.state.friend_matches = [
        FriendMatch(
            friend="Jordan Example",
            platform="facebook",
            confirmed_at=now[0],
            significant_contact=False,
        )
    ]
    now[0] += timedelta(days=3)
    plan_ids = [f.check.id for f in session.findings() if f.outcome is not Outcome.PASS]
    session.set_action_progress(
        check_action_id(plan_ids[-1]),
        progress_entry(ActionStatus.DONE, now[0], now[0].date()),
    )
    session.set_action_progress(
        check_action_id(plan_ids[-2]),
        progress_entry(ActionStatus.SNOOZED, now[0], now[0].date(), now[0].date() + timedelta(7)),
    )
    return session


def main() -> None:
    args, app = shots.start(
        __doc__ or "",
        lambda p: (
            p.add_argument("--width", type=int, default=1100),
            p.add_argument("--height", type=int, default=720),
            p.add_argument("--policy", type=Path, help="an organisation policy file to run under"),
        ),
    )
    policy, catalog = shots.under_policy(args.policy, POLICY)
    session = demo_session(catalog)
    window = MainWindow(session, policy)
    for feature in Feature:
        window.connect_feature(feature, lambda: None)
    window.start()
    window.resize(args.width, args.height)
    app.processEvents()
    suffix = "-dark" if args.dark else ""
    shot = args.out / f"dashboard{suffix}.png"
    window.grab().save(str(shot))
    print(shot)

    report = plan_report(session.catalog, session.state, policy, window.dashboard.today())
    document = plan_document(report)
    (args.out / "plan.md").write_text(render_markdown(document), encoding="utf-8")
    (args.out / "plan.html").write_text(render_html(document), encoding="utf-8")
    pages = write_pdf(document, args.out / "plan.pdf")
    print(args.out / "plan.pdf", pages, "pages")


if __name__ == "__main__":
    main()
