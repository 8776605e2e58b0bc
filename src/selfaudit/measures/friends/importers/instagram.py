"""Instagram's "Download your information": followers and following (usernames, not names).

- followers_1.json (followers_2.json ... for large accounts; followers.json before 2022) is a
  list of entries, or {"relationships_followers": [...]} in some versions;
- following.json (sometimes following_1.json) is {"relationships_following": [...]}.
An entry is {"title": "", "string_list_data": [{"href", "value", "timestamp"}]}; newer exports
leave out "value" and put the username in "title", with an href ending /_u/<username>.

HTML (the format Instagram offers first): followers_1.html and following.html, one link to each
profile, <a href="https://www.instagram.com/<username>"> (or .../_u/<username>).
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
    read_web_page,
    text_field,
)
from selfaudit.measures.friends.importers.webpage import PageReader
from selfaudit.measures.friends.model import Connection, Relation

_FILE = re.compile(r"^(?P<kind>followers|following)(_\d+)?\.(?P<type>json|html)$")
# a profile address; Instagram usernames are letters, digits, "." and "_", at most 30
_PROFILE = re.compile(
    r"^https?://(?:www\.)?instagram\.com/(?:_u/)?(?P<username>[A-Za-z0-9._]{1,30})/?(?:[?#].*)?$"
)
# Instagram's own pages, not people
_NOT_PROFILES = {"accounts", "explore", "p", "reel", "reels", "stories", "direct", "about"}
_RELATIONS = {"followers": Relation.FOLLOWER, "following": Relation.FOLLOWING}


class InstagramImporter(FriendsImporter):
    platform: ClassVar[str] = "instagram"
    suffixes: ClassVar[tuple[str, ...]] = (".json", ".html")
    signatures: ClassVar[tuple[str, ...]] = (
        "your_instagram_activity/",
        "followers_and_following/",
        "personal_information/personal_information.json",
        "instagram-",
        "instagram_",
    )

    def claims(self, path: str) -> bool:
        return _FILE.match(base_name(path)) is not None

    def parse(self, path: str, data: bytes) -> list[Connection]:
        match = _FILE.match(base_name(path))
        relation = _RELATIONS[match["kind"]] if match else Relation.FOLLOWER
        if base_name(path).endswith(".html"):
            return self._parse_html(data, relation)
        doc = load_json(data)
        if isinstance(doc, dict):
            lists = [
                (Relation.FOLLOWING if "following" in key else relation, value)
                for key, value in doc.items()
                if key.startswith("relationships_") and "follow" in key and isinstance(value, list)
            ]
        elif isinstance(doc, list) and all(_is_entry(e) for e in doc):
            lists = [(relation, doc)]
        else:
            lists = []
        if not lists:
            raise FormatError("is not an Instagram followers or following file", wrong_kind=True)
        connections: list[Connection] = []
        for kind, entries in lists:
            read = people(self.platform, kind, (("", _username(e)) for e in entries))
            if entries and not read:
                raise FormatError("holds no usernames that selfaudit can read")
            connections += read
        return connections

    def _parse_html(self, data: bytes, relation: Relation) -> list[Connection]:
        reader = _ProfileLinks()
        read_web_page(data, reader)
        if not reader.usernames:
            # another site's page of the same name, or a list with nobody to check in it
            raise FormatError("has no links to Instagram profiles in it", wrong_kind=True)
        usernames = dict.fromkeys(reader.usernames)  # each once, in the page's order
        return people(self.platform, relation, (("", name) for name in usernames))


def _is_entry(entry: Any) -> bool:
    return isinstance(entry, dict) and ("string_list_data" in entry or "title" in entry)


def _username(entry: Any) -> str:
    """value, else title, else the last part of the profile address (dropping /_u/)."""
    if not isinstance(entry, dict):
        return ""
    data = entry.get("string_list_data")
    first = data[0] if isinstance(data, list) and data else {}
    name = text_field(first, "value") or text_field(entry, "title")
    if name:
        return name
    href = text_field(first, "href")
    parts = [p for p in href.split("?")[0].split("/") if p and p != "_u"]
    return parts[-1] if len(parts) > 1 else ""


class _ProfileLinks(PageReader):
    """The usernames of the profile links on a page."""

    def __init__(self) -> None:
        self.usernames: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        match = _PROFILE.match((dict(attrs).get("href") or "").strip())
        if match and match["username"].casefold() not in _NOT_PROFILES:
            self.usernames.append(match["username"])
