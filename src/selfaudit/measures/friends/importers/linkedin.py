"""LinkedIn's "Get a copy of your data": Connections.csv.

A "Notes:" paragraph may come before the header; older exports have no URL column; lines end
in CRLF and fields may be quoted ("Talent Partner, Product"). Header:
First Name,Last Name,URL,Email Address,Company,Position,Connected On
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import ClassVar

from selfaudit.measures.friends.importers.base import (
    FormatError,
    FriendsImporter,
    base_name,
    people,
    read_text,
)
from selfaudit.measures.friends.model import Connection, Relation
from selfaudit.measures.friends.names import normalise_handle

MISSING = {"", "undefined", "null"}


class LinkedInImporter(FriendsImporter):
    platform: ClassVar[str] = "linkedin"
    suffixes: ClassVar[tuple[str, ...]] = (".csv",)
    signatures: ClassVar[tuple[str, ...]] = (
        "linkedindataexport",
        "profile.csv",
        "invitations.csv",
        "skills.csv",
    )

    def claims(self, path: str) -> bool:
        return base_name(path) == "connections.csv"

    def parse(self, path: str, data: bytes) -> list[Connection]:
        text = read_text(data)
        if "\0" in text:
            raise FormatError("is not a text file", wrong_kind=True)
        rows = csv.reader(io.StringIO(text, newline=""))
        try:
            for row in rows:
                cells = [c.strip().casefold() for c in row]
                if "first name" in cells and "last name" in cells:
                    return self._connections(cells, rows)
        except csv.Error as exc:
            raise FormatError(f"is damaged ({exc})") from None
        raise FormatError(
            'is not a LinkedIn connections file: it has no "First Name,Last Name" header',
            wrong_kind=True,
        )

    def _connections(self, header: list[str], rows: Iterator[list[str]]) -> list[Connection]:
        first = header.index("first name")
        last = header.index("last name")
        url = header.index("url") if "url" in header else None
        entries: list[tuple[str, str]] = []
        for row in rows:

            def cell(index: int | None, row: list[str] = row) -> str:
                if index is None or index >= len(row):
                    return ""
                value = row[index].strip()
                return "" if value.casefold() in MISSING else value

            name = " ".join(part for part in (cell(first), cell(last)) if part)
            link = cell(url)
            handle = normalise_handle(self.platform, link) if link else ""
            entries.append((name, handle))
        return people(self.platform, Relation.CONNECTION, entries)
