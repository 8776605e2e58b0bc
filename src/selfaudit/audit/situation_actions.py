"""Actions a person adds to their plan from "Something has happened": remove a service user found
among their friends, tell their line manager. They carry the same steps, reasons, clause and
severity as the friend check's actions (audit/friend_actions.py), and are due counted from the
day they were added. Like those, they never name anyone: the steps say "the person".
"""

from __future__ import annotations

import secrets
from datetime import datetime

from selfaudit.audit.friend_actions import IN_STEPS, SEVERITY, SOURCE_CHECKS, tell_steps
from selfaudit.audit.plan import ActionDraft, ActionKind
from selfaudit.audit.state import AppState, SituationPlanItem
from selfaudit.content.models import Catalog, Outcome
from selfaudit.content.plan_kinds import PlanKind
from selfaudit.dates import local_date
from selfaudit.measures.friends.guides import removal_steps
from selfaudit.policy import Policy

# the friend check's kind of action that each plan kind is: same rank in the plan, kept out of
# calendars and reminders alike
KIND = {
    PlanKind.REMOVE_FRIEND: ActionKind.FRIEND_REMOVE,
    PlanKind.TELL_LINE_MANAGER: ActionKind.FRIEND_TELL_MANAGER,
}
ID_PREFIX = "situation:"


def plan_title(kind: PlanKind, platform_name: str | None = None) -> str:
    if kind is PlanKind.REMOVE_FRIEND:
        where = f" on {platform_name}" if platform_name else ""
        return f"Remove or unfollow the service user you found{where}"
    return "Tell your line manager about your contact with a service user"


def new_item(
    situation: str, kind: PlanKind, platform: str | None, now: datetime
) -> SituationPlanItem:
    return SituationPlanItem(
        id=f"{ID_PREFIX}{kind.value}:{secrets.token_hex(4)}",
        situation=situation,
        kind=kind,
        platform=platform,
        added_at=now,
    )


def situation_action_ids(state: AppState) -> set[str]:
    return {item.id for item in state.situation_actions}


def situation_actions(catalog: Catalog, state: AppState, policy: Policy) -> list[ActionDraft]:
    platforms = {p.id: p for p in catalog.platforms}
    drafts = []
    for order, item in enumerate(state.situation_actions):
        platform = platforms.get(item.platform or "other")
        named = platform.name if platform is not None and platform.id != "other" else None
        if item.kind is PlanKind.REMOVE_FRIEND:
            # a site without its own steps in the friend check gets the general ones
            steps = removal_steps(item.platform or "other", (), IN_STEPS)
        else:
            steps = tell_steps(policy)  # with how to reach the line manager the policy names
        kind = KIND[item.kind]
        drafts.append(
            ActionDraft(
                id=item.id,
                kind=kind,
                title=plan_title(item.kind, named),
                steps=steps,
                source=catalog.check(SOURCE_CHECKS[kind]),
                severity=SEVERITY[kind],
                finding=Outcome.FAIL,
                found_on=local_date(item.added_at),
                order=order,
            )
        )
    return drafts
