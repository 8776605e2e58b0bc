"""The personal action plan: what to fix, why, how, by when, and how far the person has got.

Every check that did not pass (failed, or the person was not sure) becomes an action, and so does
each service user the friend check found among the person's contacts, and each action the person
added from "Something has happened". The plan is ordered so the
single most important open action comes first ("Do this first").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from selfaudit.audit.findings import Finding, evaluate_state
from selfaudit.audit.progress import ActionProgress, ActionStatus
from selfaudit.audit.state import AppState
from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import AnswerKind, Basis, Catalog, Check, Outcome, Severity
from selfaudit.dates import local_date
from selfaudit.policy import Policy

SEVERITY_RANK = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
STATUS_RANK = {
    ActionStatus.TODO: 0,
    ActionStatus.SNOOZED: 1,
    ActionStatus.DONE: 2,
    ActionStatus.NOT_APPLICABLE: 3,
}


class ActionKind(StrEnum):
    CHECK = "check"  # a check that did not pass
    FRIEND_REMOVE = "friend_remove"  # a service user found among the person's contacts
    FRIEND_TELL_MANAGER = "friend_tell_manager"  # ... with whom there was significant contact
    FRIEND_DECLINE = "friend_decline"  # future requests on a platform where one was found


# Within a severity, what to do first. Removing a service user the friend check found comes
# before everything else: the code asks for it "as soon as you become aware" (§7), and it
# protects another person, not only the employee.
KIND_RANK = {
    ActionKind.FRIEND_REMOVE: 0,
    ActionKind.FRIEND_TELL_MANAGER: 1,
    ActionKind.CHECK: 2,
    ActionKind.FRIEND_DECLINE: 3,
}


@dataclass(frozen=True)
class Action:
    id: str  # stable across audits: the key of the person's progress in AppState
    kind: ActionKind
    title: str  # never names a person, so it is safe in exports
    steps: tuple[str, ...]
    why: str
    clause_ref: str  # the section of the code of practice
    clause_title: str
    quote: str  # the code's own words; empty for good practice
    severity: Severity
    measure_id: str
    measure_title: str
    finding: Outcome  # FAIL, UNKNOWN ("Not sure"), or PASS for an action done since the audit
    found_on: date
    due: date
    status: ActionStatus
    done_on: date | None = None
    snoozed_until: date | None = None
    person: str | None = None  # the friend's name: shown in the app, left out of every export
    probe: str | None = None  # a probe of this computer can check the action was done
    check_id: str | None = None
    required: bool = False  # the organisation's policy requires the check or its measure
    sort_key: tuple[int | str, ...] = field(default=(), compare=False, repr=False)
    # the code asks for it (and `quote` gives its words), it is good practice, or it is the
    # organisation's own question
    basis: Basis = Basis.CODE
    # the code cited, and its numbering: the organisation's own when its policy names one
    code: CodeOfPractice = field(default=BUILT_IN_CODE, compare=False, repr=False)

    @property
    def is_open(self) -> bool:
        return self.status in (ActionStatus.TODO, ActionStatus.SNOOZED)

    def overdue(self, today: date) -> bool:
        return self.status is ActionStatus.TODO and self.due < today

    @property
    def display_title(self) -> str:
        """The title as the app shows it, with the friend's name where there is one."""
        return f"{self.title}: {self.person}" if self.person else self.title


@dataclass(frozen=True)
class ActionPlan:
    actions: tuple[Action, ...]  # to do first (most important first), then snoozed, done, n/a
    as_of: date

    @property
    def first(self) -> Action | None:
        """The "Do this first" action: the most important one still to do."""
        return next((a for a in self.actions if a.status is ActionStatus.TODO), None)

    def with_status(self, *statuses: ActionStatus) -> list[Action]:
        return [a for a in self.actions if a.status in statuses]

    @property
    def open_count(self) -> int:
        return sum(1 for a in self.actions if a.is_open)

    @property
    def done_count(self) -> int:
        return sum(1 for a in self.actions if a.status is ActionStatus.DONE)

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.actions if a.overdue(self.as_of))

    def action(self, action_id: str) -> Action:
        return next(a for a in self.actions if a.id == action_id)


def check_action_id(check_id: str) -> str:
    return f"check:{check_id}"


def build_plan(
    catalog: Catalog,
    state: AppState,
    policy: Policy,
    today: date,
    findings: list[Finding] | None = None,
) -> ActionPlan:
    """The plan for the person's current answers and confirmed friend matches, as of `today`."""
    if findings is None:
        findings = evaluate_state(catalog, state)
    # catalog order, looked up once: comparing the content's models one by one is slow
    check_order = {check.id: index for index, check in enumerate(catalog.checks)}
    measure_order = {measure.id: index for index, measure in enumerate(catalog.measures)}
    drafts: list[ActionDraft] = []
    for finding in findings:
        progress = state.action_progress.get(check_action_id(finding.check.id))
        still_to_fix = finding.outcome in (Outcome.FAIL, Outcome.UNKNOWN)
        # an action ticked off since the audit stays on the plan as done until the next audit
        done_since = progress is not None and progress.status is ActionStatus.DONE
        if still_to_fix or (done_since and finding.outcome is Outcome.PASS):
            drafts.append(_check_draft(check_order, state, finding))
    if state.friend_matches:  # their steps load only then (measures/friends/guides.py)
        from selfaudit.audit.friend_actions import friend_actions  # it builds on these types

        drafts.extend(friend_actions(catalog, state, policy))
    if state.situation_actions:  # as friend actions: their steps are the friend check's
        from selfaudit.audit.situation_actions import situation_actions

        drafts.extend(situation_actions(catalog, state, policy))
    actions = [_finish(draft, catalog, measure_order, state, policy, today) for draft in drafts]
    actions.sort(key=lambda a: a.sort_key)
    return ActionPlan(actions=tuple(actions), as_of=today)


