"""The report of incidents as HTML: one page to print or hand over, the same text that the PDF is
made from, and the incident view inside the app. Plain Python; pictures are referred to through
a function, so the saved web page can embed them (data: addresses) and Qt can supply them as
resources."""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape

from selfaudit import APP_TITLE
from selfaudit.evidence.attachments import PICTURE_NAMES, describe_size
from selfaudit.evidence.incident_wording import clock_time, local_when, long_date, when_text
from selfaudit.evidence.models import Attachment, Incident, IncidentDetails
from selfaudit.evidence.report import EvidenceReport

# an attachment -> the address of its picture, or None when there is no picture to show
PictureSource = Callable[[Attachment], str | None]

# the largest a picture is drawn, in CSS pixels (96 per inch): an A4 page's text area is about
# 640 wide, and a tall phone screenshot should still leave room for its caption on the page
PAGE_PICTURE_BOX = (620, 760)

FINGERPRINT_NOTE = (
    "Each screenshot and file has a SHA-256 fingerprint: a code worked out from its exact "
    "contents. If a file is changed in any way, its fingerprint changes. Anyone can work out the "
    "fingerprint of a copy (for example with “certutil -hashfile FILE SHA256” on Windows or "
    "“shasum -a 256 FILE” on a Mac) and compare it with the one shown here."
)

STYLE = """
h1 { font-size: 18pt; }
h2 { font-size: 14pt; margin-top: 18px; }
h3 { font-size: 12pt; margin-top: 12px; }
td { vertical-align: top; padding: 3px 6px 3px 0; }
td.label { font-weight: bold; width: 28%; }
.said { white-space: pre-wrap; }
.fingerprint { font-family: monospace; font-size: 9pt; }
.address { font-family: monospace; }
"""

# extra rules for the saved web page only (Qt's rich text ignores what it does not support)
WEB_STYLE = """
body { font-family: sans-serif; font-size: 11pt; }
body { max-width: 46em; margin: 2em auto; line-height: 1.4; padding: 0 1em; }
td { overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; border: 1px solid #888; }
h2 { break-before: page; }
h2.first { break-before: auto; }
"""


def fit(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    """The size to draw a picture so it fits in `box`, keeping its shape, never enlarged."""
    scale = min(1.0, box[0] / width, box[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _text(value: str) -> str:
    return escape(value.strip()) if value.strip() else "<i>Not recorded</i>"


def _row(label: str, value_html: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<tr><td class="label">{escape(label)}</td><td{cls}>{value_html}</td></tr>'


def _paragraphs(text: str) -> str:
    """Pasted text with its line breaks kept, for renderers that ignore pre-wrap."""
    return "<br>".join(escape(line) for line in text.strip().splitlines())


def details_rows(details: IncidentDetails, for_owner: bool = False) -> str:
    actions = escape("; ".join(a.label for a in details.actions)) or "<i>Nothing recorded</i>"
    rows = [
        _row("When it happened", escape(when_text(details.occurred_at, details.time_zone))),
        _row("Where", escape(details.where())),
        _row("Who sent it", _text(details.sender)),
        _row("Web address", _text(details.url), "address" if details.url else ""),
        _row("What it said", _paragraphs(details.content) or "<i>Not recorded</i>", "said"),
        _row("What you did" if for_owner else "What I did", actions),
    ]
    if details.notes.strip():
        rows.append(_row("Notes", _paragraphs(details.notes), "said"))
    return "".join(rows)


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


def _picture(attachment: Attachment, src: str, box: tuple[int, int]) -> str:
    assert attachment.width and attachment.height
    width, height = fit(attachment.width, attachment.height, box)
    alt = escape(f"Screenshot {attachment.file_name}", quote=True)
    return (
        f'<img src="{escape(src, quote=True)}" width="{width}" height="{height}" alt="{alt}">'
        f"<br>{escape(attachment.file_name)}"
    )


def attachments_html(
    details: IncidentDetails,
    picture_src: PictureSource,
    box: tuple[int, int],
    problems: dict[str, str],
) -> str:
    """The pictures (two tall ones side by side), then every attachment's name, type, size and
    fingerprint, each fingerprint whole on one line so it can be copied and compared."""
    if not details.attachments:
        return ""
    parts = ["<h3>Screenshots and files</h3>"]
    shown = {
        a.blob_id: src
        for a in details.attachments
        if a.is_picture and a.width and a.height and (src := picture_src(a))
    }
    pictures = [a for a in details.attachments if a.blob_id in shown]
    half = (box[0] // 2 - 8, box[1])
    for row in picture_rows(pictures):
        cells = "".join(
            f'<td width="{100 // len(row)}%">'
            f"{_picture(a, shown[a.blob_id], half if len(row) == 2 else box)}</td>"
            for a in row
        )
        parts.append(f'<table cellspacing="0" cellpadding="4"><tr>{cells}</tr></table>')
    for attachment in details.attachments:
        caption = escape(attachment_caption(attachment))
        if attachment.blob_id in problems:
            caption += "<br><i>" + escape(problems[attachment.blob_id]) + "</i>"
        elif not attachment.is_picture:
            caption += "<br><i>Kept in the evidence log; not shown here.</i>"
        parts.append(
            f"<p>{caption}<br>SHA-256 fingerprint:<br>"
            f'<span class="fingerprint">{attachment.sha256}</span></p>'
        )
    return "".join(parts)


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


def incident_html(
    incident: Incident,
    title: str,
    picture_src: PictureSource,
    box: tuple[int, int] = PAGE_PICTURE_BOX,
    problems: dict[str, str] | None = None,
    first: bool = False,
    for_owner: bool = False,
) -> str:
    """One incident. `for_owner`: shown to the person in the app ("you"), not in a report ("I")."""
    details = incident.details
    css = ' class="first"' if first else ' style="page-break-before: always"'
    return (
        f"<h2{css}>{escape(title)}</h2>"
        f'<table width="100%" cellspacing="0" cellpadding="3">{details_rows(details, for_owner)}'
        f"{_row('Record', escape(history_line(incident)))}"
        f"{_row('Reference', escape(incident.id))}</table>"
        f"{attachments_html(details, picture_src, box, problems or {})}"
    )


def report_html(report: EvidenceReport, picture_src: PictureSource, for_web: bool) -> str:
    count = len(report.incidents)
    noun = "incident" if count == 1 else "incidents"
    whose = f" for use with {escape(report.organisation)}" if report.organisation else ""
    body = [
        "<h1>Record of online incidents</h1>",
        f"<p>Made on {escape(local_when(report.made_at))} with {escape(APP_TITLE)}{whose}. "
        f"It lists {count} {noun} in the order they happened.</p>",
        f"<p>{escape(FINGERPRINT_NOTE)}</p>",
    ]
    for number, incident in enumerate(report.incidents, start=1):
        moment = incident.details.occurred_at
        title = f"Incident {number} of {count}: {long_date(moment)} at {clock_time(moment)}"
        body.append(
            incident_html(incident, title, picture_src, problems=report.problems, first=number == 1)
        )
    style = STYLE + (WEB_STYLE if for_web else "")
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        "<title>Record of online incidents</title>"
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>"
    )


def web_page(report: EvidenceReport) -> str:
    """The report as one self-contained web page: pictures embedded as data: addresses."""

    def embedded(attachment: Attachment) -> str | None:
        data = report.picture(attachment)
        if data is None:
            return None
        return f"data:{attachment.media_type};base64,{base64.b64encode(data).decode('ascii')}"

    return report_html(report, embedded, for_web=True)
