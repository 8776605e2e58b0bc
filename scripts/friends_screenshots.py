#!/usr/bin/env python3
"""Saves pictures of the friend check page in the wizard: the lists filled in, and the review
with matches, some already answered. Uses the test suite's realistic exports.

    .venv/bin/python scripts/friends_screenshots.py OUT_DIR [--dark]

Runs offscreen (QT_QPA_PLATFORM=offscreen) or under xvfb-run; QT_SCALE_FACTOR=2 checks 200%.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.unit.friends: the exports the tests build

import shots  # noqa: E402
from samples import friend_check as scenario  # noqa: E402

from selfaudit.audit import AppState, AuditSession  # noqa: E402
from selfaudit.audit.friend_review import Decision  # noqa: E402
from selfaudit.content import load_catalog  # noqa: E402
from selfaudit.policy import DEFAULT_POLICY  # noqa: E402
from selfaudit.ui.pages.friend_check import FriendCheckPage  # noqa: E402
from selfaudit.ui.wizard import AuditWizard, fit_to_screen  # noqa: E402


def main() -> None:
    args, app = shots.start(__doc__ or "")
    suffix = "-dark" if args.dark else ""
    session = AuditSession(load_catalog(), AppState(platforms=["facebook", "instagram"]))
    wizard = AuditWizard(session, DEFAULT_POLICY)
    fit_to_screen(wizard)
    wizard.show()
    page = next(p for p in wizard.audit_pages if isinstance(p, FriendCheckPage))
    wizard.setStartId(wizard.audit_pages.index(page))
    wizard.restart()
    app.processEvents()
    check = page.check

    with tempfile.TemporaryDirectory() as folder:
        exports = scenario.build_exports(Path(folder))
        check.add_exports(exports)
        shots.wait_until(app, lambda: not check.is_busy() and len(check.scans()) == len(exports))
        users = [line.split(",")[0] for line in scenario.SERVICE_USERS_CSV.splitlines()[1:]]
        check.setup.names.setPlainText("\n".join(users[:6]))
        names_csv = Path(folder) / "service-users.csv"
        names_csv.write_text(scenario.SERVICE_USERS_CSV, encoding="utf-8")
        check.import_service_users(names_csv)
        app.processEvents()
        shot = args.out / f"friends-1-lists{suffix}.png"
        wizard.grab().save(str(shot))
        print(shot)

        check.start_check()
        shots.wait_until(app, check.showing_review)
        review = check.review_panel
        assert check.review is not None
        for row, decision in ((0, Decision.SAME), (1, Decision.NOT_THEM)):
            review.select(row)
            review.decision_buttons[decision.value].click()
        review.select(0)
        review.contact_buttons["no"].click()
        review.select(2)
        app.processEvents()
        shot = args.out / f"friends-2-review{suffix}.png"
        wizard.grab().save(str(shot))
        print(shot)
        review.decision_buttons["same"].click()
        app.processEvents()
        shot = args.out / f"friends-3-same-person{suffix}.png"
        wizard.grab().save(str(shot))
        print(shot)


if __name__ == "__main__":
    main()
