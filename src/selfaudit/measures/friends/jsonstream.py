"""Decoding of export files in small steps, so the app's window never waits on one long call.

`json.loads` on a 50 MB file is a single C call that holds the interpreter lock for the whole
parse: a worker thread doing it would freeze the window. Here the outer containers of a JSON
document (where the long lists of friends are) are walked in Python, and each element is
decoded by the standard decoder on its own; text is decoded from bytes a slice at a time.
The result is the same as `json.loads`.

Arrays and the objects that hold them are walked; an object that is an element of an array (a
record: one friend) is decoded whole, which keeps the walk nearly as fast as `json.loads`.
"""

from __future__ import annotations

import codecs
import json
from json.decoder import WHITESPACE, JSONDecodeError, scanstring  # type: ignore[attr-defined]
from typing import Any

TEXT_SLICE = 1024 * 1024
WALKED_DEPTH = 6  # containers deeper than this are decoded in one call

_decoder = json.JSONDecoder()


def decode_text(data: bytes, encoding: str = "utf-8-sig") -> str:
    """Decodes bytes a slice at a time (UTF-16 when it starts with its byte-order mark).
    Raises UnicodeDecodeError as `bytes.decode` would."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    decoder = codecs.getincrementaldecoder(encoding)()
    parts = [
        decoder.decode(data[start : start + TEXT_SLICE])
        for start in range(0, len(data), TEXT_SLICE)
    ]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def _skip(text: str, pos: int) -> int:
    end: int = WHITESPACE.match(text, pos).end()
    return end


def _value(text: str, pos: int, depth: int) -> tuple[Any, int]:
    char = text[pos : pos + 1]
    if depth < WALKED_DEPTH and char == "[":
        return _array(text, pos + 1, depth + 1)
    if depth < WALKED_DEPTH and char == "{":
        return _object(text, pos + 1, depth + 1)
    return _decoder.raw_decode(text, pos)


def _array(text: str, pos: int, depth: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    pos = _skip(text, pos)
    if text[pos : pos + 1] == "]":
        return items, pos + 1
    append = items.append
    skip = WHITESPACE.match
    decode = _decoder.raw_decode
    while True:
        # the hot loop of a long list: records are decoded whole, in one call each
        if text[pos : pos + 1] == "[" and depth < WALKED_DEPTH:
            item, pos = _array(text, pos + 1, depth + 1)
        else:
            item, pos = decode(text, pos)
        append(item)
        pos = skip(text, pos).end()
        char = text[pos : pos + 1]
        if char == "]":
            return items, pos + 1
        if char != ",":
            raise JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = skip(text, pos + 1).end()


def _object(text: str, pos: int, depth: int) -> tuple[dict[str, Any], int]:
    result: dict[str, Any] = {}
    pos = _skip(text, pos)
    if text[pos : pos + 1] == "}":
        return result, pos + 1
    while True:
        if text[pos : pos + 1] != '"':
            raise JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
        key, pos = scanstring(text, pos + 1)
        pos = _skip(text, pos)
        if text[pos : pos + 1] != ":":
            raise JSONDecodeError("Expecting ':' delimiter", text, pos)
        pos = _skip(text, pos + 1)
        result[key], pos = _value(text, pos, depth)
        pos = _skip(text, pos)
        char = text[pos : pos + 1]
        if char == "}":
            return result, pos + 1
        if char != ",":
            raise JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _skip(text, pos + 1)


def loads(text: str, start: int = 0) -> Any:
    """Like `json.loads(text[start:])`, in small steps. Raises JSONDecodeError (and
    RecursionError for absurdly deep nesting, as `json.loads` does)."""
    pos = _skip(text, start)
    value, pos = _value(text, pos, 0)
    pos = _skip(text, pos)
    if pos != len(text):
        raise JSONDecodeError("Extra data", text, pos)
    return value
