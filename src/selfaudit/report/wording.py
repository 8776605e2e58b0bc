"""The sentences every format uses for an action, so Markdown, HTML and PDF read the same."""

from __future__ import annotations

from selfaudit.audit.plan import Action
from selfaudit.audit.progress import ActionStatus
from selfaudit.content.models import Basis
from selfaudit.content.wording import GOOD_PRACTICE, basis_note, section_name
from selfaudit.dates import long_date


def citation(action: Action) -> str:
    """What the action rests on: 'The code, section 4 (Protecting yourself against cyber
    bullying): “…”' where the code asks for it; otherwise 'Good practice: it helps with what
    section 4 of the code asks (…).', never the code's words. When the organisation names its
    own code, in its numbering (content/wording.py); its own questions say it asks them."""
    if action.code.own or action.basis is Basis.ORGANISATION:
        return basis_note(action.basis, action.clause_ref, action.quote, action.code)
    if action.basis is Basis.CODE:
        section = section_name(action.clause_ref)
        return f"The code, {section} ({action.clause_title}): “{action.quote}”"
    return (
        f"{GOOD_PRACTICE}: it helps with what {section_name(action.clause_ref)} of the code asks "
        f"({action.clause_title})."
    )


REQUIRED = "Required by your organisation"


def status_text(action: Action) -> str:
    if action.status is ActionStatus.DONE and action.done_on is not None:
        return f"Done on {long_date(action.done_on)}"
    if action.status is ActionStatus.SNOOZED and action.snoozed_until is not None:
        return f"Snoozed until {long_date(action.snoozed_until)}"
    return action.status.label


def facts(action: Action, today_is_past_due: bool) -> str:
    """'High priority · Required by your organisation · Do by 1 December 2026 · Passwords'."""
    parts = [f"{action.severity.value.capitalize()} priority"]
    if action.required:
        parts.append(REQUIRED)
    if action.is_open:
        due = f"Do by {long_date(action.due)}"
        parts.append(f"{due} (past this date)" if today_is_past_due else due)
    parts.append(action.measure_title)
    if action.status is not ActionStatus.TODO:
        parts.append(status_text(action))
    return " · ".join(parts)
