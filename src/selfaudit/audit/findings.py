"""From answers to findings and scores. "Not sure" and unanswered are never a pass."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from selfaudit.content.models import Catalog, Check, Outcome


@dataclass(frozen=True)
class Finding:
    check: Check
    outcome: Outcome
    answer: str | None


@dataclass(frozen=True)
class Scores:
    overall: int | None  # 0-100, None when nothing could be scored
    by_measure: dict[str, int | None]


def applies(check: Check, platforms: Iterable[str]) -> bool:
    """A platform check is asked only of people who use that platform; a social-media check only
    of people who use any."""
    chosen = set(platforms)
    if check.platform is not None:
        return check.platform in chosen
    return bool(chosen) or not check.needs_social


def evaluate(
    catalog: Catalog, answers: Mapping[str, str | None], platforms: Iterable[str]
) -> list[Finding]:
    chosen = set(platforms)
    return [
        Finding(
            check=check,
            outcome=check.outcome_of(answers.get(check.id)),
            answer=answers.get(check.id),
        )
        for check in catalog.checks
        if applies(check, chosen)
    ]


def _percent(findings: Iterable[Finding]) -> int | None:
    earned = possible = 0
    for finding in findings:
        if finding.outcome is Outcome.NOT_APPLICABLE:
            continue
        weight = finding.check.severity.weight
        possible += weight
        if finding.outcome is Outcome.PASS:
            earned += weight
    return None if possible == 0 else round(100 * earned / possible)


def score(catalog: Catalog, findings: list[Finding]) -> Scores:
    """Scores weighted by severity: a high-severity check counts three times a low one."""
    return Scores(
        overall=_percent(findings),
        by_measure={
            m.id: _percent(f for f in findings if f.check.measure == m.id) for m in catalog.measures
        },
    )
