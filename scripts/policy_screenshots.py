#!/usr/bin/env python3
"""Saves pictures of the policy and reminder pieces (Settings sections, the reminder window,
the induction window, the note about an ignored policy file), for looking at what we built.

    .venv/bin/python scripts/policy_screenshots.py OUT_DIR [--dark]

Everything runs on made-up data in a temporary folder: a policy deployed in the "system" folder,
a broken one in the "user" folder, an audit finished 200 days ago with some actions open.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))

import shots

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.paths import AppPaths, resources_dir
from selfaudit.policy_loader import load_policy
from selfaudit.reminders.autostart import XdgAutostart
from selfaudit.reminders.inputs import ReminderInputs, reminder_inputs
from selfaudit.reminders.notice import reminder
from selfaudit.ui.contacts import ContactsPanel
from selfaudit.ui.deployment import warn_about_ignored_policy
from selfaudit.ui.induction import InductionFinishDialog
from selfaudit.ui.policy_panel import PolicyPanel
from selfaudit.ui.reminder import ReminderWindow
from selfaudit.ui.reminder_panel import IntervalChoice, ReminderPanel
from selfaudit.ui.settings import comfortable_width
from selfaudit.ui.wizard import AuditWizard, fit_to_screen

BROKEN = """organisation = "Riverside Schools Federation"
reaudit_dayz = 90
max_screen_lock_minutes = 500

[[contacts]]
role = "Designated safeguarding lead"
email = "dsl-at-riverside"
"""


def main() -> None:
    args, app = shots.start(__doc__ or "")

    catalog = load_catalog()
    example = (resources_dir() / "policy" / "example-school-federation.toml").read_text()
    root = Path(tempfile.mkdtemp(prefix="selfaudit-shots-"))
    paths = AppPaths(root / "data", root / "user", (root / "etc" / "selfaudit",))
    paths.site_config_dirs[0].mkdir(parents=True)
    (paths.site_config_dirs[0] / "policy.toml").write_text(example)
    deployed = load_policy(None, paths, catalog, frozen=False)

    def save(widget: QWidget, name: str, width: int = 640) -> None:
        """Shows `widget` at `width` and as tall as its wrapped text needs."""
        widget.show()
        shots.settle(app)
        layout = widget.layout()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0
        widget.resize(width, max(height, widget.sizeHint().height()))
        shots.settle(app)
        target = args.out / name
        widget.grab().save(str(target))
        print(target)

    def in_settings(panel: QWidget, name: str) -> None:
        """A Settings section as the Settings dialog shows it: a tab that scrolls."""
        dialog = QDialog()
        comfortable_width(dialog, 72)
        tabs = QTabWidget(dialog)
        scroll = QScrollArea(tabs)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(panel)
        tabs.addTab(scroll, PolicyPanel.title)
        QVBoxLayout(dialog).addWidget(tabs)
        dialog.show()
        shots.settle(app)
        dialog.resize(dialog.width(), 860)
        shots.settle(app)
        dialog.grab().save(str(args.out / name))
        print(args.out / name)

    in_settings(PolicyPanel(deployed, catalog), "policy-panel.png")

    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "policy.toml").write_text(BROKEN)
    with_broken = load_policy(None, paths, catalog, frozen=False)
    in_settings(PolicyPanel(with_broken, catalog), "policy-panel-ignored-file.png")

    (paths.site_config_dirs[0] / "policy.toml").unlink()
    only_broken = load_policy(None, paths, catalog, frozen=False)
    wizard = AuditWizard(AuditSession(catalog, AppState()), only_broken.policy)
    fit_to_screen(wizard)
    wizard.show()
    box = warn_about_ignored_policy(wizard, only_broken)
    shots.settle(app)
    assert box is not None
    box.grab().save(str(args.out / "ignored-policy-message.png"))
    print(args.out / "ignored-policy-message.png")
    box.close()
    wizard.close()

    # an audit 200 days ago, answered "Not sure" throughout: a re-audit and actions are due
    session = AuditSession(catalog, AppState(), clock=lambda: datetime.now(UTC) - timedelta(200))
    session.set_platforms(["facebook", "instagram"])
    for check in session.applicable_checks():
        session.set_answer(check.id, "not_sure")
    session.finish()
    inputs = reminder_inputs(session.state, catalog, deployed.policy)
    login = XdgAutostart(root / "xdg")
    command = ["selfaudit", "remind", "--if-due"]

    def choose(days: int | None) -> ReminderInputs:
        session.set_own_reaudit_days(days)
        return reminder_inputs(session.state, catalog, deployed.policy)

    interval = IntervalChoice(deployed.policy.reaudit_days, None, choose)
    save(ReminderPanel(inputs, login, command, interval=interval), "reminder-panel.png")

    notice = reminder(inputs.schedule, inputs.actions, date.today(), inputs.section_titles)
    window = ReminderWindow(notice, lambda: True)
    save(window, "reminder-window.png", width=480)

    holder = QWidget()
    QVBoxLayout(holder).addWidget(ContactsPanel(deployed.policy, "evidence", holder))
    save(holder, "contacts-evidence.png", width=560)

    dialog = InductionFinishDialog(
        session, login, command, deployed.policy.reaudit_days, receipt=lambda parent, s: None
    )
    save(dialog, "induction-finish.png", width=560)


if __name__ == "__main__":
    main()
