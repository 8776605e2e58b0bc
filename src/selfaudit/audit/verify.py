"""Marking done an action that a probe of this computer can check (screen lock, disk encryption).

The probes are supplied by the composition root as a `ProbeVerifier`; the UI runs it off the UI
thread and hands the result to `apply_verification`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum

from selfaudit.audit.plan import Action, progress_entry
from selfaudit.audit.progress import ActionStatus
from selfaudit.audit.session import AuditSession
from selfaudit.content.models import Outcome

# probe id (a check's `probe`, e.g. "screen_lock") -> what the probe sees now. May be slow (it
# asks the operating system), so never call it on the UI thread.
ProbeVerifier = Callable[[str], Outcome]


class Verification(StrEnum):
    CONFIRMED = "confirmed"  # the probe sees it done: the answer and the score follow
    STILL_NOT_DONE = "still_not_done"  # the probe sees it is not done: stays to do
    UNCHECKED = "unchecked"  # the probe cannot tell: done on the person's word


def apply_verification(
    session: AuditSession, action: Action, outcome: Outcome, today: date
) -> Verification:
    if outcome is Outcome.FAIL:
        return Verification.STILL_NOT_DONE
    if outcome is Outcome.PASS and action.check_id is not None:
        check = session.catalog.check(action.check_id)
        passing = next(o.value for o in check.choices() if o.outcome is Outcome.PASS)
        session.set_answer(check.id, passing)
    session.set_action_progress(action.id, progress_entry(ActionStatus.DONE, session.now(), today))
    return Verification.CONFIRMED if outcome is Outcome.PASS else Verification.UNCHECKED
