"""The plan as HTML: one self-contained file (no scripts, fonts or images to fetch) that reads
well on screen and prints well; and the subset Qt's rich-text engine lays out for PDF and print."""

from __future__ import annotations

from html import escape

from selfaudit.audit.plan import Action
from selfaudit.audit.progress import ActionStatus
from selfaudit.dates import long_date
from selfaudit.report.document import PlanReport
from selfaudit.report.wording import citation, facts

BROWSER_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  line-height: 1.5; color: #0b0c0c; background: #fff; max-width: 46rem; margin: 2rem auto;
  padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #b1b4b6; }
h3 { font-size: 1.1rem; margin-bottom: 0.25rem; }
.meta, .facts, .footer { color: #505a5f; }
.first { border: 3px solid #1d70b8; padding: 0 1rem 0.5rem; margin-top: 1.5rem; }
.first h2 { border: none; margin-top: 0.75rem; }
.why { margin: 0.25rem 0; }
table { border-collapse: collapse; }
td, th { text-align: left; padding: 0.2rem 1rem 0.2rem 0; border-bottom: 1px solid #d8dadc; }
@media (prefers-color-scheme: dark) {
  body { color: #f3f2f1; background: #1b1b1b; }
  .meta, .facts, .footer { color: #c0c4c7; }
  a { color: #8cb8ff; }
}
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; color: #000; background: #fff; font-size: 11pt; }
  .action, .first, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""

# Qt's rich text understands a subset of CSS (no borders on blocks, no media queries). Sizes in
# points so that the PDF and the printer get the same layout at any resolution.
QT_STYLE = """
body { font-size: 10.5pt; color: #0b0c0c; }
h1 { font-size: 19pt; margin-bottom: 4pt; }
h2 { font-size: 14pt; margin-bottom: 6pt; }
h3 { font-size: 11.5pt; margin-bottom: 2pt; }  /* room above: pdf._space_headings */
p { margin-top: 2pt; margin-bottom: 4pt; line-height: 125%; }
ol { margin-top: 2pt; margin-bottom: 4pt; }
li { margin-bottom: 2pt; line-height: 125%; }
.meta, .facts, .footer { color: #505a5f; }
th { text-align: left; }
"""


def _action(report: PlanReport, action: Action, number: int | None, heading: str = "h3") -> str:
    title = escape(action.title)
    if number is not None:
        title = f"{number}. {title}"
    overdue = action.overdue(report.plan.as_of)
    steps = "".join(f"<li>{escape(step)}</li>" for step in action.steps)
    return (
        f'<div class="action"><{heading}>{title}</{heading}>'
        f'<p class="facts">{escape(facts(action, overdue))}</p>'
        f'<p class="why"><b>Why:</b> {escape(action.why)} {escape(citation(action))}</p>'
        f"<ol>{steps}</ol></div>"
    )


def _first(report: PlanReport, action: Action, for_qt: bool) -> str:
    body = _action(report, action, None)
    if not for_qt:
        return f'<section class="first"><h2>Do this first</h2>{body}</section>'
    # a one-cell table is the box Qt's engine can draw around a block
    return (
        '<table width="100%" border="2" cellspacing="0" '
        'style="border-color: #1d70b8; border-style: solid; margin-top: 10pt;">'
        f"<tr><td><h2>Do this first</h2>{body}</td></tr>"
        "</table>"
    )


def render_html(report: PlanReport, for_qt: bool = False) -> str:
    plan = report.plan
    parts = [f"<h1>{escape(report.title)}</h1>"]
    if summary := report.summary_line():
        parts.append(f'<p class="meta">{escape(summary)}</p>')
    if report.code.own:
        name, url = escape(report.code.name), escape(report.code.url)
        named = f'<a href="{url}">{name}</a> ({url})' if url else name
        parts.append(f'<p class="meta">Based on {named}.</p>')
    parts.append(f"<p>{escape(report.progress_line())}</p>")
    first = plan.first
    if first is not None:
        parts.append(_first(report, first, for_qt))
    rest = [a for a in plan.with_status(ActionStatus.TODO) if a is not first]
    if rest:
        parts.append("<h2>Then</h2>" if first else "<h2>To do</h2>")
        start = 2 if first else 1
        parts += [_action(report, a, n) for n, a in enumerate(rest, start)]
    snoozed = plan.with_status(ActionStatus.SNOOZED)
    if snoozed:
        parts.append("<h2>Snoozed</h2>")
        parts += [_action(report, a, None) for a in snoozed]
    done = plan.with_status(ActionStatus.DONE)
    if done:
        items = "".join(
            f"<li>{escape(a.title)}"
            + (f": done on {long_date(a.done_on)}" if a.done_on else "")
            + "</li>"
            for a in done
        )
        parts.append(f"<h2>Done</h2><ul>{items}</ul>")
    not_applicable = plan.with_status(ActionStatus.NOT_APPLICABLE)
    if not_applicable:
        items = "".join(f"<li>{escape(a.title)}</li>" for a in not_applicable)
        parts.append(f"<h2>Marked as not applying to you</h2><ul>{items}</ul>")
    if report.measure_scores:
        rows = "".join(
            f"<tr><td>{escape(m.title)}</td><td>{m.score} out of 100</td></tr>"
            for m in report.measure_scores
        )
        parts.append(
            f"<h2>Your scores</h2><table><tr><th>Measure</th><th>Score</th></tr>{rows}</table>"
        )
    parts.append(_help(report))
    parts.append(
        f'<p class="footer">Made by selfaudit {escape(report.app_version)} on '
        f"{long_date(plan.as_of)}.</p>"
    )
    return page(report.title, "".join(parts), for_qt)


def _help(report: PlanReport) -> str:
    if not report.contacts and not report.links:
        return ""
    items = []
    for contact in report.contacts:
        details = [d for d in (contact.name, contact.phone, contact.email, contact.notes) if d]
        text = f"<b>{escape(contact.role)}</b>"
        if details:
            text += ": " + escape(", ".join(details))
        items.append(f"<li>{text}</li>")
    for link in report.links:
        url = escape(str(link.url))
        items.append(f'<li><a href="{url}">{escape(link.title)}</a> ({url})</li>')
    return f"<h2>Who can help</h2><ul>{''.join(items)}</ul>"


def page(title: str, body: str, for_qt: bool) -> str:
    style = QT_STYLE if for_qt else BROWSER_STYLE
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{style}</style></head>"
        f"<body>{body}</body></html>\n"
    )
