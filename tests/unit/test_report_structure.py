"""The one report model: the plan, the receipt and the record of incidents built as documents, and
each renderer writing every kind of block the same way whichever report it comes from."""

from __future__ import annotations

import re
from datetime import timedelta

from selfaudit.audit.plan import check_action_id
from selfaudit.audit.progress import ActionStatus
from selfaudit.dates import long_date
from selfaudit.evidence.attachments import prepare_attachment
from selfaudit.evidence.log import IncidentLog
from selfaudit.evidence.report import gather_report
from selfaudit.policy import Policy, PolicyLink
from selfaudit.report.document import plan_document, plan_report
from selfaudit.report.html import render_html
from selfaudit.report.incident_record import PAGE_PICTURE_BOX, printed_document, record_document
from selfaudit.report.markdown import render_markdown
from selfaudit.report.page_setup import PAGE
from selfaudit.report.receipt import WHAT_IT_SHOWS, build_receipt, receipt_document
from selfaudit.report.structure import (
    ActionBlock,
    BulletList,
    Code,
    Detail,
    Details,
    Document,
    Emphasis,
    LineBreak,
    Link,
    Paragraph,
    Picture,
    Pictures,
    Role,
    Section,
    Strong,
    Table,
    Text,
    lines,
    plain,
)
from tests.doubles import MemoryBlobStore
from tests.evidence_helpers import START, ManualClock, details, png, png_header_check
from tests.unit.test_plan import CATALOG, TODAY
from tests.unit.test_report import CANARY, POLICY, realistic_state


def sections(document: Document) -> list[Section]:
    return [part for part in document.content if isinstance(part, Section)]


def test_the_plan_is_one_document_in_the_order_a_person_works_through_it() -> None:
    report = plan_report(CATALOG, realistic_state(), POLICY, TODAY)
    document = plan_document(report)
    assert document.title == "Your online safety action plan"
    assert document.running_header == "Riverside <Borough> Council · Online safety action plan"
    summary, progress = document.content[:2]
    assert summary == Paragraph(plain(report.summary_line()), Role.SUMMARY)
    assert progress == Paragraph(plain(report.progress_line()))
    assert [s.heading for s in sections(document)] == [
        "Do this first",
        "Then",
        "Done",
        "Your scores",
        "Who can help",
    ]
    first, then, done, scores, help_ = sections(document)
    assert first.boxed and not then.boxed
    open_actions = [a for a in report.plan.actions if a.status is ActionStatus.TODO]
    assert first.content == (
        ActionBlock(
            heading=open_actions[0].title,
            facts=f"High priority · Do by {long_date(TODAY + timedelta(days=7))} · "
            "Service users and friend requests",
            why=open_actions[0].why,
            basis=(
                f"The code, section 7 ({open_actions[0].clause_title}): “{open_actions[0].quote}”"
            ),
            steps=open_actions[0].steps,
        ),
    )
    numbered = [block.heading for block in then.content if isinstance(block, ActionBlock)]
    assert numbered == [f"{n}. {a.title}" for n, a in enumerate(open_actions[1:], 2)]
    manager = report.plan.action(check_action_id("passwords.manager"))
    assert done.content == (BulletList((plain(f"{manager.title}: done on 24 November 2026"),)),)
    assert isinstance(scores.content[0], Table) and scores.content[0].header == ("Measure", "Score")
    assert help_.content == (
        BulletList(((Strong("Line manager"), Text(": Sam Patel, 01632 960123")),)),
    )
    footer = document.content[-1]
    assert footer == Paragraph(plain("Made by selfaudit 0.1.0 on 24 November 2026."), Role.FOOTER)
    assert CANARY not in repr(document)


def test_each_action_says_what_it_rests_on() -> None:
    """The code's words only where the code asks; good practice says so in its own words."""
    report = plan_report(CATALOG, realistic_state(), POLICY, TODAY)
    blocks = {
        block.heading.split(". ", 1)[-1]: block
        for section in sections(plan_document(report))
        for block in section.content
        if isinstance(block, ActionBlock)
    }
    unique = report.plan.action(check_action_id("passwords.unique"))
    old_posts = report.plan.action(check_action_id("personal.old_posts"))
    assert blocks[unique.title].basis == (
        "Good practice: it helps with what section 4 of the code asks "
        "(Protecting yourself against cyber bullying)."
    )
    assert blocks[old_posts.title].basis == (
        f"The code, section 4 (Protecting yourself against cyber bullying): “{old_posts.quote}”"
    )


def test_help_links_are_links_in_every_format() -> None:
    policy = Policy(
        links=(PolicyLink(title="Staff [code] of conduct", url="https://example.org/conduct"),)
    )
    document = plan_document(plan_report(CATALOG, realistic_state(), policy, TODAY))
    (help_,) = [s for s in sections(document) if s.heading == "Who can help"]
    assert help_.content == (
        BulletList(((Link("Staff [code] of conduct", "https://example.org/conduct"),),)),
    )
    assert "- [Staff \\[code\\] of conduct](https://example.org/conduct)" in render_markdown(
        document
    )
    assert (
        '<a href="https://example.org/conduct">Staff [code] of conduct</a> '
        "(https://example.org/conduct)" in render_html(document)
    )


def test_the_receipt_is_a_document_of_its_few_facts() -> None:
    receipt = build_receipt(CATALOG, realistic_state(), POLICY, name="Alex Morgan")
    document = receipt_document(receipt)
    assert document.running_header == "Riverside <Borough> Council"
    paragraph, facts = document.content
    assert paragraph == Paragraph(plain(WHAT_IT_SHOWS))
    assert facts == Details(
        tuple(Detail(label, plain(value)) for label, value in receipt.rows()), label_width=40
    )
    assert receipt_document(build_receipt(CATALOG, realistic_state(), Policy())).running_header == (
        "selfaudit"
    )


