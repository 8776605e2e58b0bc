"""Snapchat's "My Data": json/friends.json, {"Friends": [{"Username", "Display Name", ...}],
"Friend Requests Sent": [...], "Blocked Users": [...], ...}. Only "Friends" are read: the
others are not connections. Display names may be empty or emoji only."""

from __future__ import annotations

from typing import ClassVar

from selfaudit.measures.friends.importers.base import (
    FormatError,
    FriendsImporter,
    base_name,
    load_json,
    people,
    text_field,
)
from selfaudit.measures.friends.model import Connection, Relation


class SnapchatImporter(FriendsImporter):
    platform: ClassVar[str] = "snapchat"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)
    signatures: ClassVar[tuple[str, ...]] = (
        "json/account.json",
        "json/snap_history.json",
        "json/chat_history.json",
        "mydata~",
        "snapchat",
    )

    def claims(self, path: str) -> bool:
        return base_name(path) == "friends.json"

    def parse(self, path: str, data: bytes) -> list[Connection]:
        doc = load_json(data)
        friends = doc.get("Friends") if isinstance(doc, dict) else None
        if not isinstance(friends, list):
            raise FormatError("is not a Snapchat friends file", wrong_kind=True)
        entries = [
            (text_field(e, "Display Name", "display_name"), text_field(e, "Username", "username"))
            for e in friends
        ]
        return people(self.platform, Relation.FRIEND, entries)
