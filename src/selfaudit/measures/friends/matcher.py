"""Finds service users among friends and followers.

1. Handles and account ids: exact, after normalisation (certain).
2. Names: folded to plain words (names.py). The same words in any order: certain.
3. Close names: every name is also read with nicknames replaced by full names (Bill -> William),
   then rapidfuzz's `process.cdist` scores every service user against every friend with
   token_sort_ratio (word order does not count; worked out as `ratio` of the words in sorted
   order, which is the same score and faster) in one vectorised call per slice of rows.
   A pair above the cut-off is kept only if its words line up one to one and each pair of
   words is itself close: "Olivia Brown" and "Olivia Smith" share a first name but their
   surnames are nothing alike, so they are never matched.
4. Middle names: one name's words all inside the other's ("John Smith", "John Paul Smith").
5. Usernames (Instagram, TikTok, Snapchat): the name run together inside the username
   ("olivia.brown09").

Confidence: certain (same name or same account), likely (score >= 90, each word >= 85, a
nickname, the name run together), possible (score >= 80, each word >= 80, a middle name, a
username containing the name). rapidfuzz and numpy are imported only when a check runs.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from selfaudit.measures.friends.model import (
    Confidence,
    Connection,
    Match,
    MatchReason,
    Monitor,
    ServiceUser,
)
from selfaudit.measures.friends.names import name_words, normalise_handle
from selfaudit.measures.friends.nicknames import NameEquivalents, load_equivalents

LIKELY_SCORE = 90
LIKELY_WORD = 85
POSSIBLE_SCORE = 80
POSSIBLE_WORD = 80
MIDDLE_NAME_WORD = 90  # a word of the shorter name must be this close to one of the longer
MIDDLE_NAME_CAP = 89  # an extra name is never more than "possible"
MIN_USERNAME_LETTERS = 6  # "al li" run together would be found inside far too many usernames
# cdist is run a slice of rows at a time, for progress and cancel. It lets go of the interpreter
# while it works, so a slice may be long (a fraction of a second) without the window waiting;
# each slice converts every friend's name again, so fewer slices are faster.
CELLS_PER_SLICE = 8_000_000
_NOT_LETTER = re.compile(r"[^a-z]")


class PreparedName(NamedTuple):  # made for every name: a tuple is quicker to make
    words: tuple[str, ...]
    key: str  # words sorted: equal keys are the same name in any order
    compact: str  # words run together, in order
    readings: tuple[tuple[str, ...], ...]  # words with nicknames read as full names


def prepare(name: str, equivalents: NameEquivalents) -> PreparedName:
    words = name_words(name)
    readings = tuple(equivalents.variants(words)) if words else ()
    return PreparedName(words, " ".join(sorted(words)), "".join(words), readings)


@dataclass
class _Best:
    score: int
    confidence: Confidence
    reason: MatchReason

    def better_than(self, other: _Best | None) -> bool:
        if other is None:
            return True
        return (self.confidence.rank, -self.score) < (other.confidence.rank, -other.score)


# records a match between a service user and a distinct friend's name
_Adder = Callable[[int, int, _Best], None]


class _Results:
    """The best match found so far for each (service user, connection) pair."""

    def __init__(self) -> None:
        self.best: dict[tuple[int, int], _Best] = {}

    def add(self, user: int, connection: int, found: _Best) -> None:
        key = (user, connection)
        if found.better_than(self.best.get(key)):
            self.best[key] = found


def _word_ratio(a: str, b: str) -> float:
    from rapidfuzz.distance import Indel

    return float(Indel.normalized_similarity(a, b)) * 100


def aligned_word_score(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """How close the weakest pair of words is, with the words of two equally long names paired
    up in the way that suits them best (so "Smith John" lines up with "Jon Smith")."""
    if len(a) != len(b) or not a:
        return 0.0
    if len(a) > 4:  # rare; sorted order is a fair pairing and avoids 120+ orderings
        return min(_word_ratio(x, y) for x, y in zip(sorted(a), sorted(b), strict=True))
    best = 0.0
    for order in itertools.permutations(b):
        weakest = min(_word_ratio(x, y) for x, y in zip(a, order, strict=True))
        best = max(best, weakest)
    return best


def _judge(score: int, word_score: float) -> Confidence | None:
    if score >= LIKELY_SCORE and word_score >= LIKELY_WORD:
        return Confidence.LIKELY
    if score >= POSSIBLE_SCORE and word_score >= POSSIBLE_WORD:
        return Confidence.POSSIBLE
    return None


def _covers(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every word of the shorter name is (nearly) one of the longer name's, each used once."""
    left = list(long)
    for word in short:
        best = max(left, key=lambda other: _word_ratio(word, other))
        if _word_ratio(word, best) < MIDDLE_NAME_WORD:
            return False
        left.remove(best)
    return True


