"""The password meter: zxcvbn's estimate in our own words, personal words penalised, long
passwords handled, and the password itself never kept in the result."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from selfaudit.content import ContentError
from selfaudit.measures.passwords import (
    MAX_CHECKED,
    PasswordMeter,
    describe_time,
    load_meter_texts,
    personal_words,
)
from selfaudit.paths import resources_dir

TEXTS = load_meter_texts()
METER = PasswordMeter()
OUR_WARNINGS = set(TEXTS.warnings.model_dump().values()) | {""}
OUR_SUGGESTIONS = set(TEXTS.suggestions.model_dump().values())


def test_a_top_password_is_very_weak_with_our_own_warning() -> None:
    result = METER.measure("password")
    assert result.score == 0 and result.label == TEXTS.score_labels[0]
    assert result.warning == TEXTS.warnings.very_common
    assert TEXTS.suggestions.add_words in result.suggestions


def test_three_random_words_are_strong_and_the_advice_is_to_keep_it_private() -> None:
    result = METER.measure("kettle cloud violin")
    assert result.score >= 3 and result.meets(3)
    assert result.warning == ""
    assert result.suggestions == (TEXTS.suggestions.keep_private,)


def test_the_organisation_and_the_persons_name_make_a_password_weak() -> None:
    plain = PasswordMeter().measure("Northshirecouncil2024")
    personal = PasswordMeter(
        personal_words("Sam Taylor", "Northshire County Council", ["council"])
    ).measure("Northshirecouncil2024")
    assert personal.score < plain.score
    assert personal.warning == TEXTS.warnings.personal
    assert TEXTS.suggestions.avoid_personal in personal.suggestions
    named = PasswordMeter(personal_words("Sam Taylor")).measure("SamTaylor")
    assert named.warning == TEXTS.warnings.personal


def test_personal_words_are_split_and_lowercased() -> None:
    words = personal_words("Sam Taylor", "St. Mary's School", ["Greenfield"])
    assert {"sam taylor", "samtaylor", "taylor", "mary", "school", "greenfield"} <= set(words)
    assert "st" not in words, "words under three letters match too much"
    assert personal_words() == []


def test_a_long_password_is_estimated_on_its_first_72_characters_and_says_so() -> None:
    base = "a quiet morning walk along the old canal path with"
    long_password = (base + " " + base).ljust(MAX_CHECKED + 40, "x")
    result = METER.measure(long_password)
    assert result.truncated
    first = METER.measure(long_password[:MAX_CHECKED])
    assert (result.score, result.crack_seconds) == (first.score, first.crack_seconds)
    assert not first.truncated
    assert METER.measure("x" * 5000).truncated  # never an error, however long


def test_nothing_typed_is_the_prompt_not_a_score() -> None:
    result = METER.measure("")
    assert result.empty and result.label == TEXTS.empty and result.suggestions == ()


@settings(max_examples=60, deadline=None)
@given(password=st.text(min_size=1, max_size=90))
def test_only_our_own_messages_are_shown(password: str) -> None:
    result = METER.measure(password)
    assert 0 <= result.score <= 4
    assert result.label == TEXTS.score_labels[result.score]
    assert result.warning in OUR_WARNINGS
    assert set(result.suggestions) <= OUR_SUGGESTIONS
    assert result.crack_time.startswith(TEXTS.crack_time.split("{time}")[0])


@settings(max_examples=40, deadline=None)
@given(password=st.text(alphabet=st.characters(codec="utf-8"), min_size=8, max_size=80))
def test_the_result_holds_no_part_of_the_password(password: str) -> None:
    everything = " ".join([*OUR_WARNINGS, *OUR_SUGGESTIONS, *TEXTS.score_labels, TEXTS.crack_time])
    assume(password not in everything)
    result = METER.measure(password)
    # what it holds, not its repr: a field's name ("truncated") is no part of the password
    held = [getattr(result, field.name) for field in dataclasses.fields(result)]
    assert password not in repr(held)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0.002, "less than a second"),
        (1, "about 1 second"),
        (40, "about 40 seconds"),
        (90, "about 2 minutes"),
        (3600 * 5, "about 5 hours"),
        (86400 * 3, "about 3 days"),
        (86400 * 62, "about 2 months"),
        (86400 * 365 * 7, "about 7 years"),
        (86400 * 365 * 500, "hundreds of years"),
    ],
)
def test_crack_time_in_plain_words(seconds: float, words: str) -> None:
    assert describe_time(seconds, TEXTS.time) == words


def test_a_damaged_messages_file_names_the_missing_key(tmp_path: Path) -> None:
    shutil.copytree(resources_dir() / "content", tmp_path / "content")
    path = tmp_path / "content" / "password-meter.toml"
    path.write_text(path.read_text().replace("dates = ", "datez = "), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_meter_texts(tmp_path)
    message = str(error.value)
    assert "password-meter.toml" in message and "warnings.dates" in message


def test_zxcvbn_is_loaded_only_when_a_password_is_measured() -> None:
    code = (
        "import sys; import selfaudit.measures.passwords as p; "
        "from selfaudit.cli import run; run(['checks']); "
        "assert 'zxcvbn' not in sys.modules, 'loaded too early'; "
        "p.PasswordMeter().measure('x'); assert 'zxcvbn' in sys.modules"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr


def test_the_label_agrees_with_the_time_to_guess() -> None:
    """A password a computer could guess in minutes is never given a reassuring label."""
    result = PasswordMeter().measure("Summer2024")
    assert result.crack_seconds < 3600
    assert "minute" in result.crack_time
    assert "easy to guess" in result.label.lower()
    assert not re.search(r"\b(fair|strong|good|ok)\b", result.label.lower())
    strong = PasswordMeter().measure("kettle cloud violin harbour")
    assert strong.label.lower().endswith("hard to guess")
