"""The record of incidents as a document (`structure.Document`): one to print or hand over, as a web
page or a PDF, and each incident as the app's incident view shows it. Plain Python; pictures are
referred to through a function, so the saved web page can embed them (data: addresses) and the
PDF and the app can supply them by name."""

from __future__ import annotations

import base64
from collections.abc import Callable

from selfaudit import APP_TITLE
from selfaudit.dates import clock_time
from selfaudit.evidence.attachments import PICTURE_NAMES, describe_size
from selfaudit.evidence.incident_wording import local_when, long_date, when_text
from selfaudit.evidence.models import Attachment, Incident, IncidentDetails
from selfaudit.evidence.report import EvidenceReport
from selfaudit.report.html import render_content, render_html
from selfaudit.report.page_setup import PAGE
from selfaudit.report.structure import (
    Block,
    Code,
    Detail,
    Details,
    Document,
    Emphasis,
    Inline,
    Line,
    LineBreak,
    Paragraph,
    Picture,
    Pictures,
    Role,
    Section,
    Text,
    lines,
    plain,
)

TITLE = "Record of online incidents"

# an attachment -> the address of its picture, or None when there is no picture to show
PictureSource = Callable[[Attachment], str | None]

# the largest a picture is drawn, in CSS pixels: the page's text width, and room left under a
# tall phone screenshot for its caption
_TEXT_WIDTH, _TEXT_HEIGHT = PAGE.text_box_px
PAGE_PICTURE_BOX = (_TEXT_WIDTH * 94 // 100, _TEXT_HEIGHT * 80 // 100)

FINGERPRINT_NOTE = (
    "Each screenshot and file has a SHA-256 fingerprint: a code worked out from its exact "
    "contents. If a file is changed in any way, its fingerprint changes. Anyone can work out the "
    "fingerprint of a copy (for example with “certutil -hashfile FILE SHA256” on Windows or "
    "“shasum -a 256 FILE” on a Mac) and compare it with the one shown here."
)

# how the app's incident view styles an incident: no colours, so it follows the palette
VIEW_STYLE = """
h2 { font-size: 14pt; margin-top: 18px; }
h3 { font-size: 12pt; margin-top: 12px; }
td { vertical-align: top; padding: 3px 6px 3px 0; }
.said { white-space: pre-wrap; }
.code { font-family: monospace; font-size: 9pt; }
.address { font-family: monospace; }
"""

NOT_RECORDED = (Emphasis("Not recorded"),)


def fit(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    """The size to draw a picture so it fits in `box`, keeping its shape, never enlarged."""
    scale = min(1.0, box[0] / width, box[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _typed(value: str) -> Line:
    return lines(value) if value.strip() else NOT_RECORDED


def details_rows(details: IncidentDetails, for_owner: bool = False) -> list[Detail]:
    actions = "; ".join(a.label for a in details.actions)
    rows = [
        Detail("When it happened", plain(when_text(details.occurred_at, details.time_zone))),
        Detail("Where", plain(details.where())),
        Detail("Who sent it", _typed(details.sender)),
        Detail("Web address", _typed(details.url), Role.ADDRESS if details.url else Role.PLAIN),
        Detail("What it said", _typed(details.content), Role.VERBATIM),
        Detail(
            "What you did" if for_owner else "What I did",
            plain(actions) if actions else (Emphasis("Nothing recorded"),),
        ),
    ]
    if details.notes.strip():
        rows.append(Detail("Notes", lines(details.notes), Role.VERBATIM))
    return rows


def attachment_caption(attachment: Attachment) -> str:
    if attachment.is_picture and attachment.width and attachment.height:
        kind = (
            f"{PICTURE_NAMES[attachment.media_type]} picture, "
            f"{attachment.width} × {attachment.height} pixels"
        )
    else:
        kind = attachment.media_type
    return f"{attachment.file_name} · {kind}, {describe_size(attachment.size)}"


def picture_rows(attachments: list[Attachment]) -> list[list[Attachment]]:
    """Groups pictures for drawing: tall (phone) screenshots two to a row, wide ones alone."""
    rows: list[list[Attachment]] = []
    pair: list[Attachment] = []
    for attachment in attachments:
        if (attachment.height or 0) > (attachment.width or 0):
            pair.append(attachment)
            if len(pair) == 2:
                rows.append(pair)
                pair = []
        else:
            rows.append([attachment])
    if pair:
        rows.append(pair)
    return rows


def _picture(attachment: Attachment, source: str, box: tuple[int, int]) -> Picture:
    assert attachment.width and attachment.height
    width, height = fit(attachment.width, attachment.height, box)
    alt = f"Screenshot {attachment.file_name}"
    return Picture(source, width, height, alt, attachment.file_name)


def attachments_section(
    details: IncidentDetails,
    picture_src: PictureSource,
    box: tuple[int, int],
    problems: dict[str, str],
) -> Section:
    """The pictures (two tall ones side by side), then every attachment's name, type, size and
    fingerprint, each fingerprint whole on one line so it can be copied and compared."""
    content: list[Block] = []
    shown = {
        a.blob_id: src
        for a in details.attachments
        if a.is_picture and a.width and a.height and (src := picture_src(a))
    }
    pictures = [a for a in details.attachments if a.blob_id in shown]
    half = (box[0] // 2 - 8, box[1])
    for row in picture_rows(pictures):
        size = half if len(row) == 2 else box
        content.append(Pictures(tuple(_picture(a, shown[a.blob_id], size) for a in row)))
    for attachment in details.attachments:
        caption: list[Inline] = [Text(attachment_caption(attachment))]
        if attachment.blob_id in problems:
            caption += [LineBreak(), Emphasis(problems[attachment.blob_id])]
        elif not attachment.is_picture:
            caption += [LineBreak(), Emphasis("Kept in the evidence log; not shown here.")]
        caption += [LineBreak(), Text("SHA-256 fingerprint:"), LineBreak(), Code(attachment.sha256)]
        content.append(Paragraph(tuple(caption)))
    return Section("Screenshots and files", tuple(content), level=3)


def history_line(incident: Incident) -> str:
    recorded = f"First recorded on {local_when(incident.recorded_at)}."
    if not incident.history:
        return recorded + " Not changed since."
    times = len(incident.history)
    count = "once" if times == 1 else "twice" if times == 2 else f"{times} times"
    return (
        f"{recorded} Changed {count} since, last on {local_when(incident.last_changed_at)}. "
        "The earlier versions are kept in the evidence log."
    )


def incident_section(
    incident: Incident,
    title: str,
    picture_src: PictureSource,
    box: tuple[int, int] = PAGE_PICTURE_BOX,
    problems: dict[str, str] | None = None,
    new_page: bool = False,
    for_owner: bool = False,
) -> Section:
    """One incident. `for_owner`: shown to the person in the app ("you"), not in a report ("I")."""
    details = incident.details
    rows = details_rows(details, for_owner)
    rows += [
        Detail("Record", plain(history_line(incident))),
        Detail("Reference", plain(incident.id)),
    ]
    content: list[Block | Section] = [Details(tuple(rows))]
    if details.attachments:
        content.append(attachments_section(details, picture_src, box, problems or {}))
    return Section(title, tuple(content), new_page=new_page)


def incident_html(
    incident: Incident,
    title: str,
    picture_src: PictureSource,
    box: tuple[int, int],
    problems: dict[str, str],
) -> str:
    """One incident as the app's incident view shows it to the person (style: `VIEW_STYLE`)."""
    section = incident_section(incident, title, picture_src, box, problems, for_owner=True)
    return render_content((section,), for_qt=True)


def record_document(
    report: EvidenceReport, picture_src: PictureSource, pictures: dict[str, bytes] | None = None
) -> Document:
    """The report; `pictures`: the bytes of the pictures `picture_src` names, for a PDF."""
    count = len(report.incidents)
    noun = "incident" if count == 1 else "incidents"
    whose = f" for use with {report.organisation}" if report.organisation else ""
    content: list[Block | Section] = [
        Paragraph(
            plain(
                f"Made on {local_when(report.made_at)} with {APP_TITLE}{whose}. "
                f"It lists {count} {noun} in the order they happened."
            )
        ),
        Paragraph(plain(FINGERPRINT_NOTE)),
    ]
    for number, incident in enumerate(report.incidents, start=1):
        moment = incident.details.occurred_at
        title = f"Incident {number} of {count}: {long_date(moment)} at {clock_time(moment)}"
        content.append(
            incident_section(
                incident, title, picture_src, problems=report.problems, new_page=number > 1
            )
        )
    header = " · ".join(part for part in (report.organisation, TITLE) if part)
    return Document(TITLE, header, tuple(content), pictures or {})


def web_page(report: EvidenceReport) -> str:
    """The report as one self-contained web page: pictures embedded as data: addresses."""

    def embedded(attachment: Attachment) -> str | None:
        data = report.picture(attachment)
        if data is None:
            return None
        return f"data:{attachment.media_type};base64,{base64.b64encode(data).decode('ascii')}"

    return render_html(record_document(report, embedded))


def printed_document(report: EvidenceReport) -> Document:
    """The report for the PDF writer: each picture named, its bytes beside the document."""
    names = {blob_id: f"evidence-picture:{n}" for n, blob_id in enumerate(report.pictures)}

    def named(attachment: Attachment) -> str | None:
        return names.get(attachment.blob_id)

    pictures = {names[blob_id]: data for blob_id, data in report.pictures.items()}
    return record_document(report, named, pictures)