class _NameIndex:
    """Distinct names of one side, each with its readings flattened for cdist. A reading's
    text has its words in sorted order: token_sort_ratio of two readings is then plain `ratio`
    of their texts (the same score), which rapidfuzz works out several names at a time."""

    def __init__(self, names: list[PreparedName]) -> None:
        self.names = names
        self.reading_owner: list[int] = []
        self.reading_text: list[str] = []
        self.reading_words: list[tuple[str, ...]] = []
        for index, name in enumerate(names):
            for reading in name.readings:
                self.reading_owner.append(index)
                self.reading_text.append(" ".join(sorted(reading)))
                self.reading_words.append(reading)

    def words_index(self) -> dict[str, set[int]]:
        """word -> names with that word in any reading (for middle names)."""
        index: dict[str, set[int]] = defaultdict(set)
        for owner, words in zip(self.reading_owner, self.reading_words, strict=True):
            for word in words:
                index[word].add(owner)
        return index


def warm_up() -> None:
    """Loads what matching needs (rapidfuzz, numpy, the nicknames) ahead of the work."""
    import numpy  # noqa: F401
    from rapidfuzz import fuzz, process  # noqa: F401

    load_equivalents()
    name_words("Warm Up")


def find_matches(
    service_users: Sequence[ServiceUser],
    connections: Sequence[Connection],
    monitor: Monitor | None = None,
    equivalents: NameEquivalents | None = None,
) -> list[Match]:
    """Every likely service user among `connections`, best first."""
    monitor = monitor or Monitor()
    equivalents = equivalents or load_equivalents()
    results = _Results()

    _match_handles(service_users, connections, results)
    monitor.report(0.05, "Comparing account names")

    users = [prepare(user.name, equivalents) for user in service_users]
    # friends' names, once each: a name shared by several connections is compared once
    friend_names: dict[str, list[int]] = defaultdict(list)
    for index, connection in enumerate(connections):
        if connection.name:
            friend_names[connection.name].append(index)
    name_list = list(friend_names)
    friends = [prepare(name, equivalents) for name in name_list]
    holders = [friend_names[name] for name in name_list]
    monitor.report(0.15, "Comparing names")

    def add(user: int, friend: int, found: _Best) -> None:
        for connection in holders[friend]:
            results.add(user, connection, found)

    _match_same_names(users, friends, add)
    user_index, friend_index = _NameIndex(users), _NameIndex(friends)
    _match_close_names(user_index, friend_index, add, monitor.part(0.15, 0.85))
    _match_middle_names(user_index, friend_index, add)
    monitor.report(0.9, "Comparing usernames")
    _match_usernames(users, connections, results)
    monitor.report(1.0, "Done")

    matches = [
        Match(
            connection=connections[c],
            service_user=service_users[u],
            score=found.score,
            confidence=found.confidence,
            reason=found.reason,
        )
        for (u, c), found in results.best.items()
    ]
    matches.sort(
        key=lambda m: (
            m.confidence.rank,
            -m.score,
            m.connection.platform,
            m.connection.label.casefold(),
        )
    )
    return matches


def _match_handles(
    service_users: Sequence[ServiceUser], connections: Sequence[Connection], results: _Results
) -> None:
    wanted: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, user in enumerate(service_users):
        for platform, handle in user.handles.items():
            wanted[(platform, handle)].append(index)
    if not wanted:
        return
    for index, connection in enumerate(connections):
        if connection.handle:
            handle = normalise_handle(connection.platform, connection.handle)
            for owner in wanted.get((connection.platform, handle), ()):
                results.add(owner, index, _Best(100, Confidence.CERTAIN, MatchReason.HANDLE))


def _match_same_names(users: list[PreparedName], friends: list[PreparedName], add: _Adder) -> None:
    by_key: dict[str, list[int]] = defaultdict(list)
    by_compact: dict[str, list[int]] = defaultdict(list)
    for index, user in enumerate(users):
        if user.words:
            by_key[user.key].append(index)
            by_compact[user.compact].append(index)
    for f_index, friend in enumerate(friends):
        if not friend.words:
            continue
        for u_index in by_key.get(friend.key, ()):
            add(u_index, f_index, _Best(100, Confidence.CERTAIN, MatchReason.SAME_NAME))
        for u_index in by_compact.get(friend.compact, ()):
            if users[u_index].key != friend.key:  # "Mary Jane" and "Maryjane"
                add(u_index, f_index, _Best(100, Confidence.LIKELY, MatchReason.SIMILAR_NAME))


