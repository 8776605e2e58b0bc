"""GUI fixtures: an audit wizard on a fresh state, driven through its own API."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication, QWizardPage
from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.content.models import Check
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.ui.pages.platforms import PlatformsPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.pages.summary import SummaryPage
from selfaudit.ui.wizard import AuditWizard

if TYPE_CHECKING:
    from tests.gui.every_window import Windows


@pytest.fixture(scope="session", autouse=True)
def app_configured(qapp: QApplication) -> QApplication:
    """The application set up as the app sets itself up (ui/app.py): the Alt+letters kept
    unique, the style and palette that keep focus and contrast visible."""
    from selfaudit.ui.app import configure_application

    configure_application(qapp)
    return qapp


@pytest.fixture
def session() -> AuditSession:
    return AuditSession(load_catalog(), AppState())


@pytest.fixture
def wizard(qtbot: QtBot, session: AuditSession) -> AuditWizard:
    window = AuditWizard(session, DEFAULT_POLICY)
    qtbot.addWidget(window)
    window.resize(960, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def pages_in_order(wizard: AuditWizard) -> list[QWizardPage]:
    """The pages Next leads through from the first, as the pages' own nextId() decides (those
    that do not apply to this person are left out)."""
    pages: list[QWizardPage] = []
    page_id = wizard.startId()
    while page_id != -1:
        page = wizard.page(page_id)
        assert page not in pages, f"{page.title()!r} leads back to itself"
        pages.append(page)
        page_id = page.nextId()
    return pages


def walk(wizard: AuditWizard, platforms: list[str], choose: Callable[[Check], str]) -> list[str]:
    """Clicks through the wizard from its current page to the summary, answering every shown
    question with `choose`. Returns the ids of the checks shown, in order."""
    from PySide6.QtWidgets import QWizard

    shown: list[str] = []
    for _ in range(200):
        page = wizard.currentPage()
        if isinstance(page, PlatformsPage):
            for platform_id, box in page.boxes.items():
                box.setChecked(platform_id in platforms)
            if not platforms:
                page.none_box.setChecked(True)
        elif isinstance(page, QuestionsPage):
            for question in page.shown_questions():
                shown.append(question.check.id)
                question.buttons[choose(question.check)].click()
        elif isinstance(page, SummaryPage):
            return shown
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert next_button.isEnabled(), f"Next is disabled on {page.title()!r}"
        next_button.click()
    raise AssertionError("the wizard never reached the summary")


@pytest.fixture
def windows(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Windows:
    """Opens every window of the app (tests/gui/every_window.py), Settings on a real vault."""
    from tests.gui.every_window import Windows
    from tests.gui.test_vault_autosave import App, unlocked_vault

    return Windows(qtbot, qapp, App(qtbot, unlocked_vault()).controller, tmp_path)
