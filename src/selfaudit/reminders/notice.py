"""When the next self-audit is due, and what a reminder says.

Each audit section (measure) is due its interval after the last audit that covered it: the
policy's interval for that section if it sets one (passwords yearly, the friend check each term),
otherwise the overall `reaudit_days`. Someone who has never finished an audit is due at once.
Dates are the person's local calendar dates: an audit finished late in the evening counts for
that evening's date, wherever UTC was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from selfaudit.audit.state import AuditRecord
from selfaudit.dates import local_date, long_date
from selfaudit.policy import Policy


@dataclass(frozen=True)
class SectionDue:
    """One audit section's place in the schedule."""

    measure: str
    interval_days: int
    last_done: date | None  # None: no finished audit has covered it yet
    expires: date | None = None  # when its first confirmed answer ages out, if sooner

    @property
    def due(self) -> date | None:
        """The day it is due again; None when it has never been done (due now)."""
        if self.last_done is None:
            return None
        due = self.last_done + timedelta(self.interval_days)
        return due if self.expires is None else min(due, self.expires)

    def is_due(self, today: date) -> bool:
        return self.due is None or self.due <= today


@dataclass(frozen=True)
class DueAction:
    """An open action of the plan with its due date. `key` is stable across audits (the check
    it came from), so a calendar updates the event rather than adding another."""

    key: str
    title: str
    due: date


@dataclass(frozen=True)
class ReauditSchedule:
    reaudit_days: int
    last_audit: date | None
    sections: tuple[SectionDue, ...]

    @property
    def next_audit(self) -> date | None:
        """The next full self-audit: the overall interval after the last one."""
        if self.last_audit is None:
            return None
        return self.last_audit + timedelta(self.reaudit_days)

    @property
    def next_due(self) -> date | None:
        """The first day anything is due (None: due now, never audited)."""
        dues = [s.due for s in self.sections]
        if not dues or any(d is None for d in dues):
            return None
        return min(d for d in dues if d is not None)

    def sections_due(self, today: date) -> list[SectionDue]:
        return [s for s in self.sections if s.is_due(today)]


def reaudit_schedule(
    audits: Sequence[AuditRecord],
    policy: Policy,
    measures: Iterable[str],
    tz: tzinfo | None = None,
    expires: Mapping[str, date] | None = None,
) -> ReauditSchedule:
    """The schedule after `audits` (oldest first, as AppState keeps them) for these sections;
    `expires` says when a section's confirmed answers start to age out (audit/reaudit.py), which
    can make it due before its interval."""
    last_done: dict[str, date] = {}
    for record in audits:
        day = local_date(record.completed_at, tz)
        for measure in record.measure_scores:
            if measure not in last_done or last_done[measure] < day:
                last_done[measure] = day
    last_audit = max((local_date(r.completed_at, tz) for r in audits), default=None)
    return ReauditSchedule(
        reaudit_days=policy.reaudit_days,
        last_audit=last_audit,
        sections=tuple(
            SectionDue(m, policy.reaudit_interval(m), last_done.get(m), (expires or {}).get(m))
            for m in measures
        ),
    )


@dataclass(frozen=True)
class Reminder:
    """What a reminder says: a title and a short body, plus what made it due."""

    title: str
    body: str
    sections: tuple[SectionDue, ...]
    actions: tuple[DueAction, ...]

    @property
    def is_due(self) -> bool:
        return bool(self.sections or self.actions)


MAX_LISTED_SECTIONS = 3


def _sections_text(due: Sequence[SectionDue], total: int, titles: Mapping[str, str]) -> str:
    if len(due) == total:
        return "all of it"
    if len(due) > MAX_LISTED_SECTIONS:
        return f"{len(due)} of its {total} sections"
    return ", ".join(titles.get(s.measure, s.measure) for s in due)


def _actions_text(actions: Sequence[DueAction]) -> str:
    first = actions[0]
    if len(actions) == 1:
        return f"{first.title} (due {long_date(first.due)})."
    return f"{len(actions)} actions, starting with: {first.title} (due {long_date(first.due)})."


def reminder(
    schedule: ReauditSchedule,
    actions: Iterable[DueAction],
    today: date,
    section_titles: Mapping[str, str],
) -> Reminder:
    """The reminder for today: what is due, in plain words; says when the next one is otherwise."""
    sections = tuple(schedule.sections_due(today))
    due_actions = tuple(sorted((a for a in actions if a.due <= today), key=lambda a: a.due))
    parts: list[str] = []
    if schedule.last_audit is None:
        title = "Time for your online safety self-audit"
        parts.append(
            "You have not done your self-audit yet. It takes 15 to 30 minutes, and your "
            "answers stay on this computer."
        )
    elif sections:
        title = "Your online safety self-audit is due"
        what = _sections_text(sections, len(schedule.sections), section_titles)
        parts.append(
            f"Your last self-audit was on {long_date(schedule.last_audit)}. "
            f"Time to check again: {what}."
        )
    elif due_actions:
        title = "Things on your action plan are due"
    else:
        title = "Your online safety self-audit"
        upcoming = schedule.next_due
        parts.append(
            "Nothing is due now."
            + (f" Your next self-audit is due on {long_date(upcoming)}." if upcoming else "")
        )
    if due_actions:
        intro = "Also due on your action plan: " if parts else "Due on your action plan: "
        parts.append(intro + _actions_text(due_actions))
    return Reminder(title, "\n\n".join(parts), sections, due_actions)


def passphrase_reminder(last_changed: date, interval_days: int, today: date) -> Reminder:
    """When the checklist cannot be read (locked with a passphrase, nobody there to type it):
    due once it has gone unchanged for the re-audit interval."""
    section = SectionDue("all", interval_days, last_changed)
    if not section.is_due(today):
        return Reminder("Your online safety self-audit", "Nothing is due now.", (), ())
    return Reminder(
        "Your online safety self-audit may be due",
        f"Your checklist has not changed since {long_date(last_changed)}. Open selfaudit and "
        "type your passphrase to see what is due.",
        (section,),
        (),
    )


def schedule_summary(schedule: ReauditSchedule, today: date) -> str:
    """One sentence for Settings: when the next self-audit is, or that it is due."""
    if schedule.last_audit is None:
        return "You have not done your self-audit yet."
    upcoming = schedule.next_due
    if upcoming is None or upcoming <= today:
        return f"Your self-audit is due now. Your last one was on {long_date(schedule.last_audit)}."
    return (
        f"Your next self-audit is due on {long_date(upcoming)}. "
        f"Your last one was on {long_date(schedule.last_audit)}."
    )
