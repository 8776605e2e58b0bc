"""How platform items are laid out: per platform after each measure's general pages, split so a
page stays readable, with the advice before blocking on each platform's first blocking page."""

from __future__ import annotations

from selfaudit.content import load_catalog
from selfaudit.content.models import PlatformKind
from selfaudit.ui.sections import (
    PAGE_LINES,
    guide_lines,
    plan_pages,
    platform_item_lines,
    question_lines,
    seconds_for,
)

CATALOG = load_catalog()
PLANS = plan_pages(CATALOG)


def test_a_platform_page_holds_one_platform_and_one_measure() -> None:
    for plan in PLANS:
        if plan.platform is not None:
            assert {c.platform for c in plan.checks} == {plan.platform.id}
            assert {c.measure for c in plan.checks} == {plan.measure.id}


def test_platform_pages_follow_the_general_pages_of_their_measure() -> None:
    for measure in CATALOG.measures:
        own = [p for p in PLANS if p.measure.id == measure.id]
        general = [i for i, p in enumerate(own) if p.platform is None]
        platform = [i for i, p in enumerate(own) if p.platform is not None]
        if general and platform:
            assert max(general) < min(platform), measure.id


def test_platform_pages_fit_their_budget_unless_one_item_is_taller() -> None:
    for plan in PLANS:
        if plan.platform is None:
            continue
        used = sum(question_lines(c) for c in plan.checks)
        if plan.shows_guide:
            used += guide_lines(CATALOG.before_blocking)
        assert used <= PAGE_LINES or len(plan.checks) == 1, [c.id for c in plan.checks]


def test_the_advice_before_blocking_is_on_each_platform_s_first_blocking_page() -> None:
    guided = [p for p in PLANS if p.shows_guide]
    assert sorted(p.platform.id for p in guided if p.platform) == sorted(
        g.platform for g in CATALOG.guides
    )
    for plan in guided:
        assert plan.measure.id == PlatformKind.BLOCKING.measure
        later = [p for p in PLANS if p.platform == plan.platform and p.measure == plan.measure]
        assert later[0] is plan


def test_a_platform_item_is_as_tall_as_its_longest_steps() -> None:
    item = CATALOG.check("facebook.report")  # five app steps, no website steps
    assert question_lines(item) == platform_item_lines(item)
    assert platform_item_lines(item) >= 1 + len(item.steps_app)
    assert seconds_for(item) > seconds_for(CATALOG.check("passwords.unique"))
