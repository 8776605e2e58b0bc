"""Facebook's "Download your information": friends, followers and people you follow.

JSON by era (names only, no profile addresses):
- 2023 on: connections/friends/your_friends.json {"friends_v2": [{"name", "timestamp"}]};
  connections/followers/people_who_followed_you.json {"followers_v3"|"followers_v2": [...]},
  who_you've_followed.json / who_you_follow.json {"following_v3"|"following_v2": [...]};
- 2021-2022: friends_and_followers/friends.json {"friends_v2": [...]};
- 2018-2020: friends/friends.json {"friends": [...]}.
Names are written as one character per UTF-8 byte ("JosÃ©") and repaired.

HTML: your_friends.html has one <section> per friend with the name in its <h2>; the oldest
exports (friends.htm) list friends as <li> items in <div class="contents">.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from selfaudit.measures.friends.importers.base import (
    FormatError,
    FriendsImporter,
    base_name,
    load_json,
    parent_name,
    people,
    read_web_page,
    text_field,
    versioned_lists,
)
from selfaudit.measures.friends.importers.webpage import PageReader
from selfaudit.measures.friends.model import Connection, Relation
from selfaudit.measures.friends.names import repair_mojibake

JSON_FILES = {
    "your_friends.json",
    "friends.json",
    "people_who_followed_you.json",
    "followers.json",
    "who_you've_followed.json",
    "who_you_ve_followed.json",
    "who_you_follow.json",
}
# friends.html is also Snapchat's (html/friends.html): ours only in Facebook's own folders
HTML_FOLDERS = {"friends", "friends_and_followers"}
KINDS = {
    "friends": Relation.FRIEND,
    "followers": Relation.FOLLOWER,
    "following": Relation.FOLLOWING,
}
_SUFFIX_IN_BRACKETS = re.compile(r"\s*[(\[].*$")


class FacebookImporter(FriendsImporter):
    platform: ClassVar[str] = "facebook"
    suffixes: ClassVar[tuple[str, ...]] = (".json", ".html", ".htm")
    signatures: ClassVar[tuple[str, ...]] = (
        "your_facebook_activity/",
        "profile_information/profile_information",
        "facebook-",
        "facebook_",
    )

    def claims(self, path: str) -> bool:
        name = base_name(path)
        if name in JSON_FILES or name in ("your_friends.html", "friends.htm"):
            return True
        return name == "friends.html" and ("/" not in path or parent_name(path) in HTML_FOLDERS)

    def parse(self, path: str, data: bytes) -> list[Connection]:
        if base_name(path).endswith((".html", ".htm")):
            return self._parse_html(data)
        doc = load_json(data)
        found = list(versioned_lists(doc, KINDS))
        # some exports hold the list alone; ours only if its entries carry a "name"
        if not found and isinstance(doc, list) and all(_has_name(entry) for entry in doc):
            found = [(_relation_from_file(path), doc)]
        if not found:
            raise FormatError("is not a Facebook friends or followers file", wrong_kind=True)
        connections: list[Connection] = []
        for relation, entries in found:
            read = people(self.platform, relation, ((_entry_name(e), "") for e in entries))
            if entries and not read:
                raise FormatError("holds no names that selfaudit can read")
            connections += read
        return connections

    def _parse_html(self, data: bytes) -> list[Connection]:
        reader = _FriendsPage()
        read_web_page(data, reader)
        if not reader.names and not reader.looks_like_friends_page:
            raise FormatError(
                "is a Facebook web page in a layout selfaudit does not know", wrong_kind=True
            )
        return people(self.platform, Relation.FRIEND, ((n, "") for n in reader.names))


def _has_name(entry: Any) -> bool:
    return isinstance(entry, dict) and "name" in entry


def _entry_name(entry: Any) -> str:
    if isinstance(entry, dict):  # the usual {"name": ...}, without text_field's generality
        name = entry.get("name")
        if isinstance(name, str) and name.strip():
            return repair_mojibake(name).strip()
    name = text_field(entry, "name", "title")
    if name or not isinstance(entry, dict):
        return name
    data = entry.get("string_list_data")
    if isinstance(data, list) and data:
        return text_field(data[0], "value")
    return ""


def _relation_from_file(path: str) -> Relation:
    name = base_name(path)
    if "followed_you" in name or name.startswith("followers"):
        return Relation.FOLLOWER
    if "follow" in name:
        return Relation.FOLLOWING
    return Relation.FRIEND


class _FriendsPage(PageReader):
    """Collects friends' names from both of Facebook's HTML layouts."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.looks_like_friends_page = False
        self._section_depth = 0
        self._contents_depth = 0  # inside <div class="contents"> (oldest layout)
        self._div_depth = 0
        self._capture: list[str] | None = None
        self._capture_tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self._section_depth += 1
            self.looks_like_friends_page = True
        elif tag == "div":
            self._div_depth += 1
            classes = (dict(attrs).get("class") or "").split()
            if "contents" in classes and not self._contents_depth:
                self._contents_depth = self._div_depth
                self.looks_like_friends_page = True
        if self._capture is None and (
            (tag == "h2" and self._section_depth)
            or (tag == "li" and self._contents_depth and not self._section_depth)
        ):
            self._capture = []
            self._capture_tag = tag

    def handle_endtag(self, tag: str) -> None:
        if self._capture is not None and tag == self._capture_tag:
            name = " ".join("".join(self._capture).split())
            if self._capture_tag == "li":
                name = _SUFFIX_IN_BRACKETS.sub("", name)  # "Jane Doe (jane@example.com)"
            if name:
                self.names.append(name)
            self._capture = None
        if tag == "section" and self._section_depth:
            self._section_depth -= 1
        elif tag == "div" and self._div_depth:
            if self._div_depth == self._contents_depth:
                self._contents_depth = 0
            self._div_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture.append(data)
