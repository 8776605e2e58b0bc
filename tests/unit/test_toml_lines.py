"""Line numbers of TOML keys, which tomllib does not give."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.toml_lines import key_lines, line_of

TRICKY = """\
# a comment with "quotes" and = signs
organisation = "A # not a comment"  # a comment
notes = '''
line one
name = "not a key"
'''
text = \"\"\"escaped \\\"\"\" still inside
still = "inside"\"\"\"
"quoted key" = 1
dotted.key = 2
platforms = [
  "facebook", # comment ]
  'x',
  { a = 1, b = [1,
    2] },
]

[due_days]
high = 7

[[contacts]]
role = "first"

[[contacts]]
role = "second"
[[contacts.phones]]
number = "1"
[contacts.extra]
k = "v"
"""


def test_tricky_document() -> None:
    tomllib.loads(TRICKY)  # the scanner only ever sees valid TOML
    lines = key_lines(TRICKY)
    assert lines[("organisation",)] == 2
    assert lines[("notes",)] == 3
    assert ("name",) not in lines  # inside a multi-line string
    assert lines[("text",)] == 7
    assert ("still",) not in lines
    assert lines[("quoted key",)] == 9
    assert lines[("dotted",)] == lines[("dotted", "key")] == 10
    assert lines[("platforms",)] == 11
    assert lines[("platforms", 0)] == 12
    assert lines[("platforms", 1)] == 13
    assert lines[("platforms", 2, "a")] == 14
    assert lines[("platforms", 2, "b", 1)] == 15
    assert lines[("due_days", "high")] == 19
    assert lines[("contacts", 0)] == 21
    assert lines[("contacts", 0, "role")] == 22
    assert lines[("contacts", 1, "role")] == 25
    assert lines[("contacts", 1, "phones", 0, "number")] == 27
    assert lines[("contacts", 1, "extra", "k")] == 29


def test_line_of_falls_back_to_the_enclosing_table() -> None:
    lines = key_lines('[[contacts]]\nrole = "x"\n')
    assert line_of(lines, ("contacts", 0, "email")) == 1
    assert line_of(lines, ("missing",)) is None


def test_unexpected_text_gives_what_was_found_so_far() -> None:
    lines = key_lines('a = 1\nb = "unterminated\nc = 3\n')
    assert lines[("a",)] == 1 and lines[("b",)] == 2


keys = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
values = st.sampled_from(
    [
        '"text"',
        "'lit'",
        "12",
        "true",
        '"""two\nlines"""',
        "[1,\n 2,\n]",
        '{ x = "y" }',
        "1979-05-27",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=8), st.integers(0, 2))
def test_each_key_is_found_on_the_line_it_was_written(
    entries: dict[str, str], blank_lines: int
) -> None:
    text, expected, line = "", {}, 1
    for key, value in entries.items():
        text += "\n" * blank_lines + f"# about {key}\n"
        line += blank_lines + 1
        expected[(key,)] = line
        text += f"{key} = {value}\n"
        line += value.count("\n") + 1
    assert set(tomllib.loads(text)) == set(entries)
    found = key_lines(text)
    assert {k: found[k] for k in expected} == expected
