"""How hard a password would be to guess: zxcvbn's estimate, told in our own words.

The password is only ever held in memory for the estimate: nothing here stores, logs or returns
it. The result (`PasswordStrength`) carries the score and our messages, never the password or
the parts of it zxcvbn matched. zxcvbn is imported on the first estimate, not with this module:
its dictionaries take a moment to load and most commands never need them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import StringConstraints

from selfaudit.content.loader import ContentError, read_toml, validation_problems
from selfaudit.content.models import Frozen, Text
from selfaudit.paths import resources_dir

MAX_CHECKED = 72  # zxcvbn refuses longer input (its guard against very slow estimates)
STRONG_ENOUGH = 3  # zxcvbn's own line between "fair" and "strong"
TEXTS_FILE = "password-meter.toml"


class TimeWords(Frozen):
    instant: Text
    second: Text
    seconds: Text
    minute: Text
    minutes: Text
    hour: Text
    hours: Text
    day: Text
    days: Text
    month: Text
    months: Text
    year: Text
    years: Text
    centuries: Text


class Warnings(Frozen):
    personal: Text
    very_common: Text
    common_password: Text
    like_common_password: Text
    single_word: Text
    names: Text
    keyboard_pattern: Text
    repeats: Text
    sequence: Text
    recent_year: Text
    dates: Text


class Suggestions(Frozen):
    add_words: Text
    three_words: Text
    avoid_personal: Text
    capitals: Text
    substitutions: Text
    reversed: Text
    avoid_dates: Text
    avoid_patterns: Text
    keep_private: Text


class MeterTexts(Frozen):
    seed_ref: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?$")]
    score_labels: tuple[Text, Text, Text, Text, Text]
    crack_time: Text
    truncated: Text
    empty: Text
    time: TimeWords
    warnings: Warnings
    suggestions: Suggestions


@cache
def load_meter_texts(root: Path | None = None) -> MeterTexts:
    from pydantic import ValidationError

    path = (root or resources_dir()) / "content" / TEXTS_FILE
    try:
        return MeterTexts.model_validate(read_toml(path))
    except ValidationError as exc:
        raise ContentError(path, validation_problems(exc, "password meter")) from None


@dataclass(frozen=True)
class PasswordStrength:
    """What the meter shows. Holds no part of the password."""

    score: int  # 0 (very weak) to 4 (very strong)
    label: str
    crack_time: str  # a sentence in plain English
    crack_seconds: float
    warning: str  # the main weakness, or ""
    suggestions: tuple[str, ...]
    truncated: bool  # only the first MAX_CHECKED characters were estimated
    empty: bool = False  # nothing typed yet: the meter shows its prompt instead

    def meets(self, minimum: int) -> bool:
        return self.score >= minimum


def personal_words(
    person_name: str = "", organisation: str = "", extra: Iterable[str] = ()
) -> list[str]:
    """Words an attacker would try first for this person: their name, their employer's name and
    the policy's extra words, whole and word by word ("Northshire County Council" → also
    "northshire")."""
    words: list[str] = []
    for phrase in (person_name, organisation, *extra):
        phrase = phrase.strip().lower()
        if not phrase:
            continue
        words.append(phrase)
        words.append(re.sub(r"\W+", "", phrase))
        words.extend(w for w in re.split(r"\W+", phrase) if len(w) >= 3)
    return list(dict.fromkeys(w for w in words if w))


def describe_time(seconds: float, words: TimeWords) -> str:
    minute, hour, day = 60, 3600, 86400
    month, year = day * 31, day * 365
    for size, one, many in (
        (year * 100, None, None),
        (year, words.year, words.years),
        (month, words.month, words.months),
        (day, words.day, words.days),
        (hour, words.hour, words.hours),
        (minute, words.minute, words.minutes),
        (1, words.second, words.seconds),
    ):
        if seconds >= size:
            if one is None or many is None:
                return words.centuries
            count = round(seconds / size)
            return one if count == 1 else many.replace("{n}", str(count))
    return words.instant


class PasswordMeter:
    """Estimates passwords for one person. Safe to call from a worker thread."""

    # zxcvbn keeps the personal words in a module-level dictionary it rebuilds on every call
    _lock = threading.Lock()

    def __init__(self, personal: Sequence[str] = (), texts: MeterTexts | None = None) -> None:
        self.personal = list(personal)
        self.texts = texts or load_meter_texts()

    def measure(self, password: str) -> PasswordStrength:
        if not password:
            return PasswordStrength(0, self.texts.empty, "", 0.0, "", (), False, empty=True)
        from zxcvbn import zxcvbn

        truncated = len(password) > MAX_CHECKED
        with self._lock:
            result: dict[str, Any] = zxcvbn(
                password[:MAX_CHECKED], user_inputs=self.personal, max_length=MAX_CHECKED
            )
        score = int(result["score"])
        seconds = float(result["crack_times_seconds"]["offline_slow_hashing_1e4_per_second"])
        warning, suggestions = self._advice(score, result["sequence"])
        return PasswordStrength(
            score=score,
            label=self.texts.score_labels[score],
            crack_time=self.texts.crack_time.replace(
                "{time}", describe_time(seconds, self.texts.time)
            ),
            crack_seconds=seconds,
            warning=warning,
            suggestions=suggestions,
            truncated=truncated,
        )

    def _advice(self, score: int, sequence: list[dict[str, Any]]) -> tuple[str, tuple[str, ...]]:
        """Our own reading of what zxcvbn matched: the main weakness and what to do."""
        w, s = self.texts.warnings, self.texts.suggestions
        if not sequence:
            return "", ()
        suggestions: list[str] = []
        warning = ""
        personal = any(m.get("dictionary_name") == "user_inputs" for m in sequence)
        if personal:
            warning = w.personal
            suggestions.append(s.avoid_personal)
        weak = score < STRONG_ENOUGH
        if weak:
            longest = max(sequence, key=lambda m: len(m["token"]))
            warning = warning or _warning_for(longest, len(sequence) == 1, w)
            suggestions.insert(0, s.add_words)
            if len(sequence) == 1:
                suggestions.append(s.three_words)
        if weak:
            for match in sequence:
                suggestions.extend(_suggestions_for(match, s))
        elif not personal:
            suggestions.append(s.keep_private)
        return warning, tuple(dict.fromkeys(suggestions))[:4]


def _warning_for(match: dict[str, Any], sole: bool, w: Warnings) -> str:
    pattern = match["pattern"]
    if pattern == "dictionary":
        name = match["dictionary_name"]
        plain = not match.get("l33t") and not match.get("reversed")
        if name == "passwords":
            if sole and plain:
                return w.very_common if match["rank"] <= 100 else w.common_password
            return w.like_common_password if match["guesses_log10"] <= 4 else ""
        if name in {"english_wikipedia", "us_tv_and_film"}:
            return w.single_word if sole else ""
        if name in {"surnames", "male_names", "female_names"}:
            return w.names
        return ""
    return {
        "spatial": w.keyboard_pattern,
        "repeat": w.repeats,
        "sequence": w.sequence,
        "date": w.dates,
        "regex": w.recent_year if match.get("regex_name") == "recent_year" else "",
    }.get(pattern, "")


def _suggestions_for(match: dict[str, Any], s: Suggestions) -> list[str]:
    pattern = match["pattern"]
    found: list[str] = []
    if pattern == "dictionary":
        token = match["token"]
        if token[:1].isupper() or (token.isupper() and token.lower() != token):
            found.append(s.capitals)
        if match.get("reversed") and len(token) >= 4:
            found.append(s.reversed)
        if match.get("l33t"):
            found.append(s.substitutions)
    elif pattern in {"date", "regex"}:
        found.append(s.avoid_dates)
    elif pattern in {"spatial", "repeat", "sequence"}:
        found.append(s.avoid_patterns)
    return found
