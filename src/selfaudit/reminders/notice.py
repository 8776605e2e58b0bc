"""What a reminder says: the sections of the re-audit schedule (audit/reaudit.py) that are due,
and the plan's actions that are due, in plain words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from selfaudit.audit.reaudit import ReauditSchedule, SectionDue
from selfaudit.dates import long_date


@dataclass(frozen=True)
class DueAction:
    """An open action of the plan with its due date. `key` is stable across audits (the check
    it came from), so a calendar updates the event rather than adding another."""

    key: str
    title: str
    due: date


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
