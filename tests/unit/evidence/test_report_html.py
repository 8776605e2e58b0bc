"""The report as a web page: the chosen incidents in order, their pictures embedded byte for byte,
each attachment's fingerprint, and nothing else from the audit."""

from __future__ import annotations

import base64
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from selfaudit.audit.state import Answer, AppState
from selfaudit.evidence.attachments import prepare_attachment
from selfaudit.evidence.log import IncidentError, IncidentLog
from selfaudit.evidence.models import Action, Attachment
from selfaudit.evidence.report import gather_report
from selfaudit.report.evidence_export import ExportError, save_report
from selfaudit.report.incident_record import fit, web_page
from tests.doubles import MemoryBlobStore
from tests.evidence_helpers import START, ManualClock, details, png, png_header_check


class Pictures(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources.append(dict(attrs)["src"] or "")


@pytest.fixture
def state() -> AppState:
    state = AppState(platforms=["facebook"])
    state.answers["passwords.unique"] = Answer(value="no", answered_at=START)
    return state


@pytest.fixture
def log(state: AppState) -> IncidentLog:
    return IncidentLog(state.evidence, MemoryBlobStore(), clock=ManualClock())


def attach(log: IncidentLog, name: str, data: bytes) -> Attachment:
    return log.store_attachment(prepare_attachment(name, data, png_header_check))


def test_the_web_page_has_the_incidents_in_order_with_pictures_and_fingerprints(
    log: IncidentLog,
) -> None:
    chat, post = png(30, 60, b"chat"), png(80, 50, b"post")
    first_shot, second_shot = attach(log, "chat.png", chat), attach(log, "post.png", post)
    voicemail = log.store_attachment(
        prepare_attachment("voicemail.m4a", b"\x00\x00\x00 ftypM4A ", png_header_check)
    )
    later = log.add(
        details(
            occurred_at=START + timedelta(days=1),
            sender="Jordan Pike",
            content="Share this so other parents know.",
            attachments=(second_shot, voicemail),
        )
    )
    earlier = log.add(
        details(
            channel="text",
            platform="",
            sender="+44 7700 900461",
            url="",
            content="You should watch yourself tomorrow.\nI know where you work.",
            actions=(Action.BLOCKED,),
            attachments=(first_shot,),
        )
    )
    page = web_page(gather_report(log, organisation="Oakfield Primary School"))

    assert page.index(earlier.id) < page.index(later.id)
    assert "Incident 1 of 2: Wednesday 12 March 2025 at 9:31pm" in page
    assert "Wednesday 12 March 2025 at 9:31pm (Europe/London, UTC)" in page
    assert "Text message" in page and "+44 7700 900461" in page
    assert "You should watch yourself tomorrow.<br>I know where you work." in page
    assert "https://www.facebook.com/groups/parents/posts/1029384756/" in page
    assert "Blocked the sender" in page and "Oakfield Primary School" in page
    for attachment in (first_shot, second_shot, voicemail):
        assert attachment.sha256 in page
    assert "voicemail.m4a" in page and "not shown here" in page

    parser = Pictures()
    parser.feed(page)
    embedded = [base64.b64decode(src.split(",", 1)[1]) for src in parser.sources]
    assert embedded == [chat, post]


def test_the_report_holds_nothing_else_from_the_audit(log: IncidentLog, state: AppState) -> None:
    log.add(details())
    page = web_page(gather_report(log))
    assert "passwords.unique" not in page
    assert "password" not in page.lower()
    assert state.answers  # the person's answers exist; they are simply not in the report


def test_only_the_chosen_incidents_are_reported(log: IncidentLog) -> None:
    kept = log.add(details(content="the one to report"))
    other = log.add(details(content="a private one"))
    page = web_page(gather_report(log, [kept.id]))
    assert "the one to report" in page and "a private one" not in page
    assert "It lists 1 incident in" in page
    assert other.id not in page
    with pytest.raises(IncidentError, match="no incident 0badc0de"):
        gather_report(log, ["0badc0de"])


def test_there_must_be_something_to_report(log: IncidentLog) -> None:
    with pytest.raises(IncidentError, match="no incidents to put in a report"):
        gather_report(log)


def test_what_the_person_typed_cannot_change_the_page(log: IncidentLog) -> None:
    log.add(details(content='<script>alert("x")</script>', sender="<b>me</b> & co"))
    page = web_page(gather_report(log))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;me&lt;/b&gt; &amp; co" in page


def test_a_damaged_attachment_is_reported_not_hidden(log: IncidentLog) -> None:
    shot = attach(log, "chat.png", png(4, 4))
    log.add(details(attachments=(shot,)))
    assert isinstance(log.blobs, MemoryBlobStore)
    log.blobs.blobs[shot.blob_id] = b"changed"
    page = web_page(gather_report(log))
    assert "does not match the fingerprint" in page
    assert shot.sha256 in page
    assert "<img" not in page


def test_pictures_fit_the_page_and_keep_their_shape() -> None:
    assert fit(1290, 2796, (620, 760)) == (351, 760)
    assert fit(1280, 800, (620, 760)) == (620, 388)
    assert fit(100, 50, (620, 760)) == (100, 50)


def test_saving_picks_the_format_from_the_name(log: IncidentLog, tmp_path: Path) -> None:
    log.add(details())
    report = gather_report(log)
    target = tmp_path / "incidents.HTML"
    save_report(report, target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["incidents.HTML"]  # no temporary left
    with pytest.raises(ExportError, match=r"\.pdf or \.html, not \.docx"):
        save_report(report, tmp_path / "incidents.docx")
    with pytest.raises(ExportError, match="does not exist"):
        save_report(report, tmp_path / "no-such-folder" / "incidents.html")
    assert target.stat().st_mode & 0o077 == 0, "others on the computer must not read the report"
