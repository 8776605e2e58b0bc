"""TikTok's "Download your data" (JSON): user_data_tiktok.json, or user_data.json before 2024.

Followers and following sit under "Your Activity" (older: "Activity"), in "Follower" or
"Follower List" -> "FansList", and "Following" or "Following List" -> "Following"; entries are
{"Date", "UserName"}. Sections move between versions, so the lists are found by key anywhere.
"""

from __future__ import annotations

from typing import Any, ClassVar

from selfaudit.measures.friends.importers.base import (
    FormatError,
    FriendsImporter,
    base_name,
    load_json,
    people,
    release,
    text_field,
)
from selfaudit.measures.friends.model import Connection, Relation

FILES = {"user_data_tiktok.json", "user_data.json"}
LIST_KEYS = {"fanslist": Relation.FOLLOWER, "following": Relation.FOLLOWING}
TOP_KEYS = {"your activity", "activity", "profile", "app settings", "video", "post"}


class TikTokImporter(FriendsImporter):
    platform: ClassVar[str] = "tiktok"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)
    signatures: ClassVar[tuple[str, ...]] = ("tiktok_data", "tiktok-")

    def claims(self, path: str) -> bool:
        return base_name(path) in FILES

    def parse(self, path: str, data: bytes) -> list[Connection]:
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
        release(doc)
        return connections


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
