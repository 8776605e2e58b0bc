"""Where reminders read the person's saved data: the two hooks to point at the vault and the plan.

Both are looked up through this module at call time (`sources.load_saved_state()`), so tests
inject a state with monkeypatch and the merge with the vault and the action plan changes only
these two functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta, tzinfo

from selfaudit.audit.state import AppState
from selfaudit.content.models import Catalog, Outcome
from selfaudit.policy import Policy
from selfaudit.reminders.schedule import DueAction, ReauditSchedule, local_date, reaudit_schedule


def load_saved_state() -> AppState:
    """The person's saved data, for commands that run without the window (remind, calendar).

    Until the encrypted vault is merged there is no saved state: a fresh one is returned, which
    reads as "never audited". When the vault is merged, open it here (read-only; a locked or
    missing vault should raise a clear error for the command to show).
    """
    return AppState()


def open_plan_actions(
    state: AppState, catalog: Catalog, policy: Policy, tz: tzinfo | None = None
) -> list[DueAction]:
    """The open actions of the plan with their due dates.

    Until the action plan is merged, this derives them from the last audit as the plan will:
    one action per check that did not pass, due the policy's days for its severity after that
    audit. When the plan is merged, return its open (not done, not snoozed) actions instead.
    """
    if not state.audits:
        return []
    last = state.audits[-1]
    finished = local_date(last.completed_at, tz)
    actions = []
    for check in catalog.checks:
        if last.outcomes.get(check.id) in (Outcome.FAIL, Outcome.UNKNOWN):
            due = finished + timedelta(days=policy.due_days[check.severity])
            actions.append(DueAction(check.id, check.remedy.title, due))
    return actions


@dataclass(frozen=True)
class ReminderInputs:
    """What a reminder, the Settings panel and the calendar are made from."""

    schedule: ReauditSchedule
    actions: list[DueAction]
    section_titles: Mapping[str, str]


def reminder_inputs(
    state: AppState, catalog: Catalog, policy: Policy, tz: tzinfo | None = None
) -> ReminderInputs:
    measures = [m.id for m in catalog.measures]
    return ReminderInputs(
        schedule=reaudit_schedule(state.audits, policy, measures, tz),
        actions=open_plan_actions(state, catalog, policy, tz),
        section_titles={m.id: m.title for m in catalog.measures},
    )
