"""The note to the line manager (§7: tell your line manager of any significant conversation or
activity): a short draft the person edits, then copies, prints or opens in their e-mail program.

The draft holds the date, where it happened if the person said, and prompts in [brackets] for
what only they can add. It never holds anyone's name, and the app never saves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from selfaudit.content.situations import NoteTemplate
from selfaudit.dates import long_date

WORD_LIMIT = 150  # a note a busy manager reads in full
# Some e-mail programs (and Windows' own hand-over of a link) cut longer mailto: addresses short.
MAILTO_LIMIT = 2000


@dataclass(frozen=True)
class Note:
    subject: str
    body: str

    @property
    def words(self) -> int:
        return count_words(self.body)

    def as_text(self) -> str:
        """Subject and body, to copy or print."""
        return f"Subject: {self.subject}\n\n{self.body}"


def count_words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def draft_note(template: NoteTemplate, today: date, where: str = "") -> Note:
    """The template with today's date and, when the person said, where: `where` is a phrase
    such as "on Facebook" or "by text message"."""

    def fill(text: str) -> str:
        return text.replace("{date}", long_date(today)).replace(
            "{where}", f" {where}" if where else ""
        )

    return Note(subject=fill(template.subject), body=fill(template.body).strip() + "\n")


PROMPT = re.compile(r"\[[^\[\]\n]+\]")


def first_prompt(body: str) -> tuple[int, int] | None:
    """Where the first [prompt] is, so the app can select it and typing replaces it."""
    found = PROMPT.search(body)
    return (found.start(), found.end()) if found else None


def mailto(note: Note, to: str = "") -> str:
    """A mailto: address (RFC 6068) that opens a new e-mail with the note: every character
    outside the unreserved set percent-encoded as UTF-8, and line breaks as CRLF."""

    def encode(text: str) -> str:
        return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")

    address = quote(to, safe="@") if to else ""
    return f"mailto:{address}?subject={encode(note.subject)}&body={encode(note.body)}"
