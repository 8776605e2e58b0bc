"""The person's review of a check's matches, one by one. Each decision goes straight into the
audit (AuditSession.confirm_friend / forget_friend), so nothing is lost; only the friend's name,
platform and relation are kept, never the service user's name.

The check's result can also answer the section's question "Are any current or past service
users among your friends?": "yes" as soon as one match is confirmed; "no" once every match was
looked at and none confirmed, but only when the person has not answered already.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from selfaudit.audit.session import AuditSession
from selfaudit.audit.state import SavedServiceUser
from selfaudit.content.models import NOT_SURE
from selfaudit.measures.friends.model import CheckResult, Match, ServiceUser

NONE_CONNECTED_CHECK = "service_users.none_connected"


class Decision(StrEnum):
    SAME = "same"  # "Same person"
    NOT_THEM = "not_them"  # "Not them"
    NOT_SURE = "not_sure"  # "Not sure": nothing kept, the plan asks them to look again


@dataclass
class ReviewItem:
    match: Match
    decision: Decision | None = None
    significant_contact: bool | None = None  # None: not answered, or "Not sure"

    @property
    def friend(self) -> str:
        return self.match.connection.label

    @property
    def platform(self) -> str:
        return self.match.connection.platform


class FriendReview:
    def __init__(self, result: CheckResult, session: AuditSession) -> None:
        self.result = result
        self.session = session
        self.items = [ReviewItem(match) for match in result.matches]
        for item in self.items:
            known = session.friend_match(item.friend, item.platform)
            if known is not None:  # confirmed in an earlier check
                item.decision = Decision.SAME
                item.significant_contact = known.significant_contact

    def decide(self, index: int, decision: Decision) -> None:
        self.items[index].decision = decision
        self._record(self.items[index])

    def set_significant_contact(self, index: int, contact: bool | None) -> None:
        item = self.items[index]
        item.significant_contact = contact
        if item.decision is Decision.SAME:
            self._record(item)

    def _record(self, item: ReviewItem) -> None:
        # the same friend may be matched with more than one service user: they are a
        # service user if any of those matches was confirmed
        same_friend = [
            other
            for other in self.items
            if (other.friend, other.platform) == (item.friend, item.platform)
        ]
        confirmed = [other for other in same_friend if other.decision is Decision.SAME]
        if confirmed:
            answers = {o.significant_contact for o in confirmed}
            contact = True if True in answers else (False if False in answers else None)
            relations = {r.value for o in confirmed for r in o.match.connection.relations}
            self.session.confirm_friend(item.friend, item.platform, sorted(relations), contact)
        else:
            self.session.forget_friend(item.friend, item.platform)

    # progress through the review -------------------------------------------------------------
    def undecided(self) -> int:
        return sum(1 for item in self.items if item.decision is None)

    def next_undecided(self, after: int = -1) -> int | None:
        order = list(range(after + 1, len(self.items))) + list(range(after + 1))
        return next((i for i in order if self.items[i].decision is None), None)

    def confirmed(self) -> list[ReviewItem]:
        return [item for item in self.items if item.decision is Decision.SAME]

    def complete(self) -> bool:
        """Every match looked at and decided one way or the other."""
        return all(item.decision in (Decision.SAME, Decision.NOT_THEM) for item in self.items)

    # the section's question ------------------------------------------------------------------
    def suggested_answer(self) -> str | None:
        if self.session.state.friend_matches:
            return "yes"
        scanned = sum(self.result.scanned.values())
        if scanned and self.complete():
            return "no"
        return None

    def answer_question(self) -> str | None:
        """Answers "Are any service users among your friends?" from the check, where it can.
        An answer the person gave is overridden only by a confirmed match."""
        session = self.session
        if not session.catalog.has_check(NONE_CONNECTED_CHECK):
            return None
        suggested = self.suggested_answer()
        current = session.answer(NONE_CONNECTED_CHECK)
        if suggested == "yes" or (suggested == "no" and current in (None, NOT_SURE)):
            session.set_answer(NONE_CONNECTED_CHECK, suggested)
            return suggested
        return None


def saved_service_users(users: list[ServiceUser]) -> list[SavedServiceUser]:
    """The list as the vault keeps it, when the person chose to keep it."""
    return [SavedServiceUser(name=u.name, handles=dict(u.handles)) for u in users]


def restored_service_users(saved: list[SavedServiceUser]) -> list[ServiceUser]:
    return [ServiceUser(name=s.name, handles=dict(s.handles)) for s in saved]
