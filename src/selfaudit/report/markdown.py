"""The plan as Markdown: readable as plain text, and in any Markdown viewer."""

from __future__ import annotations

import re

from selfaudit.audit.plan import Action
from selfaudit.audit.progress import ActionStatus
from selfaudit.dates import long_date
from selfaudit.report.document import PlanReport
from selfaudit.report.wording import citation, facts

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def escape(text: str) -> str:
    """Text that Markdown shows as written, not as formatting."""
    return _SPECIAL.sub(r"\\\1", text)


def _action(report: PlanReport, action: Action, number: int | None) -> list[str]:
    heading = escape(action.title)
    if number is not None:
        heading = f"{number}. {heading}"
    lines = [f"### {heading}", "", f"*{escape(facts(action, action.overdue(report.plan.as_of)))}*"]
    lines += ["", f"**Why:** {escape(action.why)} {escape(citation(action))}", ""]
    lines += [f"{step_no}. {escape(step)}" for step_no, step in enumerate(action.steps, 1)]
    return [*lines, ""]


def render_markdown(report: PlanReport) -> str:
    plan = report.plan
    out = [f"# {report.title}", ""]
    if summary := report.summary_line():
        out += [escape(summary), ""]
    if report.code.own:
        name = escape(report.code.name)
        out += [
            f"Based on [{name}](<{report.code.url}>)." if report.code.url else f"Based on {name}.",
            "",
        ]
    out += [escape(report.progress_line()), ""]
    first = plan.first
    if first is not None:
        out += ["## Do this first", "", *_action(report, first, None)]
    rest = [a for a in plan.with_status(ActionStatus.TODO) if a is not first]
    if rest:
        out += ["## Then" if first else "## To do", ""]
        for number, action in enumerate(rest, 2 if first else 1):
            out += _action(report, action, number)
    snoozed = plan.with_status(ActionStatus.SNOOZED)
    if snoozed:
        out += ["## Snoozed", ""]
        for action in snoozed:
            out += _action(report, action, None)
    done = plan.with_status(ActionStatus.DONE)
    if done:
        out += ["## Done", ""]
        out += [
            f"- {escape(a.title)}: done on {long_date(a.done_on)}" if a.done_on else f"- {a.title}"
            for a in done
        ]
        out.append("")
    not_applicable = plan.with_status(ActionStatus.NOT_APPLICABLE)
    if not_applicable:
        out += ["## Marked as not applying to you", ""]
        out += [f"- {escape(a.title)}" for a in not_applicable]
        out.append("")
    if report.measure_scores:
        out += ["## Your scores", "", "| Measure | Score |", "| --- | --- |"]
        out += [f"| {escape(m.title)} | {m.score} out of 100 |" for m in report.measure_scores]
        out.append("")
    out += _help(report)
    out.append(f"Made by selfaudit {report.app_version} on {long_date(plan.as_of)}.")
    return "\n".join(out) + "\n"


def _help(report: PlanReport) -> list[str]:
    if not report.contacts and not report.links:
        return []
    out = ["## Who can help", ""]
    for contact in report.contacts:
        details = [d for d in (contact.name, contact.phone, contact.email, contact.notes) if d]
        out.append(
            f"- **{escape(contact.role)}**" + (": " + escape(", ".join(details)) if details else "")
        )
    for link in report.links:
        out.append(f"- [{escape(link.title)}]({link.url})")
    return [*out, ""]
