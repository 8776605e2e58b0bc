"""One run of the audit: the questions that apply, the answers given so far, and the result.

The wizard, the CLI and tests all drive the audit through this class; it knows nothing of Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from selfaudit.audit.findings import Finding, Scores, applies, evaluate_state, score
from selfaudit.audit.plan import settle_after_audit
from selfaudit.audit.probe_record import ProbeRecord
from selfaudit.audit.progress import ActionProgress
from selfaudit.audit.reaudit import ReauditScope
from selfaudit.audit.state import (
    Answer,
    AppState,
    AuditRecord,
    FriendMatch,
    SavedServiceUser,
    SituationPlanItem,
)
from selfaudit.content.models import Catalog, Check
from selfaudit.content.plan_kinds import PlanKind
from selfaudit.dates import Clock, utc_now
from selfaudit.probes.probe import ProbeResult


class AuditSession:
    def __init__(self, catalog: Catalog, state: AppState, clock: Clock = utc_now) -> None:
        self.catalog = catalog
        self.state = state
        self._clock = clock
        self._listeners: list[Callable[[], None]] = []
        self.reaudit: ReauditScope | None = None  # None: a full audit asks every question

    def now(self) -> datetime:
        return self._clock()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Calls `listener` after every change, so the owner can save without the pages knowing."""
        self._listeners.append(listener)

    def notify_changed(self) -> None:
        """For changes made to the state outside the session (the evidence log), so the owner
        saves them like any other."""
        self._changed()

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

    def asks(self, check: Check) -> bool:
        """Whether this audit asks `check`: it applies to the person and, in a re-audit, it is
        new, did not pass, or its last confirmation has aged (audit/reaudit.py)."""
        return applies(check, self.state.platforms) and (
            self.reaudit is None or self.reaudit.asks(check)
        )

    def start_audit(self, reaudit: ReauditScope | None = None) -> None:
        """Starts a full audit, or a re-audit that asks only what `reaudit` leaves open."""
        self.reaudit = reaudit

    # what this computer's probes found -----------------------------------------------------
    def probe_result(self, probe_id: str) -> ProbeRecord | None:
        return self.state.probe_results.get(probe_id)

    def record_probe(self, result: ProbeResult) -> None:
        """Keeps a probe's latest result; it decides its detected check unless it is unknown."""
        self.state.probe_results[result.probe] = ProbeRecord.of(result, self._clock())
        self._changed()

    # the friend check: confirmed service users among friends, and the opt-in list --------
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
        return evaluate_state(self.catalog, self.state)

    def scores(self) -> Scores:
        return score(self.catalog, self.findings())

    def finish(self) -> AuditRecord:
        """Records the audit in the history; the answers stay as the starting point for the next.

        Every answer the person saw in this audit counts as confirmed now, changed or not, so a
        re-audit knows how old each confirmation is.
        """
        now = self._clock()
        for check in self.applicable_checks():
            given = self.state.answers.get(check.id)
            if given is not None and self.asks(check):
                self.state.answers[check.id] = Answer(value=given.value, answered_at=now)
        findings = self.findings()
        scores = score(self.catalog, findings)
        applicable = {f.check.id for f in findings}
        record = AuditRecord(
            completed_at=now,
            platforms=list(self.state.platforms),
            answers={k: v for k, v in self.state.answers.items() if k in applicable},
            outcomes={f.check.id: f.outcome for f in findings},
            score=scores.overall,
            measure_scores=scores.by_measure,
        )
        self.state.audits.append(record)
        settle_after_audit(self.state, findings, self.asks)
        self.reaudit = None
        self._changed()
        return record

    # the plan -------------------------------------------------------------------------------
    def set_own_reaudit_days(self, days: int | None) -> None:
        """The person's own re-audit interval (None: their organisation's)."""
        if days != self.state.own_reaudit_days:
            self.state.own_reaudit_days = days
            self._changed()

    def set_idle_lock_minutes(self, minutes: int | None) -> None:
        """How long the app may sit unused before it locks (None: never)."""
        if minutes != self.state.idle_lock_minutes:
            self.state.idle_lock_minutes = minutes
            self._changed()

    def add_situation_action(
        self, situation: str, kind: PlanKind, platform: str | None = None
    ) -> SituationPlanItem:
        """Adds a lasting action from "Something has happened" to the plan (the person chose
        to): remove a service user found among their friends, or tell their line manager."""
        from selfaudit.audit.situation_actions import new_item

        if platform is not None and platform not in {p.id for p in self.catalog.platforms}:
            raise ValueError(f"unknown platform: {platform}")
        item = new_item(situation, kind, platform, self._clock())
        self.state.situation_actions.append(item)
        self._changed()
        return item

    def set_action_progress(self, action_id: str, progress: ActionProgress | None) -> None:
        """Records where the person is with one action of their plan; None means to do."""
        if progress is None:
            if self.state.action_progress.pop(action_id, None) is None:
                return
        else:
            self.state.action_progress[action_id] = progress
        self._changed()
