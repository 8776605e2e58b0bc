"""The wizard's layout: every check lands on exactly one page, and pages stay short."""

from __future__ import annotations

from selfaudit.content import load_catalog
from selfaudit.ui.sections import PAGE_LINES, paginate, plan_pages, question_lines


def test_every_check_is_on_exactly_one_page() -> None:
    catalog = load_catalog()
    placed = [c.id for plan in plan_pages(catalog) for c in plan.checks]
    assert sorted(placed) == sorted(c.id for c in catalog.checks)


def test_pages_fit_their_budget_unless_one_question_is_taller() -> None:
    for plan in plan_pages(load_catalog()):
        lines = sum(question_lines(c) for c in plan.checks)
        assert lines <= PAGE_LINES or len(plan.checks) == 1


def test_a_page_holds_one_measure() -> None:
    for plan in plan_pages(load_catalog()):
        assert {c.measure for c in plan.checks} == {plan.measure.id}


def test_paginate_empty() -> None:
    assert paginate([]) == []
