"""Confirmations age: a re-audit asks again only what is older than its re-confirm interval."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.audit.reconfirm import aged_answers
from selfaudit.audit.state import Answer
from selfaudit.content import load_catalog

CATALOG = load_catalog()
NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)


def answered(days_ago: float, value: str = "done") -> Answer:
    return Answer(value=value, answered_at=NOW - timedelta(days=days_ago))


def test_platform_items_are_asked_again_once_their_interval_has_passed() -> None:
    future_posts = CATALOG.check("facebook.future_posts")  # every 180 days
    block = CATALOG.check("facebook.block")  # every 365 days
    assert future_posts.reconfirm_days == 180 and block.reconfirm_days == 365
    answers = {
        "facebook.future_posts": answered(181),
        "facebook.block": answered(181, "not_yet"),
        "x.protect_posts": answered(179),
        "passwords.unique": Answer(value="yes", answered_at=NOW - timedelta(days=3000)),
        "no.such.check": answered(9999),
    }
    assert aged_answers(CATALOG, answers, NOW) == ["facebook.future_posts"]
    answers["facebook.block"] = answered(365)
    assert aged_answers(CATALOG, answers, NOW) == ["facebook.future_posts", "facebook.block"]


@settings(max_examples=60)
@given(
    st.sampled_from([c for c in CATALOG.checks if c.reconfirm_days]),
    st.integers(min_value=0, max_value=800),
)
def test_an_answer_ages_exactly_at_its_interval(check: object, days: int) -> None:
    from selfaudit.content.models import Check

    assert isinstance(check, Check) and check.reconfirm_days
    aged = aged_answers(CATALOG, {check.id: answered(days)}, NOW)
    assert (aged == [check.id]) == (days >= check.reconfirm_days)
