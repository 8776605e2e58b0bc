"""Any report (`structure.Document`) as Markdown: readable as plain text, and in any Markdown
viewer."""

from __future__ import annotations

import re

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
    Role,
    Section,
    Strong,
    Table,
    Text,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def escape(text: str) -> str:
    """Text that Markdown shows as written, not as formatting."""
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(document: Document) -> str:
    out = [f"# {escape(document.title)}", ""]
    for part in document.content:
        out += _part(part)
    return "\n".join(out)


def _part(part: Block | Section) -> list[str]:
    """The part's lines, then the blank line that ends it."""
    match part:
        case Section():
            lines = [f"{'#' * part.level} {escape(part.heading)}", ""]
            for inner in part.content:
                lines += _part(inner)
            return lines
        case Paragraph(content=content, role=role):
            text = inline(content)
            return [f"*{text}*" if role is Role.FACTS else text, ""]
        case ActionBlock():
            return _action(part)
        case BulletList(items=items):
            return [*(f"- {inline(item)}" for item in items), ""]
        case Table(header=header, rows=rows):
            return [
                _row(header),
                _row(tuple("---" for _ in header)),
                *(_row(row) for row in rows),
                "",
            ]
        case Details(rows=rows):
            return [*(f"- **{escape(row.label)}**: {inline(row.value)}" for row in rows), ""]
        case Pictures(row=row):
            return [
                *(f"![{escape(p.alt)}]({p.source})  \n{escape(p.caption)}" for p in row),
                "",
            ]


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"


def _action(action: ActionBlock) -> list[str]:
    lines = [f"### {escape(action.heading)}", "", f"*{escape(action.facts)}*", ""]
    lines += [f"**Why:** {escape(action.why)} {escape(action.basis)}", ""]
    lines += [f"{number}. {escape(step)}" for number, step in enumerate(action.steps, 1)]
    return [*lines, ""]


def inline(line: Line) -> str:
    out = []
    for part in line:
        match part:
            case Text(text=text):
                out.append(escape(text))
            case Strong(text=text):
                out.append(f"**{escape(text)}**")
            case Emphasis(text=text):
                out.append(f"*{escape(text)}*")
            case Code(text=text):
                out.append(f"`{text}`")
            case Link(text=text, url=url):
                out.append(f"[{escape(text)}]({url})")
            case LineBreak():
                out.append("  \n")
    return "".join(out)
