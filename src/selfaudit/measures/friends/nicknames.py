"""Nicknames and other spellings (Bill = William, Liz = Elizabeth, Mohammed = Muhammad), read
from resources/friends/nicknames.toml so they can be extended without touching code."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import StringConstraints, ValidationError, model_validator

from selfaudit.content.loader import ContentError, read_toml, validation_problems
from selfaudit.content.models import Frozen
from selfaudit.paths import resources_dir

Word = Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]
MAX_VARIANTS = 8  # "Chris Al Beth ..." could otherwise multiply into hundreds of forms


class NicknameFile(Frozen):
    seed_ref: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?$")]
    names: dict[Word, tuple[Word, ...]]

    @model_validator(mode="after")
    def _forms_differ(self) -> NicknameFile:
        for full, forms in self.names.items():
            if full in forms:
                raise ValueError(f"names.{full}: lists itself as one of its forms")
            if len(set(forms)) != len(forms):
                raise ValueError(f"names.{full}: lists a form twice")
        return self


@dataclass(frozen=True)
class NameEquivalents:
    """word -> the full names it may stand for (itself, when it is a full name)."""

    full_names: dict[str, tuple[str, ...]]

    def canonical(self, word: str) -> tuple[str, ...]:
        return self.full_names.get(word, (word,))

    def variants(self, words: tuple[str, ...]) -> list[tuple[str, ...]]:
        """Every reading of a name with each word replaced by a full name it may stand for:
        ("beth", "jones") -> [("elizabeth", "jones"), ("bethany", "jones")]."""
        options = [self.canonical(word) for word in words]
        readings: list[tuple[str, ...]] = []
        for combo in itertools.islice(itertools.product(*options), MAX_VARIANTS):
            if combo not in readings:
                readings.append(combo)
        return readings


def build_equivalents(names: dict[str, tuple[str, ...]]) -> NameEquivalents:
    full_names: dict[str, list[str]] = {}
    for full in names:
        full_names.setdefault(full, []).append(full)
    for full, forms in names.items():
        for form in forms:
            if full not in full_names.setdefault(form, []):
                full_names[form].append(full)
    return NameEquivalents({word: tuple(fulls) for word, fulls in full_names.items()})


@cache
def load_equivalents(root: Path | None = None) -> NameEquivalents:
    path = (root or resources_dir()) / "friends" / "nicknames.toml"
    try:
        data = NicknameFile.model_validate(read_toml(path))
    except ValidationError as exc:
        raise ContentError(path, validation_problems(exc, "nicknames")) from None
    return build_equivalents(data.names)
