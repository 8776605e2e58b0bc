"""Re-audits: which answers have aged and must be asked again, and when the next audit is due.

A re-audit starts from the last answers. It asks again only what is new (never answered, for
example a platform the person has started using), what did not pass last time (the person may
have fixed it), what a probe of this computer answers (cheap to look again), and what passed but
was confirmed longer ago than its interval allows. Everything else is kept as it was.

The schedule: each audit section (measure) is due its interval after the last audit that covered
it: the policy's interval for that section if it sets one (passwords yearly, the friend check
each term), otherwise the overall `reaudit_days`. Someone who has never finished an audit is due
at once. Dates are the person's local calendar dates: an audit finished late in the evening
counts for that evening's date, wherever UTC was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from selfaudit.audit.findings import applies
from selfaudit.audit.state import AppState, AuditRecord
from selfaudit.content.models import AnswerKind, Catalog, Check, Outcome
from selfaudit.dates import local_date
from selfaudit.policy import Policy


def personal_policy(policy: Policy, state: AppState) -> Policy:
    """The policy with the person's own re-audit interval where it is shorter: they may ask to
    be reminded sooner than their organisation asks, never later."""
    own = state.own_reaudit_days
    if own is None:
        return policy
    by_measure = {m: min(days, own) for m, days in policy.reaudit_days_by_measure.items()}
    return policy.model_copy(
        update={
            "reaudit_days": min(policy.reaudit_days, own),
            "reaudit_days_by_measure": by_measure,
        }
    )


def confirmation_days(check: Check, policy: Policy) -> int:
    """How long a confirmed answer holds: the shortest of the check's own interval and the
    policy's interval for its measure, else the policy's re-audit interval."""
    own = [
        days
        for days in (check.reconfirm_days, policy.reaudit_days_by_measure.get(check.measure))
        if days is not None
    ]
    return min(own) if own else policy.reaudit_days


def is_stale(check: Check, answered_at: datetime, policy: Policy, now: datetime) -> bool:
    return now - answered_at >= timedelta(days=confirmation_days(check, policy))


@dataclass(frozen=True)
class ReauditScope:
    """The checks a re-audit leaves alone: answered, passing (or not applying) and still fresh.

    Taken once when the re-audit starts, so a question the person answers during it stays on
    its page when they go back.
    """

    settled: frozenset[str]
    started_at: datetime

    def asks(self, check: Check) -> bool:
        return check.id not in self.settled


def settled_checks(
    catalog: Catalog, state: AppState, policy: Policy, now: datetime
) -> frozenset[str]:
    policy = personal_policy(policy, state)
    settled: set[str] = set()
    for check in catalog.checks:
        answer = state.answers.get(check.id)
        if answer is None or check.answer is AnswerKind.DETECTED:
            continue
        if check.outcome_of(answer.value) not in (Outcome.PASS, Outcome.NOT_APPLICABLE):
            continue
        if not is_stale(check, answer.answered_at, policy, now):
            settled.add(check.id)
    return frozenset(settled)


def reaudit_scope(catalog: Catalog, state: AppState, policy: Policy, now: datetime) -> ReauditScope:
    return ReauditScope(settled=settled_checks(catalog, state, policy, now), started_at=now)


def due_again(catalog: Catalog, state: AppState, policy: Policy, now: datetime) -> list[Check]:
    """The checks a re-audit started now would ask, for the platforms the person uses."""
    settled = settled_checks(catalog, state, policy, now)
    return [c for c in catalog.checks if applies(c, state.platforms) and c.id not in settled]


@dataclass(frozen=True)
class SectionDue:
    """One audit section's place in the schedule."""

    measure: str
    interval_days: int
    last_done: date | None  # None: no finished audit has covered it yet
    expires: date | None = None  # when its first confirmed answer ages out, if sooner

    @property
    def due(self) -> date | None:
        """The day it is due again; None when it has never been done (due now)."""
        if self.last_done is None:
            return None
        due = self.last_done + timedelta(self.interval_days)
        return due if self.expires is None else min(due, self.expires)

    def is_due(self, today: date) -> bool:
        return self.due is None or self.due <= today


@dataclass(frozen=True)
class ReauditSchedule:
    reaudit_days: int
    last_audit: date | None
    sections: tuple[SectionDue, ...]

    @property
    def next_audit(self) -> date | None:
        """The next full self-audit: the overall interval after the last one."""
        if self.last_audit is None:
            return None
        return self.last_audit + timedelta(self.reaudit_days)

    @property
    def next_due(self) -> date | None:
        """The first day anything is due (None: due now, never audited)."""
        dues = [s.due for s in self.sections]
        if not dues or any(d is None for d in dues):
            return None
        return min(d for d in dues if d is not None)

    def sections_due(self, today: date) -> list[SectionDue]:
        return [s for s in self.sections if s.is_due(today)]


def reaudit_schedule(
    audits: Sequence[AuditRecord],
    policy: Policy,
    measures: Iterable[str],
    tz: tzinfo | None = None,
    expires: Mapping[str, date] | None = None,
) -> ReauditSchedule:
    """The schedule after `audits` (oldest first, as AppState keeps them) for these sections;
    `expires` says when a section's confirmed answers start to age out (audit/reaudit.py), which
    can make it due before its interval."""
    last_done: dict[str, date] = {}
    for record in audits:
        day = local_date(record.completed_at, tz)
        for measure in record.measure_scores:
            if measure not in last_done or last_done[measure] < day:
                last_done[measure] = day
    last_audit = max((local_date(r.completed_at, tz) for r in audits), default=None)
    return ReauditSchedule(
        reaudit_days=policy.reaudit_days,
        last_audit=last_audit,
        sections=tuple(
            SectionDue(m, policy.reaudit_interval(m), last_done.get(m), (expires or {}).get(m))
            for m in measures
        ),
    )


def answer_expiries(
    catalog: Catalog, state: AppState, policy: Policy, tz: tzinfo | None = None
) -> dict[str, date]:
    """For each section (measure), the day its first confirmed answer ages out."""
    policy = personal_policy(policy, state)
    expiries: dict[str, date] = {}
    for check in _answered_applicable(catalog, state):
        answered = local_date(state.answers[check.id].answered_at, tz)
        expires = answered + timedelta(days=confirmation_days(check, policy))
        expiries[check.measure] = min(expires, expiries.get(check.measure, expires))
    return expiries


def schedule(
    catalog: Catalog, state: AppState, policy: Policy, tz: tzinfo | None = None
) -> ReauditSchedule:
    """When each section is due again: its interval after the last audit that covered it, or
    sooner when a confirmed answer ages out first. The dashboard, the command line, reminders
    and the calendar all read this one schedule."""
    return reaudit_schedule(
        state.audits,
        personal_policy(policy, state),
        [m.id for m in catalog.measures],
        tz,
        answer_expiries(catalog, state, policy, tz),
    )


def next_due(catalog: Catalog, state: AppState, policy: Policy) -> date | None:
    """When the next audit is due; None before the first audit."""
    if not state.audits:
        return None
    return schedule(catalog, state, policy).next_due


def _answered_applicable(catalog: Catalog, state: AppState) -> Iterable[Check]:
    return (c for c in catalog.checks if c.id in state.answers and applies(c, state.platforms))
