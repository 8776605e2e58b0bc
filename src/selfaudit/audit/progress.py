"""Where the person is with each action of their plan: to do, done, snoozed or doesn't apply.

Stored in `AppState.action_progress` (inside the encrypted vault), keyed by action id, so ticks
survive closing the app. An action without an entry is to do.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, model_validator


class ActionStatus(StrEnum):
    TODO = "todo"
    DONE = "done"
    SNOOZED = "snoozed"
    NOT_APPLICABLE = "na"

    @property
    def label(self) -> str:
        return {
            "todo": "To do",
            "done": "Done",
            "snoozed": "Snoozed",
            "na": "Doesn't apply",
        }[self.value]


class ActionProgress(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ActionStatus
    changed_at: datetime
    done_on: date | None = None  # the day the person said it was done
    snoozed_until: date | None = None  # back on the to-do list from this day

    @model_validator(mode="after")
    def _dates_fit_status(self) -> ActionProgress:
        if (self.status is ActionStatus.DONE) != (self.done_on is not None):
            raise ValueError("`done_on` is set exactly when the status is done")
        if (self.status is ActionStatus.SNOOZED) != (self.snoozed_until is not None):
            raise ValueError("`snoozed_until` is set exactly when the status is snoozed")
        return self

    def status_on(self, today: date) -> ActionStatus:
        """A snooze ends by itself: from its last day on, the action is to do again."""
        if (
            self.status is ActionStatus.SNOOZED
            and self.snoozed_until is not None
            and self.snoozed_until <= today
        ):
            return ActionStatus.TODO
        return self.status
