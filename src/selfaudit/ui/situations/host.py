"""What a situation's page asks of the running app: open the evidence log on a new incident,
open the friend check, add an action to the plan. The composition root (ui/composition.py)
provides them; a page shown before they exist says so rather than fail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtWidgets import QWidget

    from selfaudit.content.situations import PlanKind
    from selfaudit.ui.evidence.editor import IncidentStart


class NotReadyError(Exception):
    """The app cannot do that yet (the checklist is still being set up); the message says what
    to do."""


@dataclass(frozen=True)
class HelpHost:
    record: Callable[[IncidentStart, QWidget], None]  # may raise NotReadyError
    check_friends: Callable[[QWidget], None]
    # adds it; returns the day it is due by
    add_to_plan: Callable[[str, PlanKind, str | None], date]
    # said on the page once something is added to the plan: where the plan is
    plan_shown: Callable[[], bool]
