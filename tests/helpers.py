"""Small helpers shared by tests."""

from __future__ import annotations

from selfaudit.content.models import Catalog, Check, Outcome


def answer_for(check: Check, outcome: Outcome) -> str:
    """An answer to `check` that has the wanted outcome."""
    for option in check.choices():
        if option.outcome is outcome:
            return option.value
    raise LookupError(f"{check.id} has no answer with outcome {outcome}")


def passing_answers(catalog: Catalog) -> dict[str, str]:
    return {c.id: answer_for(c, Outcome.PASS) for c in catalog.checks}
