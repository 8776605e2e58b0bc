#!/usr/bin/env python3
"""Saves a picture of the whole screen with each of the app's main windows on it, sized and
placed as the app sizes them (not resized for the picture): the wizard on several pages, how
selfaudit opens (the first run's choice), the unlock screen, the dashboard, the evidence log,
the friend check and Settings on each tab (Locking too). A window larger than the
screen, or text cut off, shows as it would to a person.

    xvfb-run -s "-screen 0 1920x1080x24" env QT_SCALE_FACTOR=2 \\
        .venv/bin/python scripts/window_screenshots.py OUT_DIR
    xvfb-run -s "-screen 0 1366x768x24" env QT_FONT_DPI=144 \\
        .venv/bin/python scripts/window_screenshots.py OUT_DIR
    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=Adwaita:dark \\
        .venv/bin/python scripts/window_screenshots.py OUT_DIR

Needs a real display (xvfb-run): offscreen there is no screen to take a picture of. The
checklist, its key and the evidence log's screenshots live in a temporary folder, deleted at
the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import shots  # noqa: E402
from dashboard_screenshots import POLICY, demo_session  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget, QWizard  # noqa: E402
from samples import friend_check as scenario  # noqa: E402
from samples.evidence_log import POLICY as EVIDENCE_POLICY  # noqa: E402
from samples.evidence_log import fill  # noqa: E402
from samples.locking import PassphraseLocking  # noqa: E402

from selfaudit.audit import AppState, AuditSession  # noqa: E402
from selfaudit.audit.friend_review import Decision  # noqa: E402
from selfaudit.content import load_catalog  # noqa: E402
from selfaudit.evidence.log import IncidentLog  # noqa: E402
from selfaudit.policy_loader import load_policy  # noqa: E402
from selfaudit.ui.composition import AppParts, settings_sections  # noqa: E402
from selfaudit.ui.evidence.window import open_evidence_window  # noqa: E402
from selfaudit.ui.friends.dialog import FriendCheckDialog  # noqa: E402
from selfaudit.ui.main_window import Feature, MainWindow  # noqa: E402
from selfaudit.ui.pages.platform_items import PlatformItemsPage  # noqa: E402
from selfaudit.ui.pages.platforms import PlatformsPage  # noqa: E402
from selfaudit.ui.pages.questions import QuestionsPage  # noqa: E402
from selfaudit.ui.screen_fit import fit_to_screen  # noqa: E402
from selfaudit.ui.settings import SettingsDialog  # noqa: E402
from selfaudit.ui.vault.controller import VaultController  # noqa: E402
from selfaudit.ui.vault.lock_choice import LockChoiceDialog  # noqa: E402
from selfaudit.ui.vault.unlock import UnlockDialog  # noqa: E402
from selfaudit.ui.vault.unlocked import UnlockedVault  # noqa: E402
from selfaudit.ui.wizard import AuditWizard  # noqa: E402
from selfaudit.vault.blobs import EncryptedBlobStore  # noqa: E402
from selfaudit.vault.keys import DataKey, RecoveryCode  # noqa: E402
from selfaudit.vault.layout import VaultLayout  # noqa: E402
from selfaudit.vault.lock_rules import LockRules  # noqa: E402
from selfaudit.vault.vault import Vault  # noqa: E402


class Shooter:
    def __init__(self, app: QApplication, out: Path, suffix: str) -> None:
        self.app = app
        self.out = out
        self.suffix = suffix

    def screen(self, window: QWidget, name: str, ready: Callable[[], bool] = lambda: True) -> None:
        """The whole screen, with `window` shown on it as the app shows it."""
        window.show()
        window.raise_()
        window.activateWindow()
        shots.wait_until(self.app, lambda: window.isVisible() and ready())
        shots.settle(self.app, 10)
        screen = window.screen()
        path = self.out / f"{name}{self.suffix}.png"
        screen.grabWindow(0).save(str(path))
        print(path, f"window {window.frameGeometry().getRect()} on {screen.geometry().getRect()}")


def wizard_pages(shooter: Shooter) -> None:
    session = AuditSession(load_catalog(), AppState())
    wizard = AuditWizard(session, POLICY)
    fit_to_screen(wizard)
    wizard.offer_settings(lambda: None)
    wizard.offer_lock(lambda: None)
    wizard.show_lock(True)  # as a checklist that asks for a passphrase shows it
    shooter.screen(wizard, "wizard-1-welcome")
    wanted = {3: "wizard-2-password", 4: "wizard-3-questions"}
    platform_shot = False
    for step in range(1, 60):
        page = wizard.currentPage()
        if isinstance(page, PlatformItemsPage) and not platform_shot:
            platform_shot = True
            wanted[step] = "wizard-4-platform"
        if isinstance(page, PlatformsPage):
            for platform in ("facebook", "instagram", "whatsapp"):
                page.boxes[platform].setChecked(True)
        elif isinstance(page, QuestionsPage):
            for question in page.shown_questions()[1:]:
                question.buttons[next(iter(question.buttons))].click()
        if step in wanted:
            shooter.screen(wizard, wanted[step])
        if wizard.currentId() == wizard.pageIds()[-1]:
            shooter.screen(wizard, "wizard-5-results")
            break
        if isinstance(page, QuestionsPage):
            for question in page.shown_questions()[:1]:
                question.buttons[next(iter(question.buttons))].click()
        wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.hide()


def dashboard(shooter: Shooter, folder: Path) -> None:
    session = demo_session(load_catalog())
    window = MainWindow(session, POLICY)
    for feature in Feature:
        window.connect_feature(feature, lambda: None)
    window.show_feature(Feature.LOCK, True)
    window.start()
    shooter.screen(window, "dashboard")

    blobs = EncryptedBlobStore(folder / "blobs", DataKey.generate())
    state = AppState()
    fill(IncidentLog(state.evidence, blobs))
    evidence = open_evidence_window(state, blobs, EVIDENCE_POLICY, lambda: None, window)
    evidence.table.selectRow(0)
    shooter.screen(evidence, "evidence-log", lambda: not evidence.jobs.busy())
    evidence.change_incident()
    shooter.screen(evidence.editor, "evidence-editor")
    evidence.editor.reject()
    evidence.close()

    friends = FriendCheckDialog(
        AuditSession(load_catalog(), AppState(platforms=["facebook", "instagram"])), window
    )
    check = friends.check
    exports = scenario.build_exports(folder / "exports")
    check.add_exports(exports)
    shooter.screen(friends, "friend-check-1-lists", lambda: len(check.scans()) == len(exports))
    users = [line.split(",")[0] for line in scenario.SERVICE_USERS_CSV.splitlines()[1:]]
    check.setup.names.setPlainText("\n".join(users))
    check.start_check()
    shots.wait_until(shooter.app, check.showing_review, 30)
    check.review_panel.select(0)
    check.review_panel.decision_buttons[Decision.SAME.value].click()
    shooter.screen(friends, "friend-check-2-review")
    friends.close()

    layout = VaultLayout(folder / "vault")
    vault = Vault.create(layout, DataKey.generate(), RecoveryCode.generate(), "a passphrase")
    unlocked = UnlockedVault(vault, session.state, None)
    controller = VaultController(unlocked, session, window, app_quit)
    catalog = load_catalog()
    parts = AppParts(
        shooter.app,
        argparse.Namespace(policy=None, induction=False),
        catalog,
        load_policy(None, catalog=catalog),
        [],
        session=session,
    )
    settings = SettingsDialog(
        controller,
        settings_sections(parts),
        window,
        lock=PassphraseLocking(LockRules(longest_idle_minutes=30)),
    )
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        shooter.screen(settings, f"settings-{index + 1}")
    settings.close()
    window.close()


def lock_windows(shooter: Shooter) -> None:
    """How selfaudit opens (the first run's choice), and the unlock screen after a wrong
    passphrase, with its wait."""
    choice = LockChoiceDialog("GNOME Keyring")
    shooter.screen(choice, "lock-choice")
    choice.close()
    unlock = UnlockDialog(after_lock=True)
    shooter.screen(unlock, "unlock-1")
    unlock.show_error("That passphrase does not open your checklist.")
    unlock.wait_for(30, just_wrong=True)
    shooter.screen(unlock, "unlock-2-wrong")
    unlock.close()


def app_quit() -> None:
    pass


def main() -> None:
    args, app = shots.start(__doc__ or "")
    if app.platformName() == "offscreen":
        sys.exit("Run this on a real display, such as xvfb-run: offscreen there is no screen.")
    suffix = "-dark" if args.dark else ""
    shooter = Shooter(app, args.out, suffix)
    with tempfile.TemporaryDirectory(prefix="selfaudit-shots-") as folder:
        os.environ["XDG_DATA_HOME"] = folder  # nothing of the pictures' made-up person stays
        wizard_pages(shooter)
        lock_windows(shooter)
        dashboard(shooter, Path(folder))


if __name__ == "__main__":
    main()
