"""X (Twitter) archive: data/follower.js and data/following.js (split into -part1 ... files
for large accounts). Each is a script, `window.YTD.follower.part0 = [...]`, whose entries hold
numeric account ids only: no names and no handles."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from selfaudit.measures.friends.importers.base import (
    FormatError,
    FriendsImporter,
    base_name,
    parse_json,
    people,
    read_text,
)
from selfaudit.measures.friends.model import Connection, Relation

_FILE = re.compile(r"^(?P<kind>follower|following)(-part\d+)?\.js$")
_ASSIGNMENT = re.compile(r"^\s*window\.YTD\.(?P<kind>\w+)\.part\d+\s*=\s*")
_RELATIONS = {"follower": Relation.FOLLOWER, "following": Relation.FOLLOWING}


class XImporter(FriendsImporter):
    platform: ClassVar[str] = "x"
    suffixes: ClassVar[tuple[str, ...]] = (".js",)
    signatures: ClassVar[tuple[str, ...]] = (
        "your archive.html",
        "data/manifest.js",
        "data/account.js",
        "data/tweets.js",
        "data/tweet.js",
        "twitter-",
    )

    def claims(self, path: str) -> bool:
        return _FILE.match(base_name(path)) is not None

    def parse(self, path: str, data: bytes) -> list[Connection]:
        text = read_text(data)
        header = _ASSIGNMENT.match(text)
        if header is None or header["kind"] not in _RELATIONS:
            raise FormatError("is not an X followers or following file", wrong_kind=True)
        relation = _RELATIONS[header["kind"]]
        body = text.rstrip().removesuffix(";")
        # the list as a JSON document of its own: lines and columns count from its start
        entries = parse_json(body[header.end() :], "list")
        if not isinstance(entries, list):
            raise FormatError("is damaged: it does not hold a list of accounts")
        ids = [_account_id(entry, header["kind"]) for entry in entries]
        if entries and not any(ids):
            raise FormatError("holds no account numbers that selfaudit can read")
        return people(self.platform, relation, (("", i) for i in ids))


def _account_id(entry: Any, kind: str) -> str:
    """Newer archives wrap each entry ({"follower": {...}}); older ones do not."""
    if isinstance(entry, dict) and isinstance(entry.get(kind), dict):
        entry = entry[kind]
    if not isinstance(entry, dict):
        return ""
    value = entry.get("accountId")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return value.strip() if isinstance(value, str) and value.strip().isdigit() else ""
