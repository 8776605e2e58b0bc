"""The organisation's policy in the windows: its code named and linked on the wizard's first page,
on the dashboard and in Settings; sections cited in its numbering beside each question, in what
the code expects and with each action; its own question asked, a check it leaves out not asked;
the phone's lock time in its minutes."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.content.models import NOT_SURE, Check
from selfaudit.policy_catalog import shape_catalog
from selfaudit.policy_loader import LoadedPolicy, PolicyOrigin, parse_policy
from selfaudit.ui.main_window import MainWindow
from selfaudit.ui.pages.platform_items import PlatformItemsPage
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.policy_panel import PolicyPanel
from selfaudit.ui.widgets.question import QuestionWidget
from selfaudit.ui.wizard import AuditWizard
from tests.gui.conftest import walk
from tests.gui.test_links import opens_links
from tests.unit.test_commands_follow_policy import CODE, QUOTE_LABEL, URL
from tests.unit.test_policy_code_checks import EVERY_NEW_FIELD

APP = load_catalog()
POLICY = parse_policy(EVERY_NEW_FIELD, Path("policy.toml"), APP)
SHAPED = shape_catalog(APP, POLICY)
LINK = f'Based on <a href="{URL}">{CODE}</a>.'


def wizard(qtbot: QtBot, platforms: list[str]) -> AuditWizard:
    session = AuditSession(SHAPED, AppState())
    session.set_platforms(platforms)
    window = AuditWizard(session, POLICY)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def questions_of(window: AuditWizard) -> dict[str, QuestionWidget]:
    return {
        q.check.id: q
        for page in window.audit_pages
        if isinstance(page, QuestionsPage)
        for q in page.questions
    }


def test_the_first_page_names_and_links_the_organisations_code(qtbot: QtBot) -> None:
    window = wizard(qtbot, [])
    link = window.welcome.code_link
    assert not link.isHidden()
    assert link.text() == LINK
    assert opens_links(link)
    assert link.accessibleName() == f"Based on {CODE} (opens in your browser)"
    plain = AuditWizard(AuditSession(APP, AppState()), POLICY.model_copy(update={"code": None}))
    qtbot.addWidget(plain)
    assert plain.welcome.code_link.isHidden()


def test_questions_cite_the_organisations_numbering_and_ask_its_own(qtbot: QtBot) -> None:
    def choose(check: Check) -> str:
        return NOT_SURE

    window = wizard(qtbot, ["x"])
    window.next()
    shown = walk(window, ["x"], choose)
    assert "org.approved_messaging" in shown and "org.lanyard" in shown
    assert "x.protect_posts" not in shown
    questions = questions_of(window)
    hard = questions["passwords.hard_to_guess"].why_label.text()
    assert hard.endswith(
        f"Your employer's code, section 2.3. {QUOTE_LABEL}: “choosing hard-to-guess passwords”."
    )
    unique = questions["passwords.unique"].why_label.text()
    assert unique.endswith(
        "Good practice: it helps with what section 2.3 of your employer's code asks."
    )
    own = questions["org.approved_messaging"]
    assert own.why_label.text().endswith(
        "Riverside Schools Federation asks this in its own policy."
    )
    assert own.not_sure_label.text() == "Ask the school office which service is approved."
    phone = questions["device.phone_autolock"]
    assert phone.question_label.text().startswith("Does your phone lock itself within 5 minutes")
    conduct = next(
        p
        for p in window.audit_pages
        if isinstance(p, QuestionsPage) and p.plan.measure.id == "conduct" and p.guidance_box
    )
    assert conduct.guidance_box is not None
    quotes = [label.text() for label in conduct.guidance_box.quotes]
    assert any(q.startswith(f"Your employer's code, section 3. {QUOTE_LABEL}: “") for q in quotes)
    blocking = next(
        p
        for p in window.audit_pages
        if isinstance(p, PlatformItemsPage) and p.before_blocking is not None
    )
    assert blocking.before_blocking is not None
    note = blocking.before_blocking.findChildren(type(conduct.intro))[-1].text()
    assert note == "(Your employer's code, sections 2.3 and 2.4.)"


def test_the_dashboard_names_the_code_and_cites_each_action_in_its_numbering(
    qtbot: QtBot,
) -> None:
    session = AuditSession(SHAPED, AppState())
    session.set_platforms([])
    for check in SHAPED.checks:
        if session.asks(check):
            session.set_answer(check.id, "no" if check.id.startswith("passwords.") else NOT_SURE)
    session.finish()
    main = MainWindow(session, POLICY)
    qtbot.addWidget(main)
    main.start()
    qtbot.waitExposed(main)
    dashboard = main.dashboard
    assert dashboard is not None
    assert dashboard.code_link.text() == LINK and not dashboard.code_link.isHidden()
    plan = dashboard.current_plan()
    hard = plan.action("check:passwords.hard_to_guess")
    dashboard._reselect(hard.id)
    detail = dashboard.detail.toPlainText()
    assert f"Your employer's code, section 2.3. {QUOTE_LABEL}:" in detail
    assert "Required by your organisation" not in detail
    phone = plan.action("check:device.phone_autolock")
    dashboard._reselect(phone.id)
    detail = dashboard.detail.toPlainText()
    assert "Required by your organisation" in detail and "within 5 minutes" in detail


def test_settings_show_the_policys_code_version_and_owner(qtbot: QtBot) -> None:
    loaded = LoadedPolicy(POLICY, PolicyOrigin.SYSTEM, Path("/etc/xdg/selfaudit/policy.toml"))
    panel = PolicyPanel(loaded, APP)
    qtbot.addWidget(panel)
    assert panel.values["Code of practice"].text() == CODE
    assert panel.values["Code's owner"].text() == "Human Resources"
    assert panel.values["Code last reviewed"].text() == "1 April 2026"
    address = panel.values["Code's web address"]
    assert address.text() == f'<a href="{URL}">{URL}</a>' and opens_links(address)
    assert (
        panel.values["Checks"]
        .text()
        .startswith("2 required (2 of them named in checks.require), 1 left out")
    )
