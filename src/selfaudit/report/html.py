"""Any report (`structure.Document`) as HTML: one self-contained file (no scripts, fonts or images
to fetch) that reads well on screen and prints well; or, `for_qt`, the subset Qt's rich-text
engine lays out for PDF, print and the app's own views."""

from __future__ import annotations

import html

from selfaudit.report.page_setup import PAGE
from selfaudit.report.structure import (
    ActionBlock,
    Block,
    BulletList,
    Code,
    Details,
    Document,
    Emphasis,
    Line,
    LineBreak,
    Link,
    Paragraph,
    Pictures,
    Section,
    Strong,
    Table,
    Text,
)
from selfaudit.safe_text import isolate


def escape(text: str, quote: bool = True) -> str:
    """Text for the page: escaped, and isolated when it holds bidirectional controls, so that
    a U+202E in a sender's name or a pasted message turns only itself round, never the page
    (a browser and Qt's layout both keep an isolate's controls inside it)."""
    return html.escape(isolate(text), quote)


BROWSER_STYLE = (
    """
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
td { vertical-align: top; overflow-wrap: anywhere; }
.said { white-space: pre-wrap; }
.code, .address { font-family: ui-monospace, monospace; }
img { max-width: 100%; height: auto; border: 1px solid #888; }
@media (prefers-color-scheme: dark) {
  body { color: #f3f2f1; background: #1b1b1b; }
  .meta, .facts, .footer { color: #c0c4c7; }
  a { color: #8cb8ff; }
}
"""
    + PAGE.css_rule()
    + """
@media print {
  body { max-width: none; margin: 0; padding: 0; color: #000; background: #fff; font-size: 11pt; }
  .action, .first, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""
)

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
td { vertical-align: top; }
.said { white-space: pre-wrap; }
.code { font-family: monospace; font-size: 9pt; }
.address { font-family: monospace; }
"""

# the box Qt's engine can draw around a block: a one-cell table
_QT_BOX = (
    '<table width="100%" border="2" cellspacing="0" '
    'style="border-color: #1d70b8; border-style: solid; margin-top: 10pt;"><tr><td>'
)


def render_html(document: Document, for_qt: bool = False) -> str:
    body = f"<h1>{escape(document.title)}</h1>" + render_content(document.content, for_qt)
    return page(document.title, body, for_qt)


def render_content(content: tuple[Block | Section, ...], for_qt: bool) -> str:
    """Blocks and sections without the page around them (for a view inside the app)."""
    return "".join(_part(part, for_qt) for part in content)


def _part(part: Block | Section, for_qt: bool) -> str:
    match part:
        case Section():
            return _section(part, for_qt)
        case Paragraph(content=content, role=role):
            cls = f' class="{role}"' if role else ""
            return f"<p{cls}>{inline(content)}</p>"
        case ActionBlock():
            return _action(part)
        case BulletList(items=items):
            return "<ul>" + "".join(f"<li>{inline(item)}</li>" for item in items) + "</ul>"
        case Table(header=header, rows=rows):
            head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
                for row in rows
            )
            return f"<table><tr>{head}</tr>{body}</table>"
        case Details():
            return _details(part)
        case Pictures(row=row):
            cells = "".join(
                f'<td width="{100 // len(row)}%"><img src="{escape(p.source, quote=True)}" '
                f'width="{p.width}" height="{p.height}" alt="{escape(p.alt, quote=True)}">'
                f"<br>{escape(p.caption)}</td>"
                for p in row
            )
            return f'<table cellspacing="0" cellpadding="4"><tr>{cells}</tr></table>'


def _section(section: Section, for_qt: bool) -> str:
    tag = f"h{section.level}"
    style = ' style="page-break-before: always"' if section.new_page else ""
    inner = f"<{tag}{style}>{escape(section.heading)}</{tag}>" + render_content(
        section.content, for_qt
    )
    if not section.boxed:
        return inner
    if for_qt:
        return f"{_QT_BOX}{inner}</td></tr></table>"
    return f'<section class="first">{inner}</section>'


def _action(action: ActionBlock) -> str:
    steps = "".join(f"<li>{escape(step)}</li>" for step in action.steps)
    return (
        f'<div class="action"><h3>{escape(action.heading)}</h3>'
        f'<p class="facts">{escape(action.facts)}</p>'
        f'<p class="why"><b>Why:</b> {escape(action.why)} {escape(action.basis)}</p>'
        f"<ol>{steps}</ol></div>"
    )


def _details(details: Details) -> str:
    width = f' width="{details.label_width}%"' if details.label_width else ""
    rows = "".join(
        f'<tr><td class="label"{width}><b>{escape(row.label)}</b></td>'
        + (f'<td class="{row.role}">' if row.role else "<td>")
        + f"{inline(row.value)}</td></tr>"
        for row in details.rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="3">{rows}</table>'


def inline(line: Line) -> str:
    out = []
    for part in line:
        match part:
            case Text(text=text):
                out.append(escape(text))
            case Strong(text=text):
                out.append(f"<b>{escape(text)}</b>")
            case Emphasis(text=text):
                out.append(f"<i>{escape(text)}</i>")
            case Code(text=text):
                out.append(f'<span class="code">{escape(text)}</span>')
            case Link(text=text, url=url):
                address = escape(url)
                out.append(f'<a href="{address}">{escape(text)}</a> ({address})')
            case LineBreak():
                out.append("<br>")
    return "".join(out)


def page(title: str, body: str, for_qt: bool) -> str:
    style = QT_STYLE if for_qt else BROWSER_STYLE
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{style}</style></head>"
        f"<body>{body}</body></html>\n"
    )
