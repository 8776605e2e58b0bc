"""The action plan as a report: what it shows, gathered once (`PlanReport`), and built once into
the document every format renders (`plan_document`), so Markdown, HTML, PDF and print say the same
thing in the same order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from selfaudit import __version__
from selfaudit.audit.findings import evaluate_state, score
from selfaudit.audit.plan import Action, ActionPlan, build_plan
from selfaudit.audit.progress import ActionStatus
from selfaudit.audit.reaudit import next_due
from selfaudit.audit.state import AppState
from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import Catalog
from selfaudit.dates import local_date, long_date
from selfaudit.policy import Contact, Policy, PolicyLink
from selfaudit.report.structure import (
    ActionBlock,
    Block,
    BulletList,
    Document,
    Line,
    Link,
    Paragraph,
    Role,
    Section,
    Strong,
    Table,
    Text,
    plain,
)
from selfaudit.report.wording import citation, facts


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


def plan_document(report: PlanReport) -> Document:
    content: list[Block | Section] = []
    if summary := report.summary_line():
        content.append(Paragraph(plain(summary), Role.SUMMARY))
    if report.code.own:  # the organisation's own code: named, with its version and a link
        name: Text | Link = (
            Link(report.code.name, report.code.url) if report.code.url else Text(report.code.name)
        )
        content.append(Paragraph((Text("Based on "), name, Text(".")), Role.SUMMARY))
    content.append(Paragraph(plain(report.progress_line())))
    content += _action_sections(report)
    content += _closing_sections(report)
    made = f"Made by selfaudit {report.app_version} on {long_date(report.plan.as_of)}."
    content.append(Paragraph(plain(made), Role.FOOTER))
    return Document(report.title, report.running_header, tuple(content))


def action_block(action: Action, as_of: date, number: int | None = None) -> ActionBlock:
    """An action as the plan prints it; `number` its place in the order to do them."""
    heading = action.title if number is None else f"{number}. {action.title}"
    return ActionBlock(
        heading=heading,
        facts=facts(action, action.overdue(as_of)),
        why=action.why,
        basis=citation(action),
        steps=action.steps,
    )


def _action_sections(report: PlanReport) -> list[Section]:
    """ "Do this first" in a box, then the other actions to do in order, then those snoozed."""
    plan, sections = report.plan, []
    first = plan.first
    if first is not None:
        sections.append(Section("Do this first", (action_block(first, plan.as_of),), boxed=True))
    rest = [a for a in plan.with_status(ActionStatus.TODO) if a is not first]
    if rest:
        start = 2 if first else 1
        numbered = tuple(action_block(a, plan.as_of, n) for n, a in enumerate(rest, start))
        sections.append(Section("Then" if first else "To do", numbered))
    if snoozed := plan.with_status(ActionStatus.SNOOZED):
        sections.append(Section("Snoozed", tuple(action_block(a, plan.as_of) for a in snoozed)))
    return sections


def _closing_sections(report: PlanReport) -> list[Section]:
    plan, sections = report.plan, []
    if done := plan.with_status(ActionStatus.DONE):
        items = tuple(
            plain(f"{a.title}: done on {long_date(a.done_on)}" if a.done_on else a.title)
            for a in done
        )
        sections.append(Section("Done", (BulletList(items),)))
    if not_applicable := plan.with_status(ActionStatus.NOT_APPLICABLE):
        items = tuple(plain(a.title) for a in not_applicable)
        sections.append(Section("Marked as not applying to you", (BulletList(items),)))
    if report.measure_scores:
        rows = tuple((m.title, f"{m.score} out of 100") for m in report.measure_scores)
        sections.append(Section("Your scores", (Table(("Measure", "Score"), rows),)))
    if report.contacts or report.links:
        items = tuple(_contact(c) for c in report.contacts)
        items += tuple((Link(link.title, str(link.url)),) for link in report.links)
        sections.append(Section("Who can help", (BulletList(items),)))
    return sections


def _contact(contact: Contact) -> Line:
    details = [d for d in (contact.name, contact.phone, contact.email, contact.notes) if d]
    if not details:
        return (Strong(contact.role),)
    return (Strong(contact.role), Text(": " + ", ".join(details)))
