"""The results page's list: what is left to do, by section, in the plan's order, each with a
word for where it stands, and nothing said twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

from selfaudit.audit.plan import ActionKind, ActionPlan, build_plan
from selfaudit.audit.results import Standing, results_by_section
from selfaudit.audit.state import FriendMatch
from selfaudit.content.models import Outcome
from selfaudit.policy import DEFAULT_POLICY
from tests.unit.test_plan import CATALOG, KNOWN, audited


def plan_of(failing: dict[str, Outcome], friends: bool = False) -> ActionPlan:
    session = audited(failing, ["facebook"])
    if friends:
        session.state.friend_matches = [
            FriendMatch(
                friend="Jordan Example",
                platform="facebook",
                confirmed_at=datetime(2026, 5, 1, tzinfo=UTC),
                significant_contact=True,
            )
        ]
    return build_plan(CATALOG, session.state, DEFAULT_POLICY, date(2026, 6, 1))


def test_sections_and_items_keep_the_plans_order() -> None:
    plan = plan_of(dict(KNOWN))
    sections = results_by_section(plan)
    flattened = [item.action_id for section in sections for item in section.items]
    open_ids = [a.id for a in plan.actions if a.is_open]
    assert sorted(flattened) == sorted(open_ids)
    # a section comes where its first action comes in the plan
    firsts = [open_ids.index(section.items[0].action_id) for section in sections]
    assert firsts == sorted(firsts)
    for section in sections:
        positions = [open_ids.index(item.action_id) for item in section.items]
        assert positions == sorted(positions)
        assert {plan.action(i.action_id).measure_title for i in section.items} == {section.title}
    assert sum(item.first for s in sections for item in s.items) == 1
    assert sections[0].items[0].action_id == plan.first.id  # type: ignore[union-attr]


def test_each_item_says_where_it_stands() -> None:
    sections = results_by_section(plan_of(dict(KNOWN)))
    standings = {item.action_id: item.standing for s in sections for item in s.items}
    assert standings["check:passwords.manager"] is Standing.TO_FIX
    assert standings["check:passwords.two_step_email"] is Standing.TO_CHECK
    assert not any(item.title.startswith(("Fix:", "Check:")) for s in sections for item in s.items)


def test_what_the_friend_check_says_precisely_is_not_said_again_in_general() -> None:
    general = {
        "service_users.none_connected": Outcome.FAIL,
        "service_users.manager_told": Outcome.FAIL,
    }
    plan = plan_of(general, friends=True)
    ids = {item.action_id for s in results_by_section(plan) for item in s.items}
    kinds = {plan.action(i).kind for i in ids}
    assert {ActionKind.FRIEND_REMOVE, ActionKind.FRIEND_TELL_MANAGER} <= kinds
    assert "check:service_users.none_connected" not in ids
    assert "check:service_users.manager_told" not in ids
    # without the friend check's findings, the general actions are the ones shown
    alone = {i.action_id for s in results_by_section(plan_of(general)) for i in s.items}
    assert "check:service_users.none_connected" in alone


def test_nothing_left_to_do_is_no_sections() -> None:
    assert results_by_section(plan_of({})) == []
