"""The platform pages as a person uses them: only the platforms they picked, each item's steps
beside it, the app's steps or a computer's (never the other's), whether the steps were checked and
where to look them up if not, links opened only on a click, advice before blocking with the
warning about images of children, and their "not yet" items failing on the summary."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QScrollArea, QWizard
from pytestqt.qtbot import QtBot

from selfaudit.audit import AppState, AuditSession
from selfaudit.content import load_catalog
from selfaudit.content.models import Check, Outcome
from selfaudit.policy import DEFAULT_POLICY
from selfaudit.ui.pages.platform_items import PlatformItemsPage
from selfaudit.ui.pages.summary import SummaryPage
from selfaudit.ui.widgets.platform_steps import Device, StepsPanel
from selfaudit.ui.wizard import AuditWizard
from tests.gui.conftest import pages_in_order, walk
from tests.helpers import answer_for

PICKED = ["facebook", "x", "whatsapp"]


def platform_pages(wizard: AuditWizard) -> list[PlatformItemsPage]:
    pages = [p for p in pages_in_order(wizard) if isinstance(p, PlatformItemsPage)]
    assert pages, "the wizard shows no platform's page: were the platforms chosen?"
    return pages


def go_to(wizard: AuditWizard, page: PlatformItemsPage) -> None:
    wizard.setStartId(wizard.audit_pages.index(page))
    wizard.restart()


def not_yet_for_platform_items(check: Check) -> str:
    return "not_yet" if check.kind is not None else answer_for(check, Outcome.PASS)


def test_three_platforms_only_those_and_not_yet_fails_on_the_summary(
    wizard: AuditWizard, session: AuditSession
) -> None:
    shown = walk(wizard, PICKED, not_yet_for_platform_items)
    catalog = session.catalog
    items_shown = [i for i in shown if catalog.check(i).kind is not None]
    expected = [c.id for c in catalog.platform_items() if c.platform in PICKED]
    assert sorted(items_shown) == sorted(expected)
    assert {catalog.check(i).platform for i in shown if catalog.check(i).platform} == set(PICKED)

    page = wizard.currentPage()
    assert isinstance(page, SummaryPage)
    fixes = {label.accessibleName() for label in page.fix_labels}
    for item_id in expected:
        assert f"To fix: {catalog.check(item_id).remedy.title}" in fixes
    failing = {f.check.id for f in session.findings() if f.outcome is Outcome.FAIL}
    assert set(expected) <= failing
    assert not any(c.platform == "instagram" for c in (catalog.check(i) for i in failing))


def test_each_item_shows_its_steps_beside_it(wizard: AuditWizard, session: AuditSession) -> None:
    session.set_platforms(PICKED)
    for page in platform_pages(wizard):
        go_to(wizard, page)
        for question in page.shown_questions():
            check = question.check
            if check.kind is None:
                continue
            panel = question.aside
            assert isinstance(panel, StepsPanel) and panel.isVisible()
            assert panel.shown_steps() == list(check.steps_app)
            assert not question.aside_below()  # beside the question at the usual window size


def test_app_or_website_steps_and_the_choice_carries_to_the_next_page(
    wizard: AuditWizard, session: AuditSession
) -> None:
    session.set_platforms(PICKED)
    pages = [p for p in platform_pages(wizard) if p.device_choice is not None]
    first, second = pages[0], pages[1]
    go_to(wizard, first)
    assert first.device_choice is not None
    assert first.device_choice.device() is Device.APP
    first.device_choice.buttons[Device.WEB].click()
    for panel in first.steps_panels:
        wanted = panel.check.steps_web or panel.check.steps_app
        assert panel.shown_steps() == list(wanted)
        if panel.check.steps_web:
            assert panel.heading.text() == "On a computer"
    go_to(wizard, second)
    assert second.device_choice is not None
    assert second.device_choice.device() is Device.WEB
    assert any(p.shown_steps() == list(p.check.steps_web) for p in second.steps_panels)


def test_links_open_only_when_clicked(
    wizard: AuditWizard, session: AuditSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "selfaudit.ui.widgets.platform_steps.open_in_browser",
        lambda url, parent=None: opened.append(url) or True,
    )
    session.set_platforms(PICKED)
    panels = [panel for page in platform_pages(wizard) for panel in page.steps_panels]
    assert opened == []  # building and showing pages never opens anything
    linked = [p for p in panels if p.check.link]
    unlinked = [p for p in panels if not p.check.link]
    assert linked and unlinked
    for panel in linked:
        assert panel.link_button is not None and panel.no_link_label is None
        assert panel.link_button.accessibleName()
        panel.link_button.click()
    assert opened == [p.check.link for p in linked]
    for panel in unlinked:
        assert panel.link_button is None
        if session.catalog.platform_page(panel.platform.id).no_web_page:
            assert panel.no_link_label is None  # the page says so once
        else:
            assert panel.no_link_label is not None
            assert panel.no_link_label.text() == panel.check.no_link


def test_blocking_pages_start_with_the_advice_and_the_comparison(
    wizard: AuditWizard, session: AuditSession
) -> None:
    session.set_platforms(["x"])
    guided = [p for p in platform_pages(wizard) if p.plan.shows_guide]
    assert len(guided) == 1
    page = guided[0]
    go_to(wizard, page)
    assert page.before_blocking is not None and page.before_blocking.isVisible()
    points = [label.text() for label in page.before_blocking.points]
    assert any("Do not reply or retaliate" in p for p in points)
    assert any("Save the evidence first" in p for p in points)
    assert page.comparison is not None
    assert not page.comparison.table.isVisible()
    page.comparison.toggle.click()
    assert page.comparison.table.isVisible()
    names = [row[0].text() for row in page.comparison.rows]
    assert names[:2] == ["Block", "Mute"]
    assert "can still see your posts" in page.comparison.rows[0][2].text()
    later = [p for p in platform_pages(wizard) if p.plan.measure.id == "blocking"]
    assert all(p.before_blocking is None for p in later if p is not page)


def test_a_narrow_window_puts_the_steps_under_each_question(
    qtbot: QtBot, wizard: AuditWizard, session: AuditSession
) -> None:
    session.set_platforms(["facebook"])
    page = platform_pages(wizard)[0]
    go_to(wizard, page)
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    wizard.resize(560, 700)
    qtbot.waitUntil(lambda: all(q.aside_below() for q in page.questions))
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0)
    wizard.resize(1100, 700)
    qtbot.waitUntil(lambda: not any(q.aside_below() for q in page.questions))


def test_confirmations_are_remembered_with_their_date(qtbot: QtBot) -> None:
    when = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
    session = AuditSession(load_catalog(), AppState(), clock=lambda: when)
    session.set_platforms(["snapchat"])
    wizard = AuditWizard(session, DEFAULT_POLICY)
    qtbot.addWidget(wizard)
    wizard.resize(960, 700)
    wizard.show()
    page = platform_pages(wizard)[0]
    go_to(wizard, page)
    question = page.shown_questions()[0]
    question.buttons["done"].click()
    answer = session.state.answers[question.check.id]
    assert (answer.value, answer.answered_at) == ("done", when)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # every item on the page needs an answer
    for other in page.shown_questions()[1:]:
        other.buttons["na"].click()
    assert next_button.isEnabled()


def test_a_computer_never_shows_phone_steps_and_the_phone_never_a_computer_s(
    wizard: AuditWizard, session: AuditSession
) -> None:
    session.set_platforms(["facebook", "instagram", "tiktok", "whatsapp"])
    pages = platform_pages(wizard)
    for page in pages:
        go_to(wizard, page)
        page.show_device(Device.WEB)
        for panel in page.steps_panels:
            shown = " ".join(panel.shown_steps())
            assert "Tap" not in shown and "tap " not in shown, panel.check.id
            if panel.check.app_only and page.device_choice is not None:
                assert panel.shown_steps() == [] and not panel.app_only_label.isHidden()
                assert "only in the" in panel.app_only_label.text()
                assert "the app on your phone" in panel.app_only_label.text()
        page.show_device(Device.APP)
        for panel in page.steps_panels:
            assert "Click" not in " ".join(panel.shown_steps()), panel.check.id
            assert panel.app_only_label.isHidden()
    app_only = [p for page in pages for p in page.steps_panels if p.check.app_only]
    assert app_only, "some settings are only in the app"


def test_a_platform_without_web_pages_says_so_once(
    wizard: AuditWizard, session: AuditSession
) -> None:
    session.set_platforms(["whatsapp", "snapchat"])
    for page in platform_pages(wizard):
        go_to(wizard, page)
        assert page.no_web_label is not None and page.no_web_label.isVisible()
        for panel in page.steps_panels:
            assert panel.no_link_label is None, "said once at the top, not beside every item"
        if page.platform.id == "snapchat":
            # every Snapchat setting is in the app: no choice, and the app's steps
            assert page.device_choice is None
            page.show_device(Device.WEB)
            for panel in page.steps_panels:
                assert panel.shown_steps() == list(panel.check.steps_app)
        else:
            assert "WhatsApp on a computer" in page.no_web_label.text()


def test_checked_steps_name_their_source_and_unchecked_ones_where_to_look(
    wizard: AuditWizard, session: AuditSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "selfaudit.ui.widgets.platform_steps.open_in_browser",
        lambda url, parent=None: opened.append(url) or True,
    )
    session.set_platforms(["facebook", "whatsapp"])
    panels = [panel for page in platform_pages(wizard) for panel in page.steps_panels]
    checked = [p for p in panels if p.check.checked]
    unchecked = [p for p in panels if not p.check.checked]
    assert checked and unchecked
    for panel in checked:
        assert panel.source_label.objectName() == "checked"
        assert panel.source_label.text().startswith("Checked against ")
    lookup = next(p for p in unchecked if p.check.id == "facebook.lookup")
    said = (
        "Not yet checked against Facebook's help, and menus change: if a step does not match, "
        "search Facebook's help for “who can look me up”."
    )
    assert lookup.source_label.accessibleName() == said
    assert lookup.source_label.objectName() == "not-checked"
    assert 'href="https://www.facebook.com/help"' in lookup.source_label.text()
    assert opened == []
    lookup.source_label.linkActivated.emit("https://www.facebook.com/help")  # a click, or Enter
    assert opened == ["https://www.facebook.com/help"]


def test_steps_that_save_evidence_carry_the_warning_about_images_of_children(
    wizard: AuditWizard, session: AuditSession
) -> None:
    session.set_platforms(["facebook"])
    warning = session.catalog.image_warning
    assert warning is not None
    panels = [panel for page in platform_pages(wizard) for panel in page.steps_panels]
    report = next(p for p in panels if p.check.id == "facebook.report")
    assert report.warning_label is not None and report.warning_label.text() == warning.step
    assert "designated safeguarding lead" in report.warning_label.text()
    assert all(p.warning_label is None for p in panels if not p.check.image_warning)
    guided = next(p for p in platform_pages(wizard) if p.plan.shows_guide)
    assert guided.before_blocking is not None
    assert guided.before_blocking.warning_label is not None
    assert guided.before_blocking.warning_label.text() == warning.step
