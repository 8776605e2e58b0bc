"""What the probes of this computer found, kept with the person's answers.

A detected check (answer kind `detected`) is decided by its probe when the probe saw the setting
(pass or fail). When it could not see it (unknown, or never run) the person's own answer decides,
and "Not sure" stays unknown: never a pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from selfaudit.content.models import Check, Outcome
from selfaudit.probes.probe import ProbeResult, ProbeStatus


class ProbeRecord(BaseModel):
    """One probe's last result, with when it ran and what it saw (settings, not personal data)."""

    model_config = ConfigDict(extra="forbid")

    status: ProbeStatus
    detail: str
    system: str
    checked_at: datetime
    evidence: dict[str, str | int | float | bool | None] = Field(default_factory=dict)

    @classmethod
    def of(cls, result: ProbeResult, at: datetime) -> ProbeRecord:
        return cls(
            status=result.status,
            detail=result.detail,
            system=result.system,
            checked_at=at,
            evidence=dict(result.evidence),
        )


def detected_outcome(check: Check, probes: Mapping[str, ProbeStatus]) -> Outcome | None:
    """The outcome a probe decides for this check, or None when the person's answer decides."""
    if check.probe is None:
        return None
    status = probes.get(check.probe)
    if status is ProbeStatus.PASS:
        return Outcome.PASS
    if status is ProbeStatus.FAIL:
        return Outcome.FAIL
    return None
