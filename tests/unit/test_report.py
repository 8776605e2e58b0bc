"""The plan as Markdown and HTML, and the receipt's contents: right order, dates, clauses; no
service user's name in anything that can be saved."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from selfaudit.audit import AppState
from selfaudit.audit.plan import check_action_id, progress_entry
from selfaudit.audit.progress import ActionStatus
from selfaudit.audit.state import FriendMatch
from selfaudit.content.models import Basis, Outcome
from selfaudit.dates import long_date
from selfaudit.policy import Contact, Policy
from selfaudit.report.document import plan_document, plan_report
from selfaudit.report.html import render_html
from selfaudit.report.markdown import escape, render_markdown
from selfaudit.report.receipt import NoAuditError, build_receipt, measures_in_place
from tests.unit.test_plan import AUDIT_DAY, CATALOG, KNOWN, TODAY, audited

CANARY = "Quentin Canarysmith"
POLICY = Policy(
    organisation="Riverside <Borough> Council",
    contacts=(Contact(role="Line manager", name="Sam Patel", phone="01632 960123"),),
)


def realistic_state() -> AppState:
    session = audited(KNOWN, ["facebook"])
    session.state.friend_matches = [
        FriendMatch(
            friend=CANARY, platform="facebook", confirmed_at=AUDIT_DAY, significant_contact=True
        )
    ]
    session.set_action_progress(
        check_action_id("passwords.manager"), progress_entry(ActionStatus.DONE, AUDIT_DAY, TODAY)
    )
    return session.state


def test_long_date_is_uk_style() -> None:
    assert long_date(date(2027, 3, 1)) == "1 March 2027"


def test_markdown_plan_in_order_with_dates_and_clauses() -> None:
    report = plan_report(CATALOG, realistic_state(), POLICY, TODAY)
    text = render_markdown(plan_document(report))
    headings = re.findall(r"^### (.+)$", text, flags=re.MULTILINE)
    open_titles = [escape(a.title) for a in report.plan.actions if a.is_open]
    assert headings == [open_titles[0]] + [f"{n}. {t}" for n, t in enumerate(open_titles[1:], 2)]
    assert text.index("## Do this first") < text.index(f"### {open_titles[0]}")
    assert open_titles[0] == "Remove or unfollow a service user on Facebook"
    unique = report.plan.action(check_action_id("passwords.unique"))
    assert f"Do by {long_date(TODAY + timedelta(days=7))}" in text
    assert unique.basis is Basis.GOOD_PRACTICE and not unique.quote
    old_posts = report.plan.action(check_action_id("personal.old_posts"))
    assert f"section 4 (Protecting yourself against cyber bullying): “{old_posts.quote}”" in text
    assert "## Done" in text and f"done on {long_date(TODAY)}" in text
    assert "Riverside \\<Borough\\> Council" in text
    assert "**Line manager**: Sam Patel, 01632 960123" in text
    assert CANARY not in text


def test_html_is_self_contained_escaped_and_names_nobody() -> None:
    report = plan_report(CATALOG, realistic_state(), POLICY, TODAY)
    for for_qt in (False, True):
        html = render_html(plan_document(report), for_qt=for_qt)
        assert "Riverside &lt;Borough&gt; Council" in html
        assert not re.search(r"<(script|link|img|iframe)\b|\bsrc=|url\(", html)
        assert CANARY not in html
        assert html.count('class="action"') == len(report.plan.with_status(ActionStatus.TODO))
        assert "Do this first" in html


def test_nothing_to_fix() -> None:
    session = audited({}, [])
    report = plan_report(CATALOG, session.state, Policy(), TODAY)
    assert report.plan.first is None
    text = render_markdown(plan_document(report))
    assert "There is nothing to fix" in text and "Do this first" not in text


def test_receipt_counts_measures_fully_in_place() -> None:
    state = realistic_state()
    record = state.audits[-1]
    failing_measures = {CATALOG.check(c).measure for c, o in KNOWN.items() if o is not Outcome.PASS}
    applicable = {CATALOG.check(c).measure for c in record.outcomes}
    assert measures_in_place(CATALOG, record) == (
        len(applicable - failing_measures),
        len(applicable),
    )
    receipt = build_receipt(CATALOG, state, POLICY, name="  Alex   Morgan ")
    assert receipt.name == "Alex Morgan"
    assert dict(receipt.rows())["Measures fully in place"] == (
        f"{len(applicable - failing_measures)} of {len(applicable)}"
    )
    assert dict(receipt.rows())["Audit completed"] == long_date(TODAY)
    assert "Name" not in dict(build_receipt(CATALOG, state, Policy()).rows())
    with pytest.raises(NoAuditError):
        build_receipt(CATALOG, AppState(), POLICY)


def _action_block(text: str, title: str, end: str) -> str:
    start = text.index(title)
    return text[start : text.index(end, start + len(title))]


def test_the_plan_says_good_practice_in_its_own_words_and_quotes_the_code_only_for_code() -> None:
    """A good-practice action never reads as the employer's requirement, in any format; a code
    action quotes its section word for word."""
    report = plan_report(CATALOG, realistic_state(), POLICY, TODAY)
    unique = report.plan.action(check_action_id("passwords.unique"))  # good practice
    old_posts = report.plan.action(check_action_id("personal.old_posts"))  # the code asks
    good = (
        "Good practice: it helps with what section 4 of the code asks "
        "(Protecting yourself against cyber bullying)."
    )
    quoted = (
        f"The code, section 4 (Protecting yourself against cyber bullying): “{old_posts.quote}”"
    )
    markdown = render_markdown(plan_document(report))
    unique_md = _action_block(markdown, f"{escape(unique.title)}\n", "###")
    assert good in unique_md
    assert "The code, section" not in unique_md and "“" not in unique_md
    old_posts_md = _action_block(markdown, f"{escape(old_posts.title)}\n", "##")
    assert escape(quoted) in old_posts_md and "Good practice" not in old_posts_md
    for for_qt in (False, True):  # the web page, and what the PDF and the printer lay out
        html = render_html(plan_document(report), for_qt=for_qt)
        unique_html = _action_block(html, f"{unique.title}</h3>", "</div>")
        assert good in unique_html and "The code, section" not in unique_html
        old_posts_html = _action_block(html, f"{old_posts.title}</h3>", "</div>")
        assert quoted in old_posts_html and "Good practice" not in old_posts_html


def test_every_plan_action_that_saves_evidence_starts_with_the_image_warning() -> None:
    """Safeguarding first: the plan never tells anyone to screenshot or save evidence without
    first saying never to copy an image of a child that may be indecent, and who to tell."""
    warning = CATALOG.image_warning
    assert warning is not None
    assert "designated safeguarding lead" in warning.step and "police" in warning.step
    failing = [
        check.id
        for check in CATALOG.checks
        if check.measure in ("evidence", "blocking") and check.platform != "other"
    ]
    session = audited(dict.fromkeys(failing, Outcome.FAIL), ["facebook"])
    report = plan_report(CATALOG, session.state, POLICY, TODAY)
    saving = [
        a
        for a in report.plan.actions
        if any(re.search(r"screenshot|save the (message|evidence)", s, re.I) for s in a.steps)
    ]
    assert {a.check_id for a in saving} >= {
        "evidence.keep_messages",
        "evidence.screenshots",
        "blocking.no_retaliation",
    }
    for action in saving:
        assert action.steps[0] == warning.step, action.check_id
    markdown = render_markdown(plan_document(report))
    assert f"1. {escape(warning.step)}" in markdown
