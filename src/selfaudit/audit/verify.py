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
from selfaudit.probes.probe import ProbeResult, ProbeStatus

# probe id (a check's `probe`, e.g. "screen_lock") -> what the probe sees now, or None when this
# computer has no such probe. May be slow (it asks the operating system): never on the UI thread.
ProbeVerifier = Callable[[str], ProbeResult | None]


class Verification(StrEnum):
    CONFIRMED = "confirmed"  # the probe sees it done: the answer and the score follow
    STILL_NOT_DONE = "still_not_done"  # the probe sees it is not done: stays to do
    UNCHECKED = "unchecked"  # the probe cannot tell: done on the person's word


def apply_verification(
    session: AuditSession, action: Action, result: ProbeResult | None, today: date
) -> Verification:
    """Records what the probe saw (it decides the detected check from now on) and marks the
    action done unless the probe sees it is still not done."""
    outcome = Outcome.UNKNOWN
    if result is not None:
        session.record_probe(result)
        outcome = {ProbeStatus.PASS: Outcome.PASS, ProbeStatus.FAIL: Outcome.FAIL}.get(
            result.status, Outcome.UNKNOWN
        )
    if outcome is Outcome.FAIL:
        return Verification.STILL_NOT_DONE
    session.set_action_progress(action.id, progress_entry(ActionStatus.DONE, session.now(), today))
    return Verification.CONFIRMED if outcome is Outcome.PASS else Verification.UNCHECKED
