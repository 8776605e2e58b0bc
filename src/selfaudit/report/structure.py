"""The one shape every report is built as: a title, blocks and sections of plain text.

A report (the action plan, the completion receipt, the record of incidents) is built once as a
`Document`; `markdown.py`, `html.py` and `pdf.py` each render any `Document`, so every format
says the same thing in the same order. Nothing here knows about a format: a block says what it
is (a paragraph of facts, an action with its steps, a table of labelled details), and each
renderer decides how that looks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# inline text ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Emphasis:
    text: str


@dataclass(frozen=True)
class Code:
    """Text to be read or copied character by character (a fingerprint)."""

    text: str


@dataclass(frozen=True)
class Link:
    """A web address; printed formats show the address too, since paper cannot be clicked."""

    text: str
    url: str


@dataclass(frozen=True)
class LineBreak:
    pass


Inline = Text | Strong | Emphasis | Code | Link | LineBreak
Line = tuple[Inline, ...]


def plain(text: str) -> Line:
    return (Text(text),)


def lines(text: str) -> Line:
    """Text typed or pasted by the person, its line breaks kept."""
    parts: list[Inline] = []
    for number, line in enumerate(text.strip().splitlines()):
        if number:
            parts.append(LineBreak())
        parts.append(Text(line))
    return tuple(parts)


# blocks ---------------------------------------------------------------------------------------


class Role(StrEnum):
    """What a paragraph or a value is for; renderers style it (the value is the HTML class)."""

    PLAIN = ""
    SUMMARY = "meta"  # the facts under a title: organisation, audit date, score
    FACTS = "facts"  # an action's priority, date and measure
    REASON = "why"  # why an action matters and what it rests on
    FOOTER = "footer"  # what made the document, and when
    ADDRESS = "address"  # a web address as written: shown in a fixed-width font
    VERBATIM = "said"  # words quoted as the person recorded them


@dataclass(frozen=True)
class Paragraph:
    content: Line
    role: Role = Role.PLAIN


@dataclass(frozen=True)
class ActionBlock:
    """Something to do: its heading (numbered in order where the order matters), its facts,
    why it matters and what that rests on (the code's words, or good practice), its steps."""

    heading: str
    facts: str
    why: str
    basis: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[Line, ...]


@dataclass(frozen=True)
class Table:
    """A table with a heading row, such as the scores of each measure."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Detail:
    label: str
    value: Line
    role: Role = Role.PLAIN


@dataclass(frozen=True)
class Details:
    """Labelled values, one to a row: a receipt's facts, what happened in an incident."""

    rows: tuple[Detail, ...]
    label_width: int | None = None  # share of the width for the labels, in per cent


@dataclass(frozen=True)
class Picture:
    """A picture drawn `width` × `height` CSS pixels, with its caption beneath. `source` is the
    picture's address: a data: address in a web page, a name in `Document.resources` in a
    PDF."""

    source: str
    width: int
    height: int
    alt: str
    caption: str


@dataclass(frozen=True)
class Pictures:
    """Pictures side by side, in one row."""

    row: tuple[Picture, ...]


Block = Paragraph | ActionBlock | BulletList | Table | Details | Pictures


@dataclass(frozen=True)
class Section:
    """A heading and what belongs under it. `level` 2 is a section of the document, 3 a part of
    one. `boxed`: the one thing to see first, drawn in a box. `new_page`: printed from the top
    of a page."""

    heading: str
    content: tuple[Block | Section, ...]
    level: int = 2
    boxed: bool = False
    new_page: bool = False


@dataclass(frozen=True)
class Document:
    """A whole report. `running_header` is printed at the top of every page; `resources` are the
    bytes of pictures that `Picture.source` names (for formats that cannot embed them)."""

    title: str
    running_header: str
    content: tuple[Block | Section, ...]
    resources: Mapping[str, bytes] = field(default_factory=dict)
