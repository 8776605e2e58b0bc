"""What the dashboard says about one action of the plan: the action in full, and a line once its
status is changed. Plain HTML without colours, so the view follows the light or dark palette."""

from __future__ import annotations

from datetime import date
from html import escape

from selfaudit.audit.compare import Change, Comparison
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


def changes_text(comparison: Comparison | None) -> str:
    """ "Since your last audit": what got better, what got worse, what is new."""
    if comparison is None:
        return "This is your first audit. Next time, this shows what got better or worse."
    lines = []
    delta = comparison.score_change
    if delta:
        lines.append(f"Your score went {'up' if delta > 0 else 'down'} by {abs(delta)}.")
    improved, worse = comparison.of(Change.IMPROVED), comparison.of(Change.WORSE)
    lines += [f"Better: {c.check.remedy.title}" for c in improved]
    lines += [f"Worse: {c.check.remedy.title}" for c in worse]
    new = len(comparison.of(Change.NEW))
    if new:
        lines.append(f"New: {new} question{'s' if new != 1 else ''} you had not been asked.")
    if not (improved or worse or new or delta):
        lines.append("Nothing changed.")
    return "\n".join(lines)


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
