"""What reminders, the Settings panel and the calendar are made from: the re-audit schedule and
the plan's open actions, for the person's saved state (read by the caller)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

from selfaudit.audit.reaudit import ReauditSchedule, schedule
from selfaudit.audit.state import AppState
from selfaudit.content.models import Catalog
from selfaudit.policy import Policy
from selfaudit.reminders.notice import DueAction


def open_plan_actions(
    state: AppState, catalog: Catalog, policy: Policy, tz: tzinfo | None = None
) -> list[DueAction]:
    """The plan's open actions (to do, or snoozed) with their due dates. Friend actions are
    left out: their titles are safe, but a calendar file on disk is no place to hint at them."""
    from selfaudit.audit.plan import ActionKind, build_plan

    if not state.audits:
        return []  # before the first audit there is no plan, only the audit itself to do
    today = datetime.now(tz).date()
    plan = build_plan(catalog, state, policy, today)
    return [
        DueAction(action.id, action.title, action.due)
        for action in plan.actions
        if action.is_open and action.kind is ActionKind.CHECK
    ]


@dataclass(frozen=True)
class ReminderInputs:
    """What a reminder, the Settings panel and the calendar are made from."""

    schedule: ReauditSchedule
    actions: list[DueAction]
    section_titles: Mapping[str, str]


def reminder_inputs(
    state: AppState, catalog: Catalog, policy: Policy, tz: tzinfo | None = None
) -> ReminderInputs:
    return ReminderInputs(
        schedule=schedule(catalog, state, policy, tz),
        actions=open_plan_actions(state, catalog, policy, tz),
        section_titles={m.id: m.title for m in catalog.measures},
    )
