"""The one interface every platform's importer follows, and the helpers they share."""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any, ClassVar

from selfaudit.bounded import memory_cap
from selfaudit.measures.friends.importers.webpage import PageReader, read_page
from selfaudit.measures.friends.model import Connection, Relation
from selfaudit.measures.friends.names import repair_mojibake
from selfaudit.safe_text import decode_text, valid_text


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


def read_text(data: bytes) -> str:
    """The text of a file; FormatError when it is not text."""
    try:
        return decode_text(data)
    except UnicodeDecodeError:
        raise FormatError("is not a text file", wrong_kind=True) from None


PARSE_MEMORY = 192 * 1024 * 1024  # a 32 MB friends file takes about 140 MB once parsed


def parse_json(text: str, what: str = "JSON") -> Any:
    """The JSON document in `text`; FormatError, and nothing else, when it is damaged or
    hostile (nested thousands deep, numbers thousands of digits long, or built to take far
    more memory once parsed than a friends list does: `bounded.memory_cap`)."""
    try:
        with memory_cap(PARSE_MEMORY):
            return json.loads(text)
    except MemoryError:
        raise FormatError(
            f"is not a friends list: its {what} would take far more memory than one does"
        ) from None
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"is damaged: the {what} breaks at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise FormatError(f"is damaged: the {what} is nested far too deeply") from None
    except ValueError:  # Python's limit on the digits of a whole number
        raise FormatError(f"is damaged: the {what} holds a number far too long") from None


def load_json(data: bytes) -> Any:
    """The JSON document in `data`; FormatError when it is not JSON or is damaged."""
    text = read_text(data)
    if text.lstrip()[:1] not in ("{", "["):
        raise FormatError("is not a JSON file", wrong_kind=True)
    return parse_json(text)


def read_web_page(data: bytes, reader: PageReader) -> None:
    """Hands the page in `data` to `reader` (in one pass: see webpage.py); FormatError when
    it is not text."""
    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        raise FormatError("is not a web page", wrong_kind=True) from None
    read_page(text, reader)


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
        Connection(
            platform=platform, relations=relations, name=valid_text(name), handle=valid_text(handle)
        )
        for name, handle in entries
        if name or handle
    ]