@dataclass(frozen=True)
class ActionDraft:
    """An action before its dates and status are worked out."""

    id: str
    kind: ActionKind
    title: str
    steps: tuple[str, ...]
    source: Check  # the check whose why, clause, quote and measure the action carries
    severity: Severity
    finding: Outcome
    found_on: date | None  # None: first found in the audit going on now
    person: str | None = None
    probe: str | None = None
    check_id: str | None = None
    order: int = 0  # position among actions of its kind, to keep catalog order


def _check_draft(check_order: dict[str, int], state: AppState, finding: Finding) -> ActionDraft:
    check = finding.check
    steps = check.remedy.steps
    if finding.outcome is Outcome.UNKNOWN and check.not_sure_help:
        steps = (f"First find out where you stand. {check.not_sure_help}", *steps)
    return ActionDraft(
        id=check_action_id(check.id),
        kind=ActionKind.CHECK,
        title=check.remedy.title,
        steps=steps,
        source=check,
        severity=check.severity,
        finding=finding.outcome,
        found_on=_first_found(state, check.id),
        probe=check.probe if check.answer is AnswerKind.DETECTED else None,
        check_id=check.id,
        order=check_order[check.id],
    )


def _first_found(state: AppState, check_id: str) -> date | None:
    """The first audit of the latest unbroken run of audits in which the check did not pass;
    None if the latest audit did not find it (it was found in the audit going on now)."""
    first: date | None = None
    for record in reversed(state.audits):
        if record.outcomes.get(check_id) not in (Outcome.FAIL, Outcome.UNKNOWN):
            break
        first = local_date(record.completed_at)
    return first


def _finish(
    draft: ActionDraft,
    catalog: Catalog,
    measure_order: dict[str, int],
    state: AppState,
    policy: Policy,
    today: date,
) -> Action:
    found_on = draft.found_on or today
    due = found_on + timedelta(days=policy.due_days.get(draft.severity, 30))
    progress = state.action_progress.get(draft.id)
    status = progress.status_on(today) if progress else ActionStatus.TODO
    source = draft.source
    required = policy.requires(source)
    measure = catalog.measure(source.measure)
    sort_key: tuple[int | str, ...] = (
        STATUS_RANK[status],
        SEVERITY_RANK[draft.severity],
        KIND_RANK[draft.kind],
        0 if required else 1,
        0 if draft.finding is Outcome.FAIL else 1,  # a known gap before an uncertain one
        measure_order[source.measure],
        draft.order,
        draft.id,
    )
    return Action(
        id=draft.id,
        kind=draft.kind,
        title=draft.title,
        steps=draft.steps,
        why=source.why,
        clause_ref=source.seed_ref,
        clause_title=catalog.clause(source.seed_ref).title,
        quote=source.quote,
        basis=source.basis,
        severity=draft.severity,
        measure_id=measure.id,
        measure_title=measure.title,
        finding=draft.finding,
        found_on=found_on,
        due=due,
        status=status,
        done_on=progress.done_on if progress and status is ActionStatus.DONE else None,
        snoozed_until=(
            progress.snoozed_until if progress and status is ActionStatus.SNOOZED else None
        ),
        person=draft.person,
        probe=draft.probe,
        check_id=draft.check_id,
        required=required,
        sort_key=sort_key,
        code=catalog.code,
    )


# Changing an action's status ---------------------------------------------------------------


def progress_entry(
    status: ActionStatus, now: datetime, today: date, snooze_until: date | None = None
) -> ActionProgress | None:
    """The stored entry for a status; None for "to do", which is what no entry means."""
    if status is ActionStatus.TODO:
        return None
    if status is ActionStatus.SNOOZED and (snooze_until is None or snooze_until <= today):
        raise ValueError("a snooze needs a day after today")
    return ActionProgress(
        status=status,
        changed_at=now,
        done_on=today if status is ActionStatus.DONE else None,
        snoozed_until=snooze_until if status is ActionStatus.SNOOZED else None,
    )


def settle_after_audit(
    state: AppState, findings: Iterable[Finding], asked: Callable[[Check], bool]
) -> None:
    """A finished audit supersedes the ticks it measured again.

    An action whose check now passes (or no longer applies) leaves the plan with its progress.
    One marked done whose check was asked again and still does not pass goes back to to do: the
    answer the person just gave is the more recent word. Snoozes and "doesn't apply" are kept.
    """
    # they build on this module
    from selfaudit.audit.friend_actions import friend_action_ids
    from selfaudit.audit.situation_actions import situation_action_ids

    outcomes = {f.check.id: (f.check, f.outcome) for f in findings}
    kept_ids = friend_action_ids(state) | situation_action_ids(state)
    for action_id, progress in list(state.action_progress.items()):
        if action_id.startswith("check:"):
            found = outcomes.get(action_id.removeprefix("check:"))
            fixed = found is None or found[1] in (Outcome.PASS, Outcome.NOT_APPLICABLE)
            measured_again = found is not None and asked(found[0])
            if fixed or (progress.status is ActionStatus.DONE and measured_again):
                del state.action_progress[action_id]
        elif action_id not in kept_ids:
            del state.action_progress[action_id]
