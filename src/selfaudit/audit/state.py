"""The person's own data: answers, past audits. Plain pydantic models, serialised into the vault."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from selfaudit.audit.probe_record import ProbeRecord
from selfaudit.audit.progress import ActionProgress
from selfaudit.content.models import Outcome
from selfaudit.content.plan_kinds import PlanKind
from selfaudit.evidence.models import EvidenceLog

SCHEMA_VERSION = 4  # 2: own_reaudit_days; 3: situation_actions; 4: idle_lock_minutes
MIN_OWN_REAUDIT_DAYS = 7
DEFAULT_IDLE_LOCK_MINUTES = 10


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Answer(Record):
    value: str
    answered_at: datetime  # lets a re-audit ask again what has aged


class AuditRecord(Record):
    """One finished audit, kept so the next one can say what changed."""

    completed_at: datetime
    platforms: list[str]
    answers: dict[str, Answer]
    outcomes: dict[str, Outcome]  # check id -> outcome, applicable checks only
    score: int | None
    measure_scores: dict[str, int | None]


class FriendMatch(Record):
    """A friend or follower the person confirmed is a service user (the friend check).

    Only the friend's name as it appears on the platform is kept; the service-user list never is.
    """

    friend: str
    platform: str
    confirmed_at: datetime
    significant_contact: bool | None = None  # None: not asked yet
    # how they are connected ("friend", "follower", "following", "connection"): which removal
    # steps apply (measures.friends.guides.actions_for)
    relations: list[str] = Field(default_factory=list)


class SituationPlanItem(Record):
    """An action the person added to their plan from "Something has happened": what kind, where
    (a platform id, when they said) and when. No name and nothing of what happened is kept."""

    id: str  # "situation:<kind>:<random hex>", the key of its progress in action_progress
    situation: str  # the situation's id, such as "found-friend"
    kind: PlanKind
    platform: str | None = None
    added_at: datetime


class SavedServiceUser(Record):
    """A service user the person chose to keep in the vault (off unless they opt in)."""

    name: str
    handles: dict[str, str] = Field(default_factory=dict)  # platform id -> handle or account id


class AppState(Record):
    """Everything the app keeps about the person. Lives only inside the encrypted vault."""

    schema_version: int = SCHEMA_VERSION
    platforms: list[str] = Field(default_factory=list)
    answers: dict[str, Answer] = Field(default_factory=dict)
    audits: list[AuditRecord] = Field(default_factory=list)
    friend_matches: list[FriendMatch] = Field(default_factory=list)
    # the plan: action id -> to do / done / snoozed / doesn't apply (audit/progress.py)
    action_progress: dict[str, ActionProgress] = Field(default_factory=dict)
    probe_results: dict[str, ProbeRecord] = Field(default_factory=dict)  # probe id -> last result
    evidence: EvidenceLog = Field(default_factory=EvidenceLog)  # incidents (selfaudit.evidence)
    # the person's own re-audit interval, when they want to be asked sooner than their
    # organisation's policy asks (never later: audit/reaudit.py takes the shorter)
    own_reaudit_days: int | None = Field(default=None, ge=MIN_OWN_REAUDIT_DAYS, le=3650)
    # actions added from "Something has happened" (audit/situation_actions.py)
    situation_actions: list[SituationPlanItem] = Field(default_factory=list)
    # with a passphrase: lock after this many minutes unused (None: never); the policy's
    # lock_after_minutes, when set, is the longest allowed (vault/lock_rules.py)
    idle_lock_minutes: int | None = Field(default=DEFAULT_IDLE_LOCK_MINUTES, ge=1, le=1440)
    # The service-user list is kept only if the person opts in; then only here, in the vault.
    keep_service_users: bool = False
    service_users: list[SavedServiceUser] = Field(default_factory=list)

    def summary(self) -> str:
        """What the checklist holds, in a few words: "12 answers, 1 finished audit"."""
        answers, audits = len(self.answers), len(self.audits)
        return (
            f"{answers} answer{'' if answers == 1 else 's'}, "
            f"{audits} finished audit{'' if audits == 1 else 's'}"
        )

    @model_validator(mode="after")
    def _service_users_only_when_kept(self) -> AppState:
        if self.service_users and not self.keep_service_users:
            raise ValueError("service_users may only be stored when keep_service_users is on")
        return self
