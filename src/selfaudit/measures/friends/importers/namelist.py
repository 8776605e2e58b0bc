"""A plain list of friends' names, for a site or app without an export: a .txt file with one
name a line, or a .csv with a name column (or First Name and Last Name)."""

from __future__ import annotations

from typing import ClassVar

from selfaudit.measures.friends.importers.base import FormatError, FriendsImporter, base_name
from selfaudit.measures.friends.model import Connection, ListError, Relation
from selfaudit.measures.friends.service_users import decode_list, read_names
from selfaudit.safe_text import valid_text

PLATFORM = "other"


class NameListImporter(FriendsImporter):
    platform: ClassVar[str] = PLATFORM
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".csv")

    def claims(self, path: str) -> bool:
        """Only ever given a single file the person chose: a .txt or .csv inside an export is
        some other list, never friends."""
        return base_name(path).endswith(self.suffixes)

    def parse(self, path: str, data: bytes) -> list[Connection]:
        if b"\0" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise FormatError("is not a text file", wrong_kind=True)
        try:
            rows = read_names(
                decode_list(data), base_name(path), table=base_name(path).endswith(".csv")
            )
        except ListError as exc:
            raise FormatError(str(exc)) from None
        return names_to_connections([row.name for row in rows])


def names_to_connections(names: list[str]) -> list[Connection]:
    relations = frozenset({Relation.FRIEND})
    return [Connection(PLATFORM, relations, name=valid_text(n.strip())) for n in names if n.strip()]
