"""The one interface every platform's importer follows, and the helpers they share."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from json import JSONDecodeError
from pathlib import PurePosixPath
from typing import Any, ClassVar

from selfaudit.measures.friends import jsonstream
from selfaudit.measures.friends.model import Connection, Relation
from selfaudit.measures.friends.names import repair_mojibake


class FormatError(Exception):
    """A file an importer was given does not hold what it reads. `wrong_kind` means it is some
    other file (another importer may read it); otherwise it is this kind of file, damaged."""

    def __init__(self, reason: str, wrong_kind: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wrong_kind = wrong_kind


class FriendsImporter(ABC):
    """Reads one platform's friends, followers or connections files.

    `claims` picks the files by name, wherever they sit in the export; `recognises` tells an
    export of this platform that has no friends file (so the message can say how to get one);
    `parse` turns one file's bytes into connections or raises FormatError.
    """

    platform: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]  # file types worth trying when a file was renamed
    # path fragments (lower case) found only in this platform's exports
    signatures: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def claims(self, path: str) -> bool:
        """Whether a file at this path (inside an export, "/" separated) is one of ours."""

    def recognises(self, paths: Iterable[str]) -> bool:
        return any(sig in path.casefold() for path in paths for sig in self.signatures)

    @abstractmethod
    def parse(self, path: str, data: bytes) -> list[Connection]:
        """The people in the file. Raises FormatError, and nothing else, on bad input."""


def base_name(path: str) -> str:
    return PurePosixPath(path).name.casefold()


def parent_name(path: str) -> str:
    parent = PurePosixPath(path).parent.name
    return parent.casefold()


def load_json(data: bytes) -> Any:
    """The JSON document in `data`, decoded in small steps; FormatError when it is damaged."""
    try:
        text = jsonstream.decode_text(data)
    except UnicodeDecodeError:
        raise FormatError("is not a text file", wrong_kind=True) from None
    if text.lstrip()[:1] not in ("{", "["):
        raise FormatError("is not a JSON file", wrong_kind=True)
    try:
        return jsonstream.loads(text)
    except JSONDecodeError as exc:
        raise FormatError(
            f"is damaged: the JSON breaks at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise FormatError("is damaged: the JSON is nested far too deeply") from None


HTML_SLICE = 64 * 1024  # characters of a web page parsed at a time


def read_web_page(data: bytes, reader: HTMLParser) -> None:
    """Feeds the page in `data` to `reader` a slice at a time (the window keeps its turns);
    FormatError when it is not text or the parser gives up on it."""
    try:
        text = jsonstream.decode_text(data)
    except UnicodeDecodeError:
        raise FormatError("is not a web page", wrong_kind=True) from None
    try:
        for start in range(0, len(text), HTML_SLICE):
            reader.feed(text[start : start + HTML_SLICE])
        reader.close()
    except (AssertionError, ValueError) as exc:  # html.parser's own complaints
        raise FormatError(f"is a damaged web page ({exc})") from None


RELEASE_STEP = 10_000  # entries freed at a time


def release(document: Any) -> None:
    """Empties the long lists of a parsed document a slice at a time. When the last reference
    to a list of hundreds of thousands of entries goes, Python frees them all in one call that
    holds the interpreter lock, and the window with it, for tens of milliseconds; a slice at a
    time, the window gets its turn in between. Only for what nobody needs any more."""
    pending = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            pending.extend(value for value in node.values() if isinstance(value, dict | list))
        elif isinstance(node, list):
            while node:
                del node[-RELEASE_STEP:]


def text_field(item: Any, *keys: str) -> str:
    """The first of `keys` that holds text in `item`, repaired and trimmed ("" if none)."""
    if not isinstance(item, dict):
        return ""
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return repair_mojibake(value).strip()
    return ""


_VERSIONED = re.compile(r"^(?P<kind>[a-z_]+?)(_v\d+)?$")


def versioned_lists(doc: Any, kinds: dict[str, Relation]) -> Iterator[tuple[Relation, list[Any]]]:
    """The lists under keys such as "friends_v2" or "followers_v3" (Meta adds a version
    suffix that changes between exports). `kinds` maps the key without its suffix to the
    relation its entries have."""
    if not isinstance(doc, dict):
        return
    for key, value in doc.items():
        match = _VERSIONED.match(key)
        if match and match["kind"] in kinds and isinstance(value, list):
            yield kinds[match["kind"]], value


def people(
    platform: str, relation: Relation, entries: Iterable[tuple[str, str]]
) -> list[Connection]:
    """Connections from (name, handle) pairs, skipping entries with neither."""
    relations = frozenset({relation})
    return [
        Connection(platform=platform, relations=relations, name=name, handle=handle)
        for name, handle in entries
        if name or handle
    ]
