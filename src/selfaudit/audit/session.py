"""One run of the audit: the questions that apply, the answers given so far, and the result.

The wizard, the CLI and tests all drive the audit through this class; it knows nothing of Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from selfaudit.audit.findings import Finding, Scores, applies, evaluate, score
from selfaudit.audit.state import Answer, AppState, AuditRecord, FriendMatch, SavedServiceUser
from selfaudit.content.models import Catalog, Check

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class AuditSession:
    def __init__(self, catalog: Catalog, state: AppState, clock: Clock = utc_now) -> None:
        self.catalog = catalog
        self.state = state
        self._clock = clock
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Calls `listener` after every change, so the owner can save without the pages knowing."""
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()

    # platforms ------------------------------------------------------------------------------
    @property
    def platforms(self) -> list[str]:
        return list(self.state.platforms)

    def set_platforms(self, platform_ids: list[str]) -> None:
        known = [p.id for p in self.catalog.platforms]
        unknown = set(platform_ids) - set(known)
        if unknown:
            raise ValueError(f"unknown platform(s): {', '.join(sorted(unknown))}")
        ordered = [p for p in known if p in platform_ids]
        if ordered != self.state.platforms:
            self.state.platforms = ordered
            self._changed()

    # answers --------------------------------------------------------------------------------
    def answer(self, check_id: str) -> str | None:
        given = self.state.answers.get(check_id)
        return given.value if given else None

    def set_answer(self, check_id: str, value: str) -> None:
        check = self.catalog.check(check_id)
        if value not in {o.value for o in check.choices()}:
            raise ValueError(f"{value!r} is not an answer to {check_id}")
        if self.answer(check_id) == value:
            return
        self.state.answers[check_id] = Answer(value=value, answered_at=self._clock())
        self._changed()

    def applicable_checks(self) -> list[Check]:
        return [c for c in self.catalog.checks if applies(c, self.state.platforms)]

    def unanswered(self) -> list[Check]:
        return [c for c in self.applicable_checks() if self.answer(c.id) is None]

    # friend check (issue 6): confirmed service users among friends, and the opt-in list ---
    def friend_match(self, friend: str, platform: str) -> FriendMatch | None:
        for match in self.state.friend_matches:
            if match.friend == friend and match.platform == platform:
                return match
        return None

    def confirm_friend(
        self,
        friend: str,
        platform: str,
        relations: list[str],
        significant_contact: bool | None = None,
    ) -> None:
        """Records (or updates) a friend the person confirmed is a service user."""
        known = self.friend_match(friend, platform)
        if known is None:
            self.state.friend_matches.append(
                FriendMatch(
                    friend=friend,
                    platform=platform,
                    confirmed_at=self._clock(),
                    significant_contact=significant_contact,
                    relations=sorted(relations),
                )
            )
        else:
            merged = sorted(set(known.relations) | set(relations))
            if (known.significant_contact, known.relations) == (significant_contact, merged):
                return
            known.significant_contact = significant_contact
            known.relations = merged
        self._changed()

    def forget_friend(self, friend: str, platform: str) -> None:
        """The person said this friend is not a service user after all."""
        kept = [
            m
            for m in self.state.friend_matches
            if not (m.friend == friend and m.platform == platform)
        ]
        if len(kept) != len(self.state.friend_matches):
            self.state.friend_matches = kept
            self._changed()

    def keep_service_users(self, users: list[SavedServiceUser] | None) -> None:
        """Keeps the service-user list in the vault (a list), or forgets it (None)."""
        keep = users is not None
        stored = list(users or [])
        if (self.state.keep_service_users, self.state.service_users) == (keep, stored):
            return
        self.state.service_users = stored
        self.state.keep_service_users = keep
        self._changed()

    # result ---------------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        answers = {check_id: a.value for check_id, a in self.state.answers.items()}
        return evaluate(self.catalog, answers, self.state.platforms)

    def scores(self) -> Scores:
        return score(self.catalog, self.findings())

    def finish(self) -> AuditRecord:
        """Records the audit in the history; the answers stay as the starting point for the next."""
        findings = self.findings()
        scores = score(self.catalog, findings)
        applicable = {f.check.id for f in findings}
        record = AuditRecord(
            completed_at=self._clock(),
            platforms=list(self.state.platforms),
            answers={k: v for k, v in self.state.answers.items() if k in applicable},
            outcomes={f.check.id: f.outcome for f in findings},
            score=scores.overall,
            measure_scores=scores.by_measure,
        )
        self.state.audits.append(record)
        self._changed()
        return record
