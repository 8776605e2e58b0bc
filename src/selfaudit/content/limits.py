"""Lock times a check's words may name, filled in from the organisation's policy.

A check's question, hint, "not sure" help and remedy may say `{screen_lock}` (the longest a
computer may sit unused before it locks) and `{phone_lock}` (the same for a phone). The loader
fills them in with the built-in values and keeps the words as written (`Catalog.templates`), so
the catalog shaped by a policy (policy_catalog.py) says the organisation's own times.
"""

from __future__ import annotations

from selfaudit.content.models import Check, Remedy

SCREEN_LOCK = "{screen_lock}"
PHONE_LOCK = "{phone_lock}"
PLACEHOLDERS = (SCREEN_LOCK, PHONE_LOCK)

# the built-in policy's: a computer left on a desk at home, a phone carried everywhere
DEFAULT_SCREEN_LOCK_MINUTES = 10
DEFAULT_PHONE_LOCK_MINUTES = 2


def minutes(count: int) -> str:
    """'1 minute', '5 minutes'."""
    return f"{count} minute{'s' if count != 1 else ''}"


def _texts(check: Check) -> list[str]:
    return [
        check.question,
        check.hint,
        check.not_sure_help,
        check.remedy.title,
        *check.remedy.steps,
        *check.remedy.steps_web,
    ]


def has_limits(check: Check) -> bool:
    """The check's words name a lock time to fill in."""
    return any(mark in text for text in _texts(check) for mark in PLACEHOLDERS)


def fill_limits(check: Check, screen_minutes: int, phone_minutes: int) -> Check:
    """The check with its lock times said in minutes."""

    def fill(text: str) -> str:
        text = text.replace(SCREEN_LOCK, minutes(screen_minutes))
        return text.replace(PHONE_LOCK, minutes(phone_minutes))

    remedy = Remedy.model_validate(
        {
            **check.remedy.model_dump(),
            "title": fill(check.remedy.title),
            "steps": tuple(fill(s) for s in check.remedy.steps),
            "steps_web": tuple(fill(s) for s in check.remedy.steps_web),
        }
    )
    return check.model_copy(
        update={
            "question": fill(check.question),
            "hint": fill(check.hint),
            "not_sure_help": fill(check.not_sure_help),
            "remedy": remedy,
        }
    )
