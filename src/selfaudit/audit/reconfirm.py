"""Which answers have aged: a confirmed setting can be changed back by a platform update, so a
check with `reconfirm_days` is asked again once its answer is older than that."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from selfaudit.audit.state import Answer
from selfaudit.content.models import Catalog


def aged_answers(catalog: Catalog, answers: Mapping[str, Answer], now: datetime) -> list[str]:
    """Ids of answered checks whose answer is at least the check's re-confirm interval old, in
    catalog order. Checks without an interval never age; unknown ids are ignored."""
    aged = []
    for check in catalog.checks:
        given = answers.get(check.id)
        if given is None or check.reconfirm_days is None:
            continue
        if now - given.answered_at >= timedelta(days=check.reconfirm_days):
            aged.append(check.id)
    return aged