def test_the_record_of_incidents_is_a_document_an_incident_a_section() -> None:
    log = IncidentLog(realistic_state().evidence, MemoryBlobStore(), clock=ManualClock())
    shot = log.store_attachment(
        prepare_attachment("chat.png", png(30, 60, b"chat"), png_header_check)
    )
    log.add(details(occurred_at=START + timedelta(days=1), attachments=(shot,)))
    log.add(details(sender="", content="Line one\nLine two", url=""))
    report = gather_report(log, organisation="Oakfield Primary School")
    document = record_document(report, lambda a: None)
    assert document.title == "Record of online incidents"
    assert document.running_header == "Oakfield Primary School · Record of online incidents"
    first, second = sections(document)
    assert first.heading.startswith("Incident 1 of 2: ") and not first.new_page
    assert second.heading.startswith("Incident 2 of 2: ") and second.new_page
    facts = first.content[0]
    assert isinstance(facts, Details)
    rows = {row.label: row for row in facts.rows}
    assert rows["Who sent it"].value == (Emphasis("Not recorded"),)
    assert rows["What it said"] == Detail(
        "What it said", (Text("Line one"), LineBreak(), Text("Line two")), Role.VERBATIM
    )
    assert rows["What I did"].label == "What I did"
    (attachments,) = [part for part in second.content if isinstance(part, Section)]
    assert attachments.heading == "Screenshots and files" and attachments.level == 3
    caption = attachments.content[-1]
    assert isinstance(caption, Paragraph) and caption.content[-1] == Code(shot.sha256)

    printed = printed_document(report)
    (printed_attachments,) = [p for p in sections(printed)[1].content if isinstance(p, Section)]
    row = printed_attachments.content[0]
    assert isinstance(row, Pictures)
    (picture,) = row.row
    assert printed.resources == {picture.source: png(30, 60, b"chat")}


def test_pictures_fit_the_text_area_of_the_page() -> None:
    width, height = PAGE.text_box_px
    assert PAGE_PICTURE_BOX[0] < width and PAGE_PICTURE_BOX[1] < height
    assert PAGE.css_rule() == "@page { size: A4; margin: 23mm 18mm 23mm 18mm; }"


EVERYTHING = Document(
    title="A <title> & more",
    running_header="header",
    content=(
        Paragraph((Text("plain *x*"), Strong("bold"), Emphasis("it"), Code("c0de"), LineBreak())),
        Paragraph(plain("facts"), Role.FACTS),
        ActionBlock("1. Do <it>", "High", "Because", "Good practice.", ("One", "Two")),
        BulletList((plain("a_b"), (Link("L", "https://example.org/a_b"),))),
        Table(("Measure", "Score"), (("Pass|words", "90"),)),
        Details((Detail("Web address", lines("https://example.org"), Role.ADDRESS),), 40),
        Pictures((Picture("data:image/png;base64,AA==", 10, 20, "Screenshot a.png", "a.png"),)),
        Section("Part", (Paragraph(plain("inside")),), level=3, new_page=True),
        Section("Boxed", (Paragraph(plain("first")),), boxed=True),
    ),
)


def test_markdown_writes_every_block_and_escapes_every_text() -> None:
    text = render_markdown(EVERYTHING)
    assert text.startswith("# A \\<title\\> & more\n\n")
    assert "plain \\*x\\***bold***it*`c0de`  \n" in text
    assert "\n*facts*\n" in text
    assert (
        "### 1. Do \\<it\\>\n\n*High*\n\n**Why:** Because Good practice.\n\n1. One\n2. Two\n"
        in text
    )
    assert "- a\\_b\n- [L](https://example.org/a_b)\n" in text
    assert "| Measure | Score |\n| --- | --- |\n| Pass\\|words | 90 |\n" in text
    assert "- **Web address**: https://example.org\n" in text
    assert "![Screenshot a.png](data:image/png;base64,AA==)" in text
    assert "### Part\n\ninside\n" in text and "## Boxed\n\nfirst\n" in text
    assert text.endswith("first\n")


def test_html_writes_every_block_and_escapes_every_text() -> None:
    for for_qt in (False, True):
        html = render_html(EVERYTHING, for_qt=for_qt)
        assert "<title>A &lt;title&gt; &amp; more</title>" in html
        assert "<h1>A &lt;title&gt; &amp; more</h1>" in html
        assert '<p>plain *x*<b>bold</b><i>it</i><span class="code">c0de</span><br></p>' in html
        assert '<p class="facts">facts</p>' in html
        assert '<div class="action"><h3>1. Do &lt;it&gt;</h3>' in html
        assert "<ol><li>One</li><li>Two</li></ol>" in html
        assert "<td>Pass|words</td>" in html
        assert '<td class="label" width="40%"><b>Web address</b></td><td class="address">' in html
        assert 'width="10" height="20" alt="Screenshot a.png"><br>a.png</td>' in html
        assert '<h3 style="page-break-before: always">Part</h3>' in html
        assert not re.search(r"<(script|link|iframe)\b", html)
    assert '<section class="first"><h2>Boxed</h2>' in render_html(EVERYTHING)
    assert '<table width="100%" border="2"' in render_html(EVERYTHING, for_qt=True)
    assert PAGE.css_rule() in render_html(EVERYTHING)
