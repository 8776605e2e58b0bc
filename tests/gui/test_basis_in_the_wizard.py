"""What a person reads beside each question: why it matters and what it rests on (the code's
section and words, or good practice said in its own words), help when they are not sure, what
the code expects of their conduct with its clauses, and help outside their organisation on the
reporting pages. The dashboard says the same of each action."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.audit.plan import build_plan, check_action_id
from selfaudit.content import load_catalog
from selfaudit.content.models import NOT_SURE, Basis, Outcome
from selfaudit.paths import resources_dir
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.policy_loader import read_policy_file
from selfaudit.ui.contacts import ContactsPanel
from selfaudit.ui.dashboard import action_html
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.widgets.question import QuestionWidget
from selfaudit.ui.wizard import AuditWizard
from tests.helpers import answer_for

CATALOG = load_catalog()


def question(qtbot: QtBot, check_id: str) -> QuestionWidget:
    widget = QuestionWidget(CATALOG.check(check_id), None)
    qtbot.addWidget(widget)
    return widget


def test_good_practice_says_so_in_its_own_words(qtbot: QtBot) -> None:
    widget = question(qtbot, "passwords.two_step_email")
    widget.why_button.click()
    text = widget.why_label.text()
    assert not widget.why_label.isHidden()
    assert text.endswith("Good practice: it helps with what section 4 of the code asks.")
    assert "Code of practice" not in text and "employer's code" not in text and "“" not in text


def test_a_code_check_quotes_its_section(qtbot: QtBot) -> None:
    check = CATALOG.check("passwords.hard_to_guess")
    assert check.basis is Basis.CODE
    text = question(qtbot, check.id).why_label.text()
    assert text.endswith("Code of practice, section 4: “choosing hard-to-guess passwords”.")
    assert "Good practice" not in text


def test_not_sure_always_brings_help(qtbot: QtBot) -> None:
    for check in CATALOG.checks:
        if check.kind is not None:
            continue
        widget = question(qtbot, check.id)
        assert widget.not_sure_label.isHidden()
        widget.buttons[NOT_SURE].click()
        assert not widget.not_sure_label.isHidden(), check.id
        assert widget.not_sure_label.text() == check.not_sure_help


def wizard_on(qtbot: QtBot, measure: str) -> tuple[AuditWizard, QuestionsPage]:
    session = AuditSession(CATALOG, AppState())
    wizard = AuditWizard(session, DEFAULT_POLICY)
    qtbot.addWidget(wizard)
    wizard.show()
    pages = [
        (i, p)
        for i, p in enumerate(wizard.audit_pages)
        if isinstance(p, QuestionsPage) and p.plan.measure.id == measure and p.plan.platform is None
    ]
    return wizard, pages[0][1]


def test_the_conduct_section_shows_what_the_code_expects_with_its_clauses(qtbot: QtBot) -> None:
    _, page = wizard_on(qtbot, "conduct")
    box = page.guidance_box
    assert box is not None
    texts = [label.text() for label in box.quotes]
    assert any(t.startswith("Code of practice, section 6: “") for t in texts)
    assert any("conduct of the highest standard" in t for t in texts)
    assert any(t.startswith("Code of practice, section 7: “") for t in texts)
    asked = {q.check.id for q in page.questions}
    assert "conduct.disrepute" in asked


def test_the_reporting_pages_name_help_outside_the_organisation(qtbot: QtBot) -> None:
    wizard, _ = wizard_on(qtbot, "evidence")
    pages = [wizard.page(i) for i in wizard.pageIds()]
    outside = {
        page.plan.measure.id: panel
        for page in pages
        if isinstance(page, QuestionsPage)
        for panel in page.findChildren(ContactsPanel)
        if panel.outside_labels
    }
    # once in each section about reporting: "Blocking and reporting" and "Saving evidence and
    # reporting", on its first page; not beside the questions about service users
    assert set(outside) == {"blocking", "evidence"}
    panels = [p for page in pages for p in page.findChildren(ContactsPanel)]
    assert len([p for p in panels if p.outside_labels]) == 2
    for panel in outside.values():
        texts = " ".join(label.text() for label in panel.findChildren(QLabel))
        assert "Outside your organisation" in texts
        assert "Professionals Online Safety Helpline" in texts and "0344 381 4772" in texts
        assert "Report Harmful Content" in texts


def test_a_contact_the_policy_names_for_a_section_is_shown_in_that_section(
    qtbot: QtBot,
) -> None:
    """The example policy names the IT help desk for passwords and device locking, and HR and
    the union for conduct: each is shown on the first page of those sections, not elsewhere."""
    catalog = load_catalog()
    example = resources_dir() / "policy" / "example-school-federation.toml"
    policy = read_policy_file(example, catalog)
    wizard = AuditWizard(AuditSession(catalog, AppState()), policy)
    qtbot.addWidget(wizard)
    pages = [wizard.page(i) for i in wizard.pageIds()]
    shown: dict[str, str] = {}
    for page in pages:
        if isinstance(page, QuestionsPage):
            for panel in page.findChildren(ContactsPanel):
                texts = " ".join(label.text() for label in panel.findChildren(QLabel))
                shown[page.plan.measure.id] = shown.get(page.plan.measure.id, "") + texts
    assert "IT help desk" in shown["passwords"] and "IT help desk" in shown["device_locking"]
    assert "Federation HR team" in shown["conduct"]
    assert "Your trade union representative" in shown["conduct"]
    assert "IT help desk" not in shown["service_users"]
    assert "visibility" not in shown  # the policy names no one for it


def test_the_dashboard_says_good_practice_or_quotes_the_code() -> None:
    session = AuditSession(CATALOG, AppState())
    for check_id in ("passwords.manager", "passwords.not_shared"):
        check = CATALOG.check(check_id)
        session.set_answer(check_id, answer_for(check, Outcome.FAIL))
    plan = build_plan(CATALOG, session.state, DEFAULT_POLICY, date.today())
    manager = action_html(plan.action(check_action_id("passwords.manager")), plan)
    assert "Good practice: it helps with what section 4 of the code asks" in manager
    assert "The code, section" not in manager
    shared = action_html(plan.action(check_action_id("passwords.not_shared")), plan)
    assert (
        "The code, section 4 (Protecting yourself against cyber bullying): “not letting" in shared
    )
