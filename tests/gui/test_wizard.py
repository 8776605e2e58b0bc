"""Walks the wizard as a person would: every question reachable, answers kept, summary right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProgressBar,
    QWizard,
    QWizardPage,
)
from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.content.models import NOT_SURE, Outcome
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.ui.pages.password import PasswordPage
from selfaudit.ui.pages.platforms import PlatformsPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.pages.summary import SummaryPage
from selfaudit.ui.pages.welcome import WelcomePage
from selfaudit.ui.wizard import AuditWizard
from tests.gui.conftest import walk
from tests.helpers import answer_for

ALL_PLATFORMS = [p.id for p in load_catalog().platforms]


def test_window_title_and_first_page(wizard: AuditWizard) -> None:
    assert "Self-Audit" in wizard.windowTitle()
    assert isinstance(wizard.currentPage(), WelcomePage)


def test_every_catalog_check_is_reachable(wizard: AuditWizard) -> None:
    shown = walk(wizard, ALL_PLATFORMS, lambda c: answer_for(c, Outcome.PASS))
    catalog = load_catalog()
    assert sorted(shown) == sorted(c.id for c in catalog.checks)
    assert len(shown) == len(set(shown)), "a question was asked twice"


def test_walk_to_summary_with_known_answers(
    qtbot: QtBot, wizard: AuditWizard, session: AuditSession
) -> None:
    failing_measures = {"visibility", "blocking"}

    def choose(check: object) -> str:
        assert hasattr(check, "measure")
        wanted = Outcome.FAIL if check.measure in failing_measures else Outcome.PASS
        return answer_for(check, wanted)  # type: ignore[arg-type]

    walk(wizard, ["facebook", "linkedin"], choose)
    page = wizard.currentPage()
    assert isinstance(page, SummaryPage)
    findings = session.findings()
    earned = sum(
        f.check.severity.weight for f in findings if f.check.measure not in failing_measures
    )
    expected = round(100 * earned / sum(f.check.severity.weight for f in findings))
    assert page.score_label.text() == f"Your score: {expected} out of 100"
    bars = {b.accessibleName() for b in page.findChildren(QProgressBar)}
    assert "Passwords: 100 out of 100" in bars
    assert "Who can see your profile: 0 out of 100" in bars
    fixes = [label.accessibleName() for label in page.fix_labels]
    assert 'To fix: Facebook: Set who can see your future posts to "Friends"' in fixes
    # grouped by section, in the plan's order: the sections come as their first action does
    titles = [section.title for section in page.sections]
    assert len(titles) == len(set(titles)) > 1
    assert "To fix: LinkedIn: Hide your list of connections" in fixes
    assert not any("password" in f.lower() for f in fixes)

    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert len(session.state.audits) == 1
    assert session.state.audits[0].score == expected


def test_not_sure_is_help_not_a_pass(wizard: AuditWizard, session: AuditSession) -> None:
    walk(wizard, [], lambda c: NOT_SURE)
    page = wizard.currentPage()
    assert isinstance(page, SummaryPage)
    assert page.score_label.text() == "Your score: 0 out of 100"
    assert page.fix_labels
    assert all(label.accessibleName().startswith("To check: ") for label in page.fix_labels)


def test_no_social_media_skips_the_social_pages(wizard: AuditWizard) -> None:
    shown = walk(wizard, [], lambda c: answer_for(c, Outcome.PASS))
    catalog = load_catalog()
    assert not any(catalog.check(i).needs_social or catalog.check(i).platform for i in shown)
    assert "Who can see your profile" not in wizard.section_names()


def test_back_and_forward_keep_answers(wizard: AuditWizard, session: AuditSession) -> None:
    wizard.next()  # platforms
    platforms = wizard.currentPage()
    assert isinstance(platforms, PlatformsPage)
    platforms.boxes["instagram"].setChecked(True)
    wizard.next()
    assert isinstance(wizard.currentPage(), PasswordPage)
    wizard.next()
    first = wizard.currentPage()
    assert isinstance(first, QuestionsPage)
    for question in first.shown_questions():
        question.buttons["no"].click()
    wizard.next()
    wizard.back()
    wizard.back()
    wizard.back()
    assert isinstance(wizard.currentPage(), PlatformsPage)
    assert platforms.boxes["instagram"].isChecked()
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is first
    assert all(q.value() == "no" for q in first.shown_questions())
    assert all(session.answer(q.check.id) == "no" for q in first.shown_questions())


def test_next_waits_for_every_answer(wizard: AuditWizard) -> None:
    wizard.next()
    wizard.currentPage().boxes["x"].setChecked(True)  # type: ignore[attr-defined]
    wizard.next()
    wizard.next()  # past the password meter
    page = wizard.currentPage()
    assert isinstance(page, QuestionsPage)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    questions = page.shown_questions()
    assert page.incomplete_note.isVisible()
    assert page.incomplete_note.text().startswith(f"{len(questions)} questions left to answer.")
    for question in questions[:-1]:
        question.buttons[NOT_SURE].click()
    assert not next_button.isEnabled()
    assert page.incomplete_note.text().startswith("1 question left to answer.")
    questions[-1].buttons["yes"].click()
    assert next_button.isEnabled()
    assert not page.incomplete_note.isVisible()


def test_why_next_is_greyed_out_and_where_the_first_unanswered_question_is(
    qtbot: QtBot, wizard: AuditWizard
) -> None:
    """Below the scrolling questions: how many are left, and a button to the first of them."""
    from selfaudit.ui.widgets.unanswered import UnansweredNote

    wizard.next()
    platforms = wizard.currentPage()
    assert isinstance(platforms, PlatformsPage)
    note = platforms.findChild(UnansweredNote)
    assert note is not None and note.isVisible()
    assert "I don't use any social media" in note.label.text()
    note.button.click()
    assert QApplication.focusWidget() is next(iter(platforms.boxes.values()))
    platforms.none_box.setChecked(True)
    assert not note.isVisible()
    wizard.next()
    wizard.next()  # past the password meter
    page = wizard.currentPage()
    assert isinstance(page, QuestionsPage)
    questions = page.shown_questions()
    questions[0].buttons["yes"].click()
    questions[2].buttons["no"].click()
    wizard.resize(wizard.width(), 300)  # the questions scroll; the note stays in sight
    qtbot.wait(1)
    assert not page.scroll_area.isAncestorOf(page.unanswered) and page.unanswered.isVisible()
    assert page.incomplete_note.text().startswith(f"{len(questions) - 2} questions left")
    page.unanswered.button.click()
    assert QApplication.focusWidget() is next(iter(questions[1].buttons.values()))


def test_not_sure_shows_help_and_why_expands(wizard: AuditWizard) -> None:
    wizard.next()
    wizard.currentPage().none_box.setChecked(True)  # type: ignore[attr-defined]
    wizard.next()
    wizard.next()  # past the password meter
    page = wizard.currentPage()
    assert isinstance(page, QuestionsPage)
    question = page.shown_questions()[0]
    assert not question.not_sure_label.isVisible()
    question.buttons[NOT_SURE].click()
    assert question.not_sure_label.isVisible()
    assert not question.why_label.isVisible()
    question.why_button.click()
    assert question.why_label.isVisible()
    assert "section 4" in question.why_label.text()


def test_progress_says_where_you_are(wizard: AuditWizard) -> None:
    wizard.next()
    wizard.currentPage().boxes["facebook"].setChecked(True)  # type: ignore[attr-defined]
    wizard.next()
    subtitle = wizard.currentPage().subTitle()
    assert subtitle.startswith("Section 1 of 8 · about ")
    assert "minutes left" in subtitle


def test_tab_lands_on_the_chosen_answer_and_the_arrows_move_within_the_group(
    qtbot: QtBot, wizard: AuditWizard
) -> None:
    """A group of answers is one Tab stop, on the answer chosen: Space there never changes it."""
    from tests.gui.sweep import focus, press

    wizard.next()
    wizard.currentPage().none_box.setChecked(True)  # type: ignore[attr-defined]
    wizard.next()
    wizard.next()  # past the password meter
    page = wizard.currentPage()
    assert isinstance(page, QuestionsPage)
    first, second = page.shown_questions()[:2]
    second.buttons["not_sure"].click()
    focus(first.why_button)
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second.buttons["not_sure"]
    press(Qt.Key.Key_Space)
    assert second.value() == "not_sure"
    press(Qt.Key.Key_Left)
    assert second.value() == "no" and QApplication.focusWidget() is second.buttons["no"]
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is second.buttons["no"]
    # an unanswered question: Tab lands on its first answer, and nothing is chosen until Space
    focus(second.why_button)
    press(Qt.Key.Key_Tab)
    third = page.shown_questions()[2]
    assert QApplication.focusWidget() is next(iter(third.buttons.values()))
    assert third.value() is None


def test_keyboard_only_answers_a_question(qtbot: QtBot, wizard: AuditWizard) -> None:
    wizard.next()
    wizard.currentPage().none_box.setChecked(True)  # type: ignore[attr-defined]
    wizard.next()
    wizard.next()  # past the password meter
    page = wizard.currentPage()
    assert isinstance(page, QuestionsPage)
    first = page.shown_questions()[0]
    yes = first.buttons["yes"]
    yes.setFocus()
    qtbot.keyClick(yes, Qt.Key.Key_Space)
    assert first.value() == "yes"
    qtbot.keyClick(yes, Qt.Key.Key_Right)
    assert first.value() == "no"


def test_reporting_and_service_user_sections_show_who_can_help(qtbot: QtBot) -> None:
    from selfaudit.policy import Contact, Policy
    from selfaudit.ui.contacts import ContactsPanel

    policy = Policy(
        contacts=(
            Contact(role="Designated safeguarding lead", name="R. Patel", phone="01632 960001"),
        )
    )
    session = AuditSession(load_catalog(), AppState())
    wizard = AuditWizard(session, policy)
    qtbot.addWidget(wizard)
    with_contacts = {
        page.plan.measure.id
        for page in wizard.audit_pages
        if isinstance(page, QuestionsPage) and page.findChildren(ContactsPanel)
    }
    assert with_contacts == {"blocking", "service_users", "evidence"}
    panel = next(
        p
        for page in wizard.audit_pages
        if isinstance(page, QuestionsPage)
        for p in page.findChildren(ContactsPanel)
    )
    texts = " ".join(label.text() for label in panel.findChildren(QLabel))
    assert "R. Patel" in texts and "01632 960001" in texts


def test_pages_are_built_only_when_they_are_about_to_be_shown(
    qtbot: QtBot, session: AuditSession
) -> None:
    wizard = AuditWizard(session, DEFAULT_POLICY)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)

    def built() -> list[str]:
        return [page.title() for page in wizard.findChildren(QWizardPage)]

    assert built() == [wizard.welcome.title()]  # the welcome page alone
    assert "Passwords" in wizard.section_names()  # known without building its pages
    wizard.next()
    assert isinstance(wizard.currentPage(), PlatformsPage)
    assert len(built()) == 2
    wizard.currentPage().none_box.setChecked(True)  # type: ignore[attr-defined]
    wizard.next()
    assert isinstance(wizard.currentPage(), PasswordPage)
    assert len(built()) == 3
    assert wizard.progress_text(wizard.currentPage()).startswith("Section 1 of ")
    every = wizard.audit_pages  # asking for the pages builds them all
    assert len(every) == len(built()) > 3 and isinstance(every[-1], SummaryPage)
    assert wizard.pageIds() == list(range(len(every)))


def test_the_opening_page_waits_for_the_audit_then_carries_on(
    qtbot: QtBot, session: AuditSession
) -> None:
    from selfaudit.policy import Policy

    wizard = AuditWizard.opening("Northshire Council")
    qtbot.addWidget(wizard)
    wizard.resize(960, 700)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.currentPage()
    assert isinstance(page, WelcomePage)
    assert "Northshire Council's code of practice" in page.subTitle()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isVisible() and not next_button.isEnabled()
    wizard.next()  # nothing to go on to yet
    assert wizard.currentPage() is page
    width = page.width()

    # the policy in force decides the name; the page keeps its width as the sections fill in
    wizard.complete(session, Policy(organisation="Northshire County Council"))
    assert next_button.isEnabled()
    assert "Northshire County Council's code of practice" in page.subTitle()
    assert "Passwords" in wizard.section_names()
    qtbot.wait(10)
    assert page.width() == width
    shown = walk(wizard, ["facebook"], lambda c: answer_for(c, Outcome.PASS))
    assert shown and isinstance(wizard.currentPage(), SummaryPage)


def test_the_section_list_has_one_label_per_section(qtbot: QtBot, session: AuditSession) -> None:
    from PySide6.QtWidgets import QLabel

    wizard = AuditWizard.opening("")
    qtbot.addWidget(wizard)
    wizard.complete(session, DEFAULT_POLICY)
    labels = wizard.sections.findChildren(QLabel)
    assert sorted(label.text().strip() for label in labels) == sorted(
        name.strip() for name in wizard._all_section_names()
    )
