"""Text from outside made valid, and shown so that it cannot take over a terminal or a page."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from selfaudit.safe_text import (
    for_terminal,
    isolate,
    unsafe_characters,
    valid_strings,
    valid_text,
)


def test_lone_surrogates_are_replaced() -> None:
    assert valid_text("Jane Doe \ud800") == "Jane Doe \ufffd"
    assert valid_text("plain") == "plain"
    assert valid_text("Zoë 😀") == "Zoë 😀"
    document = json.loads('{"a\\udc00": ["x\\ud800", {"b": "\\udfff"}], "n": 1}')
    assert valid_strings(document) == {"a\ufffd": ["x\ufffd", {"b": "\ufffd"}], "n": 1}


@given(st.text())
def test_valid_text_always_encodes(text: str) -> None:
    valid_text(text).encode("utf-8")


def test_terminal_output_shows_controls_and_bidi_escaped() -> None:
    assert for_terminal("Jane\x1b]0;owned\x07") == "Jane\\u001b]0;owned\\u0007"
    assert for_terminal("abc\u202edef") == "abc\\u202edef"
    assert for_terminal("over\rwrite") == "over\\u000dwrite"
    assert for_terminal("two\nlines\tand a tab") == "two\nlines\tand a tab"
    assert for_terminal("Zoë Ñ 😀") == "Zoë Ñ 😀"
    assert for_terminal("bad \udcff") == "bad \\udcff"


@given(st.text())
def test_escaped_json_stays_the_same_json(text: str) -> None:
    printed = json.dumps({"name": text}, ensure_ascii=False)
    shown = for_terminal(printed)
    assert json.loads(shown) == {"name": text}
    assert not unsafe_characters(shown.replace("\n", "").replace("\t", ""))


def test_isolate_only_text_that_needs_it() -> None:
    assert isolate("Riverside Council") == "Riverside Council"
    assert isolate("\u202eevil") == "\u2068\u202eevil\u2069"


def test_unsafe_characters_are_named() -> None:
    assert unsafe_characters("Riverside\u202e\x1b\u202e") == ["U+202E", "U+001B"]
    assert unsafe_characters("Zoë's school") == []
