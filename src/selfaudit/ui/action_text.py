"""What the dashboard says about one action of the plan: the action in full, and a line once its
status is changed. Plain HTML without colours, so the view follows the light or dark palette."""

from __future__ import annotations

from datetime import date
from html import escape

from selfaudit.audit.plan import Action, ActionPlan
from selfaudit.audit.progress import ActionStatus
from selfaudit.dates import long_date
from selfaudit.report.wording import citation, facts

NO_ACTION_HTML = "<p>Choose an action in the list to see what to do and why.</p>"


def status_message(action: Action, status: ActionStatus, until: date | None) -> str:
    """What the dashboard says once an action's status is changed."""
    if status is ActionStatus.DONE:
        return f"Marked as done: {action.title}."
    if status is ActionStatus.SNOOZED and until is not None:
        return f"Snoozed until {long_date(until)}: {action.title}."
    if status is ActionStatus.NOT_APPLICABLE:
        return f"Marked as not applying to you: {action.title}."
    return f"Back on your to-do list: {action.title}."


def action_html(action: Action, plan: ActionPlan) -> str:
    """The selected action in full: no colours, so the view follows the light or dark palette."""
    steps = "".join(f"<li>{escape(step)}</li>" for step in action.steps)
    who = f"<p><b>Who:</b> {escape(action.person)}</p>" if action.person else ""
    return (
        f"<h3>{escape(action.title)}</h3>{who}"
        f"<p>{escape(facts(action, action.overdue(plan.as_of)))}</p>"
        f"<p><b>Why:</b> {escape(action.why)}</p>"
        f"<p>{escape(citation(action))}</p>"
        f"<p><b>How:</b></p><ol>{steps}</ol>"
    )
