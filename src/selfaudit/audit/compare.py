""" "Since your last audit": what improved, what got worse and what is new between two audits."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from selfaudit.audit.state import AuditRecord
from selfaudit.content.models import Catalog, Check, Outcome

GOOD = (Outcome.PASS, Outcome.NOT_APPLICABLE)


class Change(StrEnum):
    IMPROVED = "improved"  # did not pass before, passes (or no longer applies) now
    WORSE = "worse"  # passed before, does not now
    NEW = "new"  # not asked last time (a new question, or a platform the person started using)


@dataclass(frozen=True)
class CheckChange:
    change: Change
    check: Check
    before: Outcome | None
    after: Outcome


@dataclass(frozen=True)
class Comparison:
    before: AuditRecord
    after: AuditRecord
    changes: tuple[CheckChange, ...]  # in catalog order

    @property
    def score_change(self) -> int | None:
        if self.before.score is None or self.after.score is None:
            return None
        return self.after.score - self.before.score

    def of(self, change: Change) -> list[CheckChange]:
        return [c for c in self.changes if c.change is change]


def compare(catalog: Catalog, before: AuditRecord, after: AuditRecord) -> Comparison:
    """Moves between "not sure" and "no" are not listed: the check needs fixing either way."""
    changes: list[CheckChange] = []
    for check in catalog.checks:
        now = after.outcomes.get(check.id)
        if now is None:
            continue
        then = before.outcomes.get(check.id)
        if then is None:
            changes.append(CheckChange(Change.NEW, check, None, now))
        elif then not in GOOD and now in GOOD:
            changes.append(CheckChange(Change.IMPROVED, check, then, now))
        elif then in GOOD and now not in GOOD:
            changes.append(CheckChange(Change.WORSE, check, then, now))
    return Comparison(before=before, after=after, changes=tuple(changes))


def since_last_audit(catalog: Catalog, audits: list[AuditRecord]) -> Comparison | None:
    """The latest audit against the one before it; None until there have been two."""
    if len(audits) < 2:
        return None
    return compare(catalog, audits[-2], audits[-1])