def _match_close_names(left: _NameIndex, right: _NameIndex, add: _Adder, monitor: Monitor) -> None:
    import numpy as np
    from rapidfuzz import fuzz, process

    users, friends = left.names, right.names
    if not left.reading_text or not right.reading_text:
        return
    rows = len(left.reading_text)
    step = max(1, CELLS_PER_SLICE // len(right.reading_text))
    for start in range(0, rows, step):
        monitor.report(start / rows, "Comparing names")
        scores = process.cdist(
            left.reading_text[start : start + step],
            right.reading_text,
            scorer=fuzz.ratio,  # of words in sorted order: token_sort_ratio's score
            score_cutoff=POSSIBLE_SCORE,
            dtype=np.uint8,
            workers=-1,
        )
        for row, col in zip(*_hits(scores), strict=True):
            r = start + int(row)
            c = int(col)
            user, friend = left.reading_owner[r], right.reading_owner[c]
            a, b = users[user], friends[friend]
            if a.key == b.key or len(a.words) < 2 or len(b.words) < 2:
                continue  # same name (found already) or a single word: too little to go on
            words_a, words_b = left.reading_words[r], right.reading_words[c]
            if len(words_a) != len(words_b):
                continue  # a middle name: see _match_middle_names
            nickname = words_a != a.words or words_b != b.words
            score = int(scores[row, col])
            if nickname and sorted(words_a) == sorted(words_b):
                add(user, friend, _Best(score, Confidence.LIKELY, MatchReason.NICKNAME))
                continue
            confidence = _judge(score, aligned_word_score(words_a, words_b))
            if confidence is not None:
                reason = MatchReason.NICKNAME if nickname else MatchReason.SIMILAR_NAME
                add(user, friend, _Best(score, confidence, reason))
    monitor.report(1.0, "Comparing names")


def _hits(scores: Any) -> tuple[Any, Any]:
    """The (row, column) of every non-zero score, like numpy.nonzero but faster on a matrix that
    is almost all zeros (scores under the cut-off): eight scores at a time are looked at as one
    64-bit number, and only the few non-zero ones are looked into."""
    import numpy as np

    flat = scores.reshape(-1)  # cdist's matrix is C-contiguous: no copy
    whole = flat.size // 8 * 8
    blocks = np.flatnonzero(flat[:whole].view(np.uint64))
    candidates = (blocks[:, None] * 8 + np.arange(8)).reshape(-1)
    positions = np.concatenate(
        (candidates[flat[candidates] != 0], whole + np.flatnonzero(flat[whole:]))
    )
    rows, cols = np.divmod(positions, scores.shape[1])
    return rows, cols


def _holding_all(index: dict[str, set[int]], words: tuple[str, ...]) -> set[int]:
    """The names that have every one of `words` (the rarest word's names looked at first)."""
    postings: list[set[int]] = []
    for word in words:
        holders = index.get(word)
        if not holders:
            return set()
        postings.append(holders)
    if not postings:
        return set()
    postings.sort(key=len)
    return postings[0].intersection(*postings[1:])


def _match_middle_names(users: _NameIndex, friends: _NameIndex, add: _Adder) -> None:
    from rapidfuzz import fuzz

    def subsets(short_side: _NameIndex, long_side: _NameIndex, short_is_user: bool) -> None:
        index = long_side.words_index()
        longs = long_side.names
        for s_index, short in enumerate(short_side.names):
            if len(short.words) < 2:
                continue
            for reading in short.readings:
                for l_index in _holding_all(index, reading):
                    long = longs[l_index]
                    if len(long.words) <= len(short.words):
                        continue
                    if not any(_covers(reading, r) for r in long.readings):
                        continue
                    score = min(
                        MIDDLE_NAME_CAP,
                        int(fuzz.token_set_ratio(" ".join(reading), long.key)),
                    )
                    found_match = _Best(score, Confidence.POSSIBLE, MatchReason.MIDDLE_NAME)
                    if short_is_user:
                        add(s_index, l_index, found_match)
                    else:
                        add(l_index, s_index, found_match)

    subsets(users, friends, short_is_user=True)
    subsets(friends, users, short_is_user=False)


def _match_usernames(
    users: list[PreparedName], connections: Sequence[Connection], results: _Results
) -> None:
    """Usernames hold no spaces: look for the name run together, in either order."""
    from rapidfuzz import fuzz

    holders: list[int] = []
    letters: list[str] = []
    for index, connection in enumerate(connections):
        if connection.handle and not connection.handle.isdigit():
            holders.append(index)
            letters.append(_NOT_LETTER.sub("", connection.handle.casefold()))
    if not holders:
        return
    # one long text of every username: str.find does the searching in C
    text = "\n".join(letters)
    starts = list(itertools.accumulate((len(s) + 1 for s in letters[:-1]), initial=0))
    for u_index, user in enumerate(users):
        if len(user.words) < 2:
            continue
        forms = {"".join(user.words), "".join(reversed(user.words))}
        for form in forms:
            if len(form) < MIN_USERNAME_LETTERS:
                continue
            position = text.find(form)
            while position != -1:
                which = bisect.bisect_right(starts, position) - 1
                username = letters[which]
                if username == form:
                    found = _Best(100, Confidence.LIKELY, MatchReason.USERNAME)
                else:
                    score = int(fuzz.ratio(form, username))
                    found = _Best(
                        max(POSSIBLE_SCORE, min(score, LIKELY_SCORE - 1)),
                        Confidence.POSSIBLE,
                        MatchReason.USERNAME,
                    )
                results.add(u_index, holders[which], found)
                # on to the next username that holds it
                position = text.find(form, starts[which] + len(username) + 1)
