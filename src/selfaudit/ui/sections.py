"""How the catalog is laid out as wizard pages: one section per measure, split into pages short
enough to read without scrolling at 100% on a 1366x768 screen. Qt-free, so it is easy to test."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from selfaudit.audit.findings import applies
from selfaudit.content.models import AnswerKind, Catalog, Check, Measure, Platform

# Rough height budget of one page, in text lines at 100% scale: what fits under the wizard's
# header and above its buttons in a window that fits a 1366x768 screen.
PAGE_LINES = 24
CHARS_PER_LINE = 80
SECONDS_PER_QUESTION = 15


def question_lines(check: Check) -> int:
    """Approximate height of a question widget, in lines."""
    lines = 1 + len(check.question) // CHARS_PER_LINE  # the question
    if check.hint:
        lines += 1 + len(check.hint) // CHARS_PER_LINE
    lines += len(check.choices()) if check.answer is AnswerKind.CHOICE else 1
    if check.answer is AnswerKind.DETECTED:
        lines += 5  # what the probe found, in a sentence or two, and its steps folded away
    return lines + 2  # "Why this matters" and spacing


def paginate(checks: Iterable[Check], budget: int = PAGE_LINES) -> list[tuple[Check, ...]]:
    pages: list[list[Check]] = [[]]
    used = 0
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

    def relevant(self, platforms: Iterable[str]) -> bool:
        chosen = list(platforms)
        return any(applies(c, chosen) for c in self.checks)


def plan_pages(catalog: Catalog) -> list[PagePlan]:
    """General questions of a measure first, then one page (or more) per platform."""
    plans: list[PagePlan] = []
    for measure in catalog.measures:
        checks = catalog.checks_for(measure.id)
        general = [c for c in checks if c.platform is None]
        plans.extend(PagePlan(measure, None, page) for page in paginate(general))
        for platform in catalog.platforms:
            own = [c for c in checks if c.platform == platform.id]
            plans.extend(PagePlan(measure, platform, page) for page in paginate(own))
    return plans
