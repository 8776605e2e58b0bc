"""The lasting actions a situation of "Something has happened" can add to the person's plan.

Apart from the situations' models (content/situations.py), which re-exports it: the checklist's
state keeps these, and opening the checklist (the app's start-up, `selfaudit status`) should not
build the models of help it does not show."""

from __future__ import annotations

from enum import StrEnum


class PlanKind(StrEnum):
    """A lasting action a situation can add to the person's plan (audit/situation_actions.py)."""

    REMOVE_FRIEND = "remove_friend"
    TELL_LINE_MANAGER = "tell_line_manager"
