"""What a rendered plan shows, gathered once so every format says the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from selfaudit import __version__
from selfaudit.audit.findings import evaluate_state, score
from selfaudit.audit.plan import ActionPlan, build_plan
from selfaudit.audit.reaudit import next_due
from selfaudit.audit.state import AppState
from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import Catalog
from selfaudit.dates import local_date, long_date
from selfaudit.policy import Contact, Policy, PolicyLink


@dataclass(frozen=True)
class MeasureScore:
    title: str
    score: int


@dataclass(frozen=True)
class PlanReport:
    organisation: str  # empty when the policy names none
    plan: ActionPlan
    audit_date: date | None  # the last finished audit; None while the first is under way
    score: int | None
    measure_scores: tuple[MeasureScore, ...]
    next_due: date | None
    contacts: tuple[Contact, ...]
    links: tuple[PolicyLink, ...]
    app_version: str = __version__
    code: CodeOfPractice = BUILT_IN_CODE  # the organisation's own code, when it names one

    @property
    def title(self) -> str:
        return "Your online safety action plan"

    @property
    def running_header(self) -> str:
        """The line at the top of every printed page."""
        parts = [self.organisation, "Online safety action plan"]
        return " · ".join(p for p in parts if p)

    def summary_line(self) -> str:
        parts = []
        if self.organisation:
            parts.append(self.organisation)
        if self.audit_date is not None:
            parts.append(f"Audit of {long_date(self.audit_date)}")
        if self.score is not None:
            parts.append(f"Score {self.score} out of 100")
        if self.next_due is not None:
            parts.append(f"Next audit due {long_date(self.next_due)}")
        return " · ".join(parts)

    def progress_line(self) -> str:
        plan = self.plan
        if not plan.actions:
            return "There is nothing to fix. Keep your settings as they are."
        to_do = plan.open_count
        noun = "action" if to_do == 1 else "actions"
        line = f"{to_do} {noun} to do, {plan.done_count} done."
        if plan.overdue_count:
            line += f" {plan.overdue_count} past the date to do them by."
        return line


def plan_report(catalog: Catalog, state: AppState, policy: Policy, today: date) -> PlanReport:
    findings = evaluate_state(catalog, state)
    scores = score(catalog, findings)
    return PlanReport(
        organisation=policy.organisation,
        plan=build_plan(catalog, state, policy, today, findings),
        audit_date=local_date(state.audits[-1].completed_at) if state.audits else None,
        score=scores.overall,
        measure_scores=tuple(
            MeasureScore(m.title, value)
            for m in catalog.measures
            if (value := scores.by_measure.get(m.id)) is not None
        ),
        next_due=next_due(catalog, state, policy),
        contacts=policy.contacts,
        links=policy.links,
        code=catalog.code,
    )
