"""Text from outside made valid where it enters, and shown so that it cannot take over what shows
it.

- `valid_text` replaces lone surrogates (a JSON "\\ud800", a file name or argument that is not
  UTF-8) with U+FFFD, so every string kept can be saved and printed. `valid_strings` does the
  same throughout a decoded JSON document.
- `for_terminal` shows control characters (escape sequences that retitle or clear a terminal,
  a carriage return that writes over a line) and bidirectional controls (U+202E turns text
  round) as visible escapes, such as \\u001b and \\u202e. The escapes are also JSON's, so JSON
  printed through it stays valid and means the same.
- `isolate` keeps text's bidirectional controls inside it on a page (PDF, HTML): the text is put
  between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, which ends every embedding and
  override begun inside (Unicode's bidirectional algorithm, rule X6a).
- `unsafe_characters` lists what a name meant for a page or a header should never hold.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

REPLACEMENT = "\ufffd"
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"

# the bidirectional formatting characters: marks, embeddings, overrides, isolates
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_RANGES = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
_UNSAFE_FOR_TERMINAL = re.compile(f"[{_CONTROL_RANGES}{BIDI_CONTROLS}\ud800-\udfff]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_ANY_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def decode_text(data: bytes) -> str:
    """Text from a file: UTF-16 when it starts with its byte-order mark, else UTF-8 (with or
    without one). Raises UnicodeDecodeError as `bytes.decode` does."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return valid_text(data.decode("utf-16"))  # UTF-16 may carry unpaired surrogates
    return data.decode("utf-8-sig")


def valid_text(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (Python strings hold no pairs)."""
    if text.isascii():
        return text
    return _SURROGATE.sub(REPLACEMENT, text)


def valid_strings(document: Any) -> Any:
    """A decoded JSON document with `valid_text` applied to every key and string, walked
    without recursion (however deep the document)."""
    if isinstance(document, str):
        return valid_text(document)
    if not isinstance(document, dict | list):
        return document
    pending: list[Any] = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, str):
                    node[index] = valid_text(value)
                elif isinstance(value, dict | list):
                    pending.append(value)
        else:
            for key in list(node):
                value = node[key]
                if isinstance(value, str):
                    value = valid_text(value)
                elif isinstance(value, dict | list):
                    pending.append(value)
                if isinstance(key, str) and valid_text(key) != key:
                    del node[key]
                    key = valid_text(key)
                node[key] = value
    return document


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def for_terminal(text: str) -> str:
    """`text` with control characters (but tab and newline), bidirectional controls and lone
    surrogates shown as \\uXXXX escapes."""
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE_FOR_TERMINAL.sub(_escape, text)


def isolate(text: str) -> str:
    """`text` as an isolate when it holds bidirectional controls (so they act only inside it),
    else as it is: plain text stays plain, and copies as it was."""
    if not _BIDI.search(text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def unsafe_characters(text: str) -> list[str]:
    """The control and bidirectional characters in `text`, each once, as U+XXXX."""
    found = dict.fromkeys(f"U+{ord(c):04X}" for c in _ANY_CONTROL.findall(text))
    return list(found)
