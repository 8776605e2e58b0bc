"""Confirmations age: a re-audit asks again a platform setting once its answer is older than the
item's own re-confirm interval (audit/reaudit.py), whatever the policy's longer interval."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.audit.reaudit import is_stale
from selfaudit.content import load_catalog
from selfaudit.content.models import Check
from selfaudit.policy import Policy

CATALOG = load_catalog()
NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
LONG = Policy(reaudit_days=730)  # longer than any item's own interval


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def test_platform_items_are_asked_again_once_their_interval_has_passed() -> None:
    future_posts = CATALOG.check("facebook.future_posts")  # every 180 days
    block = CATALOG.check("facebook.block")  # every 365 days
    assert future_posts.reconfirm_days == 180 and block.reconfirm_days == 365
    assert is_stale(future_posts, ago(181), LONG, NOW)
    assert not is_stale(block, ago(181), LONG, NOW)
    assert is_stale(block, ago(365), LONG, NOW)
    # a check without its own interval follows the policy
    assert not is_stale(CATALOG.check("passwords.unique"), ago(700), LONG, NOW)


@settings(max_examples=60)
@given(
    st.sampled_from([c for c in CATALOG.checks if c.reconfirm_days]),
    st.integers(min_value=0, max_value=800),
)
def test_an_answer_ages_exactly_at_its_interval(check: Check, days: int) -> None:
    assert check.reconfirm_days
    assert is_stale(check, ago(days), LONG, NOW) == (days >= check.reconfirm_days)
