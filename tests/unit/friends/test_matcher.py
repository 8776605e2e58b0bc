"""The matcher: every planted service user found, look-alikes left alone, confidence sensible."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from samples import friend_check as scenario

from selfaudit.measures.friends.check import run_friend_check
from selfaudit.measures.friends.matcher import aligned_word_score, find_matches
from selfaudit.measures.friends.model import (
    CheckCancelledError,
    Confidence,
    Connection,
    MatchReason,
    Monitor,
    Relation,
    ServiceUser,
)
from selfaudit.measures.friends.nicknames import build_equivalents, load_equivalents
from selfaudit.measures.friends.service_users import parse_service_users

FRIEND = frozenset({Relation.FRIEND})


def fb(*names: str) -> list[Connection]:
    return [Connection("facebook", FRIEND, name=n) for n in names]


def matched(users: list[str], friends: list[str]) -> dict[tuple[str, str], Confidence]:
    found = find_matches([ServiceUser(u) for u in users], fb(*friends))
    return {(m.service_user.name, m.connection.name): m.confidence for m in found}


def test_every_planted_service_user_is_found_and_no_decoy(tmp_path: Path) -> None:
    users = parse_service_users(scenario.SERVICE_USERS_CSV)
    result = run_friend_check(scenario.build_exports(tmp_path), users)
    assert result.errors == ()
    found = {
        (m.connection.platform, m.connection.label.casefold(), m.service_user.name)
        for m in result.matches
    }
    planted = {(p, friend.casefold(), user) for p, friend, user in scenario.PLANTED}
    assert planted <= found
    decoys = {(p, friend.casefold()) for p, friend in scenario.DECOYS}
    assert not {(p, friend) for p, friend, _ in found} & decoys
    assert found == planted  # and nothing else among the ordinary friends
    assert result.scanned == {
        "facebook": 23,
        "instagram": 6,
        "x": 4,
        "linkedin": 5,
        "tiktok": 3,
        "snapchat": 4,
        "other": 3,
    }


@pytest.mark.parametrize(
    ("user", "friend", "confidence"),
    [
        ("José Álvarez", "Jose Alvarez", Confidence.CERTAIN),
        ("Olivia Brown", "Brown Olivia", Confidence.CERTAIN),
        ("Olivia Brown", "Olivia Browne", Confidence.LIKELY),
        ("John Smith", "Jon Smith", Confidence.LIKELY),
        ("William Hughes", "Bill Hughes", Confidence.LIKELY),
        ("Elizabeth Carter", "Liz Carter", Confidence.LIKELY),
        ("Muhammad Ali", "Mohammed Ali", Confidence.LIKELY),
        ("Maryjane Smith", "Mary Jane Smith", Confidence.LIKELY),
        ("Anne Smyth", "Ann Smith", Confidence.POSSIBLE),
        ("John Smith", "John Michael Smith", Confidence.POSSIBLE),
        ("Olivia Grace Brown", "Olivia Brown", Confidence.POSSIBLE),
    ],
)
def test_confidence(user: str, friend: str, confidence: Confidence) -> None:
    assert matched([user], [friend]) == {(user, friend): confidence}


@pytest.mark.parametrize(
    ("user", "friend"),
    [
        ("Olivia Brown", "Olivia Smith"),
        ("Olivia Brown", "Oliver Brown"),
        ("Olivia Brown", "Olivia Browning"),
        ("Jack Brown", "Jake Brown"),
        ("Emily Clark", "Emma Clark"),
        ("Olivia Smith", "Olivia Smithers"),
        ("Olivia Brown", "Olivia"),  # one word is too little to go on
        ("Olivia", "Olivia Brown"),
        ("Li Wei", "Li Wen"),
    ],
)
def test_look_alikes_are_not_matched(user: str, friend: str) -> None:
    assert matched([user], [friend]) == {}


def test_a_single_word_name_matches_only_itself() -> None:
    assert matched(["Cher"], ["Cher", "Chér", "Cheryl"]) == {
        ("Cher", "Cher"): Confidence.CERTAIN,
        ("Cher", "Chér"): Confidence.CERTAIN,
    }


def test_usernames_holding_the_name() -> None:
    users = [ServiceUser("Olivia Brown")]
    follows = frozenset({Relation.FOLLOWER})
    connections = [
        Connection("instagram", follows, handle=h)
        for h in ("olivia.brown_09", "brownolivia", "xx_oliviabrownie", "olivia.smith", "liv")
    ]
    found = {
        m.connection.handle: (m.confidence, m.reason) for m in find_matches(users, connections)
    }
    assert found == {
        "olivia.brown_09": (Confidence.LIKELY, MatchReason.USERNAME),
        "brownolivia": (Confidence.LIKELY, MatchReason.USERNAME),
        "xx_oliviabrownie": (Confidence.POSSIBLE, MatchReason.USERNAME),
    }


def test_handles_match_exactly_and_only_on_their_platform() -> None:
    user = ServiceUser("Someone Else", {"tiktok": "liv_b", "x": "42"})
    follows = frozenset({Relation.FOLLOWER})
    connections = [
        Connection("tiktok", follows, handle="Liv_B"),
        Connection("instagram", follows, handle="liv_b"),
        Connection("x", follows, handle="42"),
        Connection("x", follows, handle="420"),
    ]
    found = [
        (m.connection.platform, m.connection.handle) for m in find_matches([user], connections)
    ]
    assert sorted(found) == [("tiktok", "Liv_B"), ("x", "42")]


def test_each_pair_is_reported_once_with_its_best_reason() -> None:
    user = ServiceUser("Olivia Brown", {"snapchat": "olivia.brown"})
    friend = Connection("snapchat", FRIEND, name="Olivia Brown", handle="olivia.brown")
    (match,) = find_matches([user], [friend])
    assert (match.confidence, match.score) == (Confidence.CERTAIN, 100)


def test_word_alignment_pairs_words_in_their_best_order() -> None:
    assert aligned_word_score(("smith", "jon"), ("john", "smith")) == pytest.approx(85.71, 0.01)
    assert aligned_word_score(("olivia", "brown"), ("olivia", "smith")) < 50


def test_nicknames_come_from_the_data_file() -> None:
    data = load_equivalents()
    assert "william" in data.canonical("bill")
    assert set(data.canonical("beth")) == {"elizabeth", "bethany"}
    custom = build_equivalents({"robert": ("rab",)})
    found = find_matches([ServiceUser("Robert Burns")], fb("Rab Burns"), equivalents=custom)
    assert [m.reason for m in found] == [MatchReason.NICKNAME]
    assert (
        find_matches(
            [ServiceUser("Robert Burns")], fb("Rab Burns"), equivalents=build_equivalents({})
        )
        == []
    )


def test_cancel_stops_the_match() -> None:
    monitor = Monitor()
    monitor.cancel()
    with pytest.raises(CheckCancelledError):
        find_matches([ServiceUser("Olivia Brown")], fb("Olivia Brown"), monitor)


def test_progress_is_reported_from_zero_to_one(tmp_path: Path) -> None:
    seen: list[float] = []
    monitor = Monitor(lambda fraction, _: seen.append(fraction))
    run_friend_check(scenario.build_exports(tmp_path), parse_service_users("Olivia Brown"), monitor)
    assert seen == sorted(seen)
    assert seen[-1] == 1.0


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(1, 12),
    cols=st.integers(1, 40),
    hits=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 39), st.integers(1, 100))),
)
def test_hits_are_numpys_nonzero(rows: int, cols: int, hits: list[tuple[int, int, int]]) -> None:
    import numpy as np

    from selfaudit.measures.friends.matcher import _hits

    scores = np.zeros((rows, cols), dtype=np.uint8)
    for row, col, score in hits:
        scores[row % rows, col % cols] = score
    expected = np.nonzero(scores)
    found = _hits(scores)
    assert [list(a) for a in found] == [list(a) for a in expected]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("abcdeíz", min_size=1, max_size=8), min_size=1, max_size=5),
    st.lists(st.text("abcdeíz", min_size=1, max_size=8), min_size=1, max_size=5),
)
def test_close_names_are_scored_as_token_sort_ratio(a: list[str], b: list[str]) -> None:
    """The matcher scores readings with `ratio` of their words in sorted order: the same score
    as token_sort_ratio of the words in any order, cut-off and all."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from selfaudit.measures.friends.matcher import POSSIBLE_SCORE, _NameIndex, prepare

    equivalents = build_equivalents({})
    left, right = (_NameIndex([prepare(" ".join(words), equivalents)]) for words in (a, b))
    ours = process.cdist(
        left.reading_text, right.reading_text, scorer=fuzz.ratio, score_cutoff=POSSIBLE_SCORE
    )
    theirs = process.cdist(
        [" ".join(w) for w in left.reading_words],
        [" ".join(w) for w in right.reading_words],
        scorer=fuzz.token_sort_ratio,
        score_cutoff=POSSIBLE_SCORE,
    )
    assert np.array_equal(ours, theirs)
