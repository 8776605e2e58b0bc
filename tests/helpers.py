"""Small helpers shared by tests."""

from __future__ import annotations

from pathlib import Path

from selfaudit.content.models import Catalog, Check, Outcome


def answer_for(check: Check, outcome: Outcome) -> str:
    """An answer to `check` that has the wanted outcome."""
    for option in check.choices():
        if option.outcome is outcome:
            return option.value
    raise LookupError(f"{check.id} has no answer with outcome {outcome}")


def passing_answers(catalog: Catalog) -> dict[str, str]:
    return {c.id: answer_for(c, Outcome.PASS) for c in catalog.checks}


def edit_text(path: Path, old: str, new: str) -> None:
    """Replaces the first `old` in a file, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
