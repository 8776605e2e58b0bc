"""What a check says beyond its words as written, filled in once the catalog is read: the
warning about images of children first in the steps of a remedy that saves evidence, where to
look up platform steps not yet checked, and the built-in lock times (content/limits.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from selfaudit.content.limits import (
    DEFAULT_PHONE_LOCK_MINUTES,
    DEFAULT_SCREEN_LOCK_MINUTES,
    fill_limits,
    has_limits,
)
from selfaudit.content.models import Check, ImageWarning, Platform, Remedy


def finish_checks(
    checks: list[Check], warning: ImageWarning, platforms: dict[str, Platform]
) -> tuple[tuple[Check, ...], tuple[Check, ...]]:
    """The checks as the app asks them with the built-in policy, and those whose words name a
    lock time as written (`Catalog.templates`), for a policy to fill in its own."""
    finished = finish_remedies(checks, warning, platforms)
    templates = tuple(c for c in finished if has_limits(c))
    filled = tuple(
        fill_limits(c, DEFAULT_SCREEN_LOCK_MINUTES, DEFAULT_PHONE_LOCK_MINUTES)
        if has_limits(c)
        else c
        for c in finished
    )
    return filled, templates


def finish_remedies(
    checks: list[Check], warning: ImageWarning, platforms: dict[str, Platform]
) -> list[Check]:
    """What the plan needs beyond the steps as written: the warning about images of children
    first wherever evidence is saved, and for steps not yet checked, where to look them up."""
    finished = []
    for check in checks:
        steps = check.remedy.steps
        if check.image_warning:
            steps = (warning.step, *steps)
        if check.kind is not None and not check.checked and check.platform in platforms:
            steps = (*steps, unchecked_step(check, platforms[check.platform]))
        if steps != check.remedy.steps:
            remedy = Remedy.model_validate({**check.remedy.model_dump(), "steps": steps})
            check = check.model_copy(update={"remedy": remedy})
        finished.append(check)
    return finished


def unchecked_step(check: Check, platform: Platform) -> str:
    """The last step of a not-yet-checked item in the plan: where to look it up."""
    where = platform.help_title
    if platform.help:
        where += f" ({urlsplit(platform.help).hostname})"
    return (
        f"These steps are not yet checked against {platform.help_title}, and menus change. "
        f"If a step does not match, search {where} for “{check.help_search}”."
    )
