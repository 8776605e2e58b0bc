#!/usr/bin/env python3
"""Saves pictures of the password meter and the device-locking checks in each state, for looking
at what we built:

    .venv/bin/python scripts/screenshot_checks.py OUT_DIR [--dark]

The password page with a weak, a strong and an over-long password; the device-locking page with
this computer's real probe results, and with recorded pass, fail and unknown results. Runs wherever
Qt can draw (offscreen, or xvfb-run); set QT_SCALE_FACTOR=2 to check 200% scaling.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.probes import Probe, computer_probes
from selfaudit.probes.probe import ProbeResult, ProbeStatus
from selfaudit.ui.pages.password import PasswordPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.widgets.detected_question import DetectedQuestionWidget
from selfaudit.ui.wizard import AuditWizard, fit_to_screen

sys.path.insert(0, str(Path(__file__).parent))
import shots


class Recorded:
    def __init__(self, probe: str, status: ProbeStatus, detail: str, system: str) -> None:
        self.id, self.system = probe, system
        self.result = ProbeResult(probe, status, detail, system, {"recorded": True})

    def run(self) -> ProbeResult:
        return self.result


def wizard_at(app: QApplication, probes: Sequence[Probe], page_type: type) -> AuditWizard:
    session = AuditSession(load_catalog(), AppState())
    session.set_platforms(["facebook"])
    wizard = AuditWizard(session, DEFAULT_POLICY, probes=probes)
    fit_to_screen(wizard)
    wizard.show()
    while not isinstance(wizard.currentPage(), page_type) or (
        page_type is QuestionsPage
        and not any(isinstance(q, DetectedQuestionWidget) for q in wizard.currentPage().questions)
    ):
        wizard.next()
        app.processEvents()
    return wizard


def main() -> None:
    args, app = shots.start(__doc__ or "")

    wizard = wizard_at(app, [], PasswordPage)
    page = wizard.currentPage()
    assert isinstance(page, PasswordPage)
    wizard.grab().save(str(args.out / "password-empty.png"))
    for name, password in [
        ("weak", "Password1"),
        ("fair", "Tr0ub4dour&3"),
        ("strong", "kettle cloud violin"),
        ("long", "a quiet morning walk along the old canal path with the dog " * 2),
    ]:
        page.password_field.setText(password)
        shots.wait_until(app, lambda: page.label.text().startswith("Strength"))
        shots.wait_until(app, lambda: not page.background.busy() and not page.timer.isActive())
        app.processEvents()
        wizard.grab().save(str(args.out / f"password-{name}.png"))
        page.password_field.clear()
        app.processEvents()
    wizard.close()

    limit = DEFAULT_POLICY.max_screen_lock_minutes
    cases: dict[str, Sequence[Probe]] = {
        "this-computer": computer_probes(limit),
        "recorded-fail-pass": [
            Recorded(
                "screen_lock",
                ProbeStatus.FAIL,
                "This computer locks itself after 15 minutes without use. Your employer asks "
                "for it to lock within 10 minutes.",
                "gnome",
            ),
            Recorded(
                "disk_encryption",
                ProbeStatus.PASS,
                "The disk this computer starts from is encrypted.",
                "linux",
            ),
        ],
    }
    for name, probes in cases.items():
        wizard = wizard_at(app, probes, QuestionsPage)
        questions = wizard.currentPage()
        assert isinstance(questions, QuestionsPage)
        checker = wizard.probe_checker
        shots.wait_until(app, lambda c=checker: not c.background.busy())
        app.processEvents()
        wizard.grab().save(str(args.out / f"device-{name}.png"))
        wizard.close()
    print(args.out)


if __name__ == "__main__":
    main()
