#!/usr/bin/env python3
"""Saves a picture of every wizard page, for looking at what we built.

    .venv/bin/python scripts/screenshots.py OUT_DIR [--platforms facebook,x] [--dark]
        [--policy resources/policy/example-school-federation.toml]

Runs wherever Qt can draw: offscreen (QT_QPA_PLATFORM=offscreen) or a real display such as
xvfb-run. Set QT_SCALE_FACTOR=2 to check 200% scaling. Answers: the first option of each question.
"""

from __future__ import annotations

from pathlib import Path

import shots

from selfaudit.audit import AppState, AuditSession
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.ui.pages.platforms import PlatformsPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.wizard import AuditWizard, fit_to_screen


def main() -> None:
    args, app = shots.start(
        __doc__ or "",
        lambda p: (
            p.add_argument("--platforms", default="facebook,instagram"),
            p.add_argument("--width", type=int, default=960),
            p.add_argument("--height", type=int, default=700),
            p.add_argument("--policy", type=Path, help="an organisation policy file to run under"),
        ),
    )
    policy, catalog = shots.under_policy(args.policy, DEFAULT_POLICY)
    session = AuditSession(catalog, AppState())
    wizard = AuditWizard(session, policy)
    fit_to_screen(wizard, args.width, args.height)
    wizard.show()
    platforms = [p for p in args.platforms.split(",") if p]
    for number in range(1, 200):
        app.processEvents()
        page = wizard.currentPage()
        if isinstance(page, PlatformsPage):
            for platform_id, box in page.boxes.items():
                box.setChecked(platform_id in platforms)
        elif isinstance(page, QuestionsPage):
            for question in page.shown_questions():
                next(iter(question.buttons.values())).click()
            page.shown_questions()[0].why_button.click()
        app.processEvents()
        name = f"{number:02d}-{type(page).__name__}.png"
        wizard.grab().save(str(args.out / name))
        print(args.out / name)
        if wizard.currentId() == wizard.pageIds()[-1]:
            break
        wizard.next()


if __name__ == "__main__":
    main()
