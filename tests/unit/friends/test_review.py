"""Reviewing matches: confirmed friends kept (never the service-user names), the section's
question answered from the check."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from selfaudit.audit import AppState, AuditSession
from selfaudit.audit.friend_review import (
    NONE_CONNECTED_CHECK,
    Decision,
    FriendReview,
    restored_service_users,
    saved_service_users,
)
from selfaudit.content import load_catalog
from selfaudit.measures.friends.check import run_friend_check
from selfaudit.measures.friends.model import (
    CheckResult,
    Confidence,
    Connection,
    Match,
    MatchReason,
    Relation,
    ServiceUser,
)
from selfaudit.measures.friends.reader import scan_pasted_names

NOW = datetime(2025, 6, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def session() -> AuditSession:
    return AuditSession(load_catalog(), AppState(platforms=["facebook"]), clock=lambda: NOW)


def result(*pairs: tuple[str, str], platform: str = "facebook") -> CheckResult:
    follows = frozenset({Relation.FRIEND})
    matches = tuple(
        Match(
            Connection(platform, follows, name=friend),
            ServiceUser(user),
            95,
            Confidence.LIKELY,
            MatchReason.SIMILAR_NAME,
        )
        for friend, user in pairs
    )
    return CheckResult(matches=matches, scanned={platform: 10}, errors=())


def test_same_person_is_kept_without_the_service_users_name(session: AuditSession) -> None:
    review = FriendReview(result(("Liv Brown", "Olivia Quillfeather-Brown")), session)
    changes: list[None] = []
    session.subscribe(lambda: changes.append(None))
    review.decide(0, Decision.SAME)
    review.set_significant_contact(0, True)
    (kept,) = session.state.friend_matches
    assert (kept.friend, kept.platform, kept.confirmed_at) == ("Liv Brown", "facebook", NOW)
    assert kept.significant_contact is True and kept.relations == ["friend"]
    assert "Quillfeather" not in session.state.model_dump_json()
    assert changes  # the owner is told, so it can save


def test_changing_ones_mind_forgets_the_friend(session: AuditSession) -> None:
    review = FriendReview(result(("Liv Brown", "Olivia Brown")), session)
    review.decide(0, Decision.SAME)
    review.decide(0, Decision.NOT_THEM)
    assert session.state.friend_matches == []


def test_one_friend_matched_twice_stays_while_either_is_confirmed(session: AuditSession) -> None:
    review = FriendReview(
        result(("Liv Brown", "Olivia Brown"), ("Liv Brown", "Liv Browne")), session
    )
    review.decide(0, Decision.SAME)
    review.decide(1, Decision.NOT_THEM)
    assert [m.friend for m in session.state.friend_matches] == ["Liv Brown"]


def test_earlier_confirmations_are_shown_as_decided(session: AuditSession) -> None:
    session.confirm_friend("Liv Brown", "facebook", ["friend"], False)
    review = FriendReview(result(("Liv Brown", "Olivia Brown"), ("Jo Bloggs", "Jo Blogs")), session)
    assert [item.decision for item in review.items] == [Decision.SAME, None]
    assert review.items[0].significant_contact is False
    assert review.next_undecided() == 1


def test_a_confirmed_match_answers_yes_even_over_an_earlier_no(session: AuditSession) -> None:
    session.set_answer(NONE_CONNECTED_CHECK, "no")
    review = FriendReview(result(("Liv Brown", "Olivia Brown")), session)
    review.decide(0, Decision.SAME)
    assert review.answer_question() == "yes"
    assert session.answer(NONE_CONNECTED_CHECK) == "yes"


def test_no_matches_answers_no_only_if_unanswered_or_not_sure(session: AuditSession) -> None:
    nothing = run_friend_check([scan_pasted_names("Jo Bloggs\nAnn Lee")], [ServiceUser("Zed Q")])
    review = FriendReview(nothing, session)
    assert review.answer_question() == "no"
    session.set_answer(NONE_CONNECTED_CHECK, "yes")
    assert FriendReview(nothing, session).answer_question() is None
    assert session.answer(NONE_CONNECTED_CHECK) == "yes"


def test_unreviewed_or_unsure_matches_leave_the_question_alone(session: AuditSession) -> None:
    review = FriendReview(result(("Liv Brown", "Olivia Brown")), session)
    assert review.answer_question() is None
    review.decide(0, Decision.NOT_SURE)
    assert review.answer_question() is None
    assert session.answer(NONE_CONNECTED_CHECK) is None
    review.decide(0, Decision.NOT_THEM)
    assert review.answer_question() == "no"


def test_the_list_is_kept_only_when_the_person_opts_in(session: AuditSession) -> None:
    users = [ServiceUser("Olivia Brown", {"instagram": "liv.b"})]
    assert session.state.keep_service_users is False
    session.keep_service_users(saved_service_users(users))
    assert restored_service_users(session.state.service_users) == users
    session.keep_service_users(None)
    assert session.state.service_users == [] and not session.state.keep_service_users


def test_state_refuses_a_list_without_the_opt_in() -> None:
    with pytest.raises(ValueError, match="keep_service_users"):
        AppState.model_validate({"service_users": [{"name": "Olivia Brown"}]})
