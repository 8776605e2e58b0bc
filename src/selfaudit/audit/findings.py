"""From answers to findings and scores. "Not sure" and unanswered are never a pass."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from selfaudit.audit.probe_record import detected_outcome
from selfaudit.audit.state import AppState
from selfaudit.content.models import Catalog, Check, Outcome
from selfaudit.probes.probe import ProbeStatus


@dataclass(frozen=True)
class Finding:
    check: Check
    outcome: Outcome
    answer: str | None
    detected: bool = False  # the outcome comes from a probe of this computer, not the answer


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
    catalog: Catalog,
    answers: Mapping[str, str | None],
    platforms: Iterable[str],
    probes: Mapping[str, ProbeStatus] | None = None,
) -> list[Finding]:
    """`probes` maps a probe id to what it last found; a probe that saw the setting decides its
    detected check, otherwise the answer does."""
    chosen = set(platforms)
    findings = []
    for check in catalog.checks:
        if not applies(check, chosen):
            continue
        answer = answers.get(check.id)
        measured = detected_outcome(check, probes or {})
        findings.append(
            Finding(
                check=check,
                outcome=measured if measured is not None else check.outcome_of(answer),
                answer=answer,
                detected=measured is not None,
            )
        )
    return findings


def evaluate_state(catalog: Catalog, state: AppState) -> list[Finding]:
    """The findings for the person's saved answers and what this computer's probes last saw."""
    answers = {check_id: a.value for check_id, a in state.answers.items()}
    probes = {probe: r.status for probe, r in state.probe_results.items()}
    return evaluate(catalog, answers, state.platforms, probes)


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
