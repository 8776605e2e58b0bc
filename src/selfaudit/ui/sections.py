"""How the catalog is laid out as wizard pages: one section per measure, split into pages short
enough to read without scrolling at 100% on a 1366x768 screen. Qt-free, so it is easy to test."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from selfaudit.content.models import (
    AnswerKind,
    Catalog,
    Check,
    Guidance,
    Measure,
    MeasureGuidance,
    Platform,
    PlatformKind,
)

# Rough height budget of one page, in text lines at 100% scale: what fits under the wizard's
# header and above its buttons in a window that fits a 1366x768 screen.
PAGE_LINES = 24
CHARS_PER_LINE = 80
SECONDS_PER_QUESTION = 15
# A platform item is a setting to find and change, not just a question to answer.
SECONDS_PER_PLATFORM_ITEM = 30
# A platform item shows its question, answers stacked, beside its steps: two narrower columns.
QUESTION_COLUMN_CHARS = 42
STEPS_COLUMN_CHARS = 60


def _wrapped(text: str, width: int) -> int:
    return 1 + len(text) // width


def question_lines(check: Check) -> int:
    """Approximate height of a question widget, in lines."""
    if check.steps_app:
        return platform_item_lines(check)
    lines = 1 + len(check.question) // CHARS_PER_LINE  # the question
    if check.hint:
        lines += 1 + len(check.hint) // CHARS_PER_LINE
    lines += len(check.choices()) if check.answer is AnswerKind.CHOICE else 1
    if check.answer is AnswerKind.DETECTED:
        lines += 5  # what the probe found, in a sentence or two, and its steps folded away
    return lines + 2  # "Why this matters" and spacing


def platform_item_lines(check: Check) -> int:
    """Height of a platform item: the taller of its question column and its steps, whichever of
    the app or website steps is longer (the person can switch between them)."""
    question = _wrapped(check.question, QUESTION_COLUMN_CHARS)
    if check.hint:
        question += _wrapped(check.hint, QUESTION_COLUMN_CHARS)
    question += len(check.choices()) + 1  # answers one per line, "Why this matters"
    steps = max(
        sum(_wrapped(step, STEPS_COLUMN_CHARS) for step in check.steps_app),
        sum(_wrapped(step, STEPS_COLUMN_CHARS) for step in check.steps_web),
    )
    # a button is about a line and a half; the "not yet checked" note below takes the rest
    link = 1 if check.link else _wrapped(check.no_link, STEPS_COLUMN_CHARS)
    # "checked against …", or "not yet checked …" with a link to the platform's help
    source = 1 if check.checked else 2
    warning = 2 if check.image_warning else 0
    return max(question, 1 + warning + steps + source + link) + 1  # heading, spacing


def guide_lines(guidance: Guidance | None) -> int:
    """Height of the advice shown above a platform's blocking items (with the warning about
    images of children), and the comparison toggle."""
    if guidance is None:
        return 1
    points = sum(_wrapped(point, CHARS_PER_LINE) for point in guidance.points)
    return 1 + points + 2 + 1 + 2  # title, points, warning, the code's sections, the toggle


def measure_guidance_lines(guidance: MeasureGuidance | None) -> int:
    """Height of what the code expects, shown above a measure's first questions."""
    if guidance is None:
        return 0
    return 1 + sum(1 + _wrapped(point.text, CHARS_PER_LINE) for point in guidance.points)


def seconds_for(check: Check) -> int:
    return SECONDS_PER_PLATFORM_ITEM if check.kind is not None else SECONDS_PER_QUESTION


def paginate(
    checks: Iterable[Check], budget: int = PAGE_LINES, reserve: int = 0
) -> list[tuple[Check, ...]]:
    """Splits checks into pages within `budget` lines; `reserve` lines of the first page are taken
    by something shown above its questions."""
    pages: list[list[Check]] = [[]]
    used = reserve
    for check in checks:
        need = question_lines(check)
        if pages[-1] and used + need > budget:
            pages.append([])
            used = 0
        pages[-1].append(check)
        used += need
    return [tuple(p) for p in pages if p]


@dataclass(frozen=True)
class PagePlan:
    measure: Measure
    platform: Platform | None
    checks: tuple[Check, ...]
    shows_guide: bool = False  # the first of a platform's blocking pages: advice and comparison
    # what the code expects, shown above the first page of a measure's general questions
    guidance: MeasureGuidance | None = None


def plan_pages(catalog: Catalog) -> list[PagePlan]:
    """General questions of a measure first, then one page (or more) per platform."""
    plans: list[PagePlan] = []
    for measure in catalog.measures:
        checks = catalog.checks_for(measure.id)
        general = [c for c in checks if c.platform is None]
        guidance = catalog.guidance_for(measure.id)
        pages = paginate(general, reserve=measure_guidance_lines(guidance))
        plans.extend(
            PagePlan(measure, None, page, guidance=guidance if index == 0 else None)
            for index, page in enumerate(pages)
        )
        for platform in catalog.platforms:
            own = [c for c in checks if c.platform == platform.id]
            guided = any(c.kind is PlatformKind.BLOCKING for c in own)
            every = [c for c in catalog.platform_items() if c.platform == platform.id]
            device_choice = 1 if any(c.steps_web for c in every) else 0
            device_choice += 2 if catalog.platform_page(platform.id).no_web_page else 0
            reserve = guide_lines(catalog.before_blocking) if guided else 0
            pages = paginate(own, PAGE_LINES - device_choice, reserve)
            plans.extend(
                PagePlan(measure, platform, page, shows_guide=guided and index == 0)
                for index, page in enumerate(pages)
            )
    return plans
