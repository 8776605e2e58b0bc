"""TikTok's "Download your data" (JSON): user_data_tiktok.json, or user_data.json before 2024.

Followers and following sit under "Your Activity" (older: "Activity"), in "Follower" or
"Follower List" -> "FansList", and "Following" or "Following List" -> "Following"; entries are
{"Date", "UserName"}. Sections move between versions, so the lists are found by key anywhere.

TXT (the other format TikTok offers): a file per list in the Activity folder, such as
"Follower List.txt" and "Following List.txt", with a block per person: "Date: ..." and
"Username: ..." lines.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from selfaudit.measures.friends.importers.base import (
    FormatError,
    FriendsImporter,
    base_name,
    load_json,
    people,
    read_text,
    text_field,
)
from selfaudit.measures.friends.model import Connection, Relation

FILES = {"user_data_tiktok.json", "user_data.json"}
TEXT_FILE = re.compile(r"^(?P<kind>follower|followers|fans|following)( list)?\.txt$")
USERNAME_LINE = re.compile(r"^\s*user\s?name\s*:\s*(?P<name>\S.*?)\s*$", re.IGNORECASE)
LIST_KEYS = {"fanslist": Relation.FOLLOWER, "following": Relation.FOLLOWING}
TOP_KEYS = {"your activity", "activity", "profile", "app settings", "video", "post"}


class TikTokImporter(FriendsImporter):
    platform: ClassVar[str] = "tiktok"
    suffixes: ClassVar[tuple[str, ...]] = (".json", ".txt")
    signatures: ClassVar[tuple[str, ...]] = ("tiktok_data", "tiktok-")

    def claims(self, path: str) -> bool:
        # a lone "following.txt" the person chose may be a plain list of names: the reader
        # tries it as TikTok's, then as a list (reader._reading_plan)
        name = base_name(path)
        return name in FILES or ("/" in path and TEXT_FILE.match(name) is not None)

    def parse(self, path: str, data: bytes) -> list[Connection]:
        if base_name(path).endswith(".txt"):
            return self._parse_text(path, data)
        doc = load_json(data)
        if not isinstance(doc, dict) or not TOP_KEYS & {str(k).casefold() for k in doc}:
            raise FormatError("is not a TikTok data file", wrong_kind=True)
        found = list(_lists(doc))
        if not found:
            raise FormatError("holds no followers or following lists")
        connections: list[Connection] = []
        for relation, entries in found:
            names = (
                ("", text_field(e, "UserName", "Username", "userName", "username")) for e in entries
            )
            connections += people(self.platform, relation, names)
        return connections

    def _parse_text(self, path: str, data: bytes) -> list[Connection]:
        text = read_text(data)
        usernames = [
            match["name"] for match in map(USERNAME_LINE.match, text.splitlines()) if match
        ]
        if not usernames:
            raise FormatError("is not a TikTok followers or following list", wrong_kind=True)
        match = TEXT_FILE.match(base_name(path))
        following = match is not None and match["kind"] == "following"
        relation = Relation.FOLLOWING if following else Relation.FOLLOWER
        return people(self.platform, relation, (("", name) for name in usernames))


def _lists(doc: Any) -> list[tuple[Relation, list[Any]]]:
    """Every list under a FansList or Following key, found without recursion (a hostile file
    cannot exhaust the stack)."""
    found: list[tuple[Relation, list[Any]]] = []
    pending: list[Any] = [doc]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                relation = LIST_KEYS.get(str(key).casefold())
                if relation is not None and isinstance(value, list):
                    found.append((relation, value))
                elif isinstance(value, dict | list):
                    pending.append(value)
        elif isinstance(node, list):
            pending.extend(v for v in node if isinstance(v, dict | list))
    return found
