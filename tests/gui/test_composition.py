"""The composed app: every feature reachable from the window a person sees, built on their
checklist (ui/composition.py), without the vault's start-up around it."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QPushButton, QWidget, QWizard
from pytestqt.qtbot import QtBot

from selfaudit.audit.state import AppState
from selfaudit.content import load_catalog
from selfaudit.evidence.blob_store import BlobStore
from selfaudit.policy_loader import LoadedPolicy, load_policy
from selfaudit.ui.composition import AppParts, build_main_window, settings_sections
from selfaudit.ui.evidence.window import EvidenceWindow
from selfaudit.ui.friends.dialog import FriendCheckDialog
from selfaudit.ui.main_window import MainWindow
from tests.doubles import MemoryBlobStore
from tests.unit.test_plan import audited


class Services:
    """What the running app offers the window, recorded; `lockable` as if the checklist asked
    for a passphrase."""

    def __init__(self, lockable: bool = False) -> None:
        self.settings_opened = 0
        self.locks = 0
        self.offers: list[QWidget | None] = []
        self.store = MemoryBlobStore()
        self.lockable = lockable

    def open_settings(self) -> None:
        self.settings_opened += 1

    def blobs(self) -> BlobStore:
        return self.store

    def lock(self) -> None:
        self.locks += 1

    def offer_passphrase(self, parent: QWidget | None) -> None:
        self.offers.append(parent)

    def watch_lockable(self, owner: QObject, show: Callable[[bool], None]) -> None:
        show(self.lockable)


@pytest.fixture
def parts(qapp: QApplication, app_paths: object) -> AppParts:
    catalog = load_catalog()
    loaded: LoadedPolicy = load_policy(None, catalog=catalog)
    return AppParts(qapp, argparse.Namespace(policy=None, induction=False), catalog, loaded, [])


def test_after_an_audit_the_dashboard_offers_every_feature(qtbot: QtBot, parts: AppParts) -> None:
    state = audited({}, ["facebook"]).state
    services = Services()
    window, session = build_main_window(parts, state, services)
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow) and window.isVisible()
    assert session.state is state

    def button(name: str) -> QPushButton:
        found = window.dashboard.findChild(QPushButton, f"feature:{name}")
        assert found is not None and found.isVisible(), name
        return found

    button("settings").click()
    assert services.settings_opened == 1

    def evidence_windows() -> set[EvidenceWindow]:
        return {w for w in QApplication.topLevelWidgets() if isinstance(w, EvidenceWindow)}

    before = evidence_windows()  # earlier tests' windows may linger until deleted
    button("evidence_log").click()
    (evidence,) = evidence_windows() - before
    qtbot.addWidget(evidence)
    assert evidence.isVisible()

    button("friend_check").click()
    friends = window.findChild(FriendCheckDialog)
    assert friends is not None and friends.isVisible()
    friends.check.setup.keep_list.setChecked(True)  # keeping the names: offered a passphrase
    assert services.offers == [friends]
    friends.reject()
    lock = window.dashboard.findChild(QPushButton, "feature:lock")
    assert lock is not None and not lock.isVisible()  # it opens with the keyring: no Lock


def test_with_a_passphrase_the_dashboard_and_the_wizard_can_lock(
    qtbot: QtBot, parts: AppParts
) -> None:
    services = Services(lockable=True)
    window, _ = build_main_window(parts, audited({}, ["facebook"]).state, services)
    qtbot.addWidget(window)
    lock = window.dashboard.findChild(QPushButton, "feature:lock")
    assert lock is not None and lock.isVisible() and "Ctrl+L" in lock.toolTip()
    lock.click()
    assert services.locks == 1
    window.start_audit()
    wizard = window.wizard
    assert wizard is not None
    qtbot.addWidget(wizard)
    button = wizard.button(QWizard.WizardButton.CustomButton3)
    assert button.isVisible() and button.accessibleName() == "Lock"
    button.click()
    assert services.locks == 2
    wizard.show_lock(False)  # switched to the keyring meanwhile
    assert not button.isVisible()


def test_a_first_audit_opens_the_wizard_with_settings(qtbot: QtBot, parts: AppParts) -> None:
    services = Services()
    window, _ = build_main_window(parts, AppState(), services)
    qtbot.addWidget(window)
    wizard = window.wizard
    assert wizard is not None and wizard.isVisible() and not window.isVisible()
    qtbot.addWidget(wizard)
    wizard.button(QWizard.WizardButton.CustomButton2).click()
    assert services.settings_opened == 1


def test_induction_starts_a_fresh_audit_and_keeps_the_history(
    qtbot: QtBot, parts: AppParts
) -> None:
    state = audited({}, ["facebook"]).state
    parts.args.induction = True
    window, session = build_main_window(parts, state, Services())
    qtbot.addWidget(window)
    assert session.state.answers == {} and session.state.platforms == []
    assert len(session.state.audits) == 1
    assert window.wizard is not None and window.wizard.isVisible()
    qtbot.addWidget(window.wizard)


def test_settings_has_the_policy_and_reminder_tabs(qtbot: QtBot, parts: AppParts) -> None:
    sections = settings_sections(parts)
    assert [title for title, _ in sections] == ["Organisation policy", "Reminders"]
    for _, widget in sections:
        qtbot.addWidget(widget)


def test_the_person_can_choose_to_reaudit_sooner_than_the_policy_asks(
    qtbot: QtBot, parts: AppParts
) -> None:
    from selfaudit.ui.reminder_panel import ReminderPanel

    window, session = build_main_window(parts, audited({}, ["facebook"]).state, Services())
    qtbot.addWidget(window)
    changes: list[int] = []
    session.subscribe(lambda: changes.append(1))
    sections = dict(settings_sections(parts))
    panel = sections["Reminders"]
    qtbot.addWidget(panel)
    assert isinstance(panel, ReminderPanel) and panel.interval_box is not None
    organisation = parts.loaded_policy.policy.reaudit_days
    assert panel.interval_box.value() == panel.interval_box.maximum() == organisation
    panel.interval_box.setValue(60)
    assert session.state.own_reaudit_days == 60 and changes  # kept, and saved with the rest
    assert "every 60 days" in panel.repeat_label.text()
    panel.reset_button.click()
    assert session.state.own_reaudit_days is None
    assert f"every {organisation} days" in panel.repeat_label.text()
