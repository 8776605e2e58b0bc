"""The results of an audit as its last page shows them: what is left to do, section by section,
each with a short word for where it stands, in the plan's own order (a section comes where its
first action comes in the plan, and within it the plan's order holds), and nothing said twice.

Said twice: a question the friend check has answered more precisely. When the check found a
service user on Facebook, "Remove or unfollow a service user on Facebook" says what the general
"Remove service users from your friends and followers" says, and for someone in particular; the
plan keeps both (the general one stays until the question is answered again), the results name
the precise ones only."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from selfaudit.audit.friend_actions import SOURCE_CHECKS
from selfaudit.audit.plan import Action, ActionKind, ActionPlan
from selfaudit.content.models import Outcome


class Standing(StrEnum):
    """Where a finding stands, in a word or two (shown with an icon, never by colour alone)."""

    TO_FIX = "To fix"
    TO_CHECK = "To check"  # answered "Not sure": the plan says how to find out


@dataclass(frozen=True)
class ResultItem:
    standing: Standing
    title: str  # with the friend's name where there is one: the app shows it, exports never
    action_id: str
    first: bool  # the plan's "Do this first"


@dataclass(frozen=True)
class ResultSection:
    title: str
    items: tuple[ResultItem, ...]


def standing(action: Action) -> Standing:
    return Standing.TO_CHECK if action.finding is Outcome.UNKNOWN else Standing.TO_FIX


def covered_by_friend_actions(plan: ActionPlan) -> set[str]:
    """The ids of check actions that friend actions in `plan` say more precisely."""
    kinds = {a.kind for a in plan.actions if a.is_open and a.kind is not ActionKind.CHECK}
    sources = {SOURCE_CHECKS[kind] for kind in kinds if kind in SOURCE_CHECKS}
    return {a.id for a in plan.actions if a.kind is ActionKind.CHECK and a.check_id in sources}


def results_by_section(plan: ActionPlan) -> list[ResultSection]:
    """What is left to do, grouped by section, sections and items in the plan's order."""
    covered = covered_by_friend_actions(plan)
    first = plan.first
    sections: dict[str, list[ResultItem]] = {}
    for action in plan.actions:
        if not action.is_open or action.id in covered:
            continue
        sections.setdefault(action.measure_title, []).append(
            ResultItem(
                standing(action),
                action.display_title,
                action.id,
                first is not None and action.id == first.id,
            )
        )
    return [ResultSection(title, tuple(items)) for title, items in sections.items()]
