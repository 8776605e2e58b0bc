"""One situation's page of help, put together for the policy in force: the steps, who to tell,
help outside the organisation, the warning about images of children where it applies, and what
the person can do there and then. The app shows it; `selfaudit now` prints it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import ImageWarning, OutsideHelp
from selfaudit.content.situations import (
    ContactKind,
    HelpAction,
    HelpStep,
    PlanKind,
    Situation,
    SituationHelp,
)
from selfaudit.content.wording import basis_note
from selfaudit.policy import Policy
from selfaudit.situations.contacts import ToTell, who_to_tell


@dataclass(frozen=True)
class SituationPage:
    situation: Situation
    do_now: tuple[HelpStep, ...]
    do_not: tuple[HelpStep, ...]
    tell: tuple[ToTell, ...]
    outside_help: tuple[OutsideHelp, ...]
    image_warning: ImageWarning | None  # shown on the page, for situations that need it
    organisation: str
    code: CodeOfPractice = BUILT_IN_CODE  # the code cited, in the organisation's numbering

    @property
    def actions(self) -> tuple[HelpAction, ...]:
        return self.situation.actions

    @property
    def plan(self) -> tuple[PlanKind, ...]:
        return self.situation.plan

    def line_manager_email(self) -> str:
        """Where the note goes: the line manager's e-mail address, when the policy gives
        exactly one; otherwise the person fills it in in their e-mail program."""
        addresses = {
            t.contact.email
            for t in self.tell
            if t.kind is ContactKind.LINE_MANAGER and t.contact.email
        }
        return addresses.pop() if len(addresses) == 1 else ""


def page_for(help_: SituationHelp, situation: Situation, policy: Policy) -> SituationPage:
    return SituationPage(
        situation=situation,
        do_now=help_.do_now(situation),
        do_not=situation.do_not,
        tell=tuple(who_to_tell(help_, situation, policy)),
        outside_help=help_.outside_help_for(situation),
        image_warning=help_.image_warning if situation.image_warning else None,
        organisation=policy.organisation,
        code=policy.code_of_practice(),
    )


def step_basis(step: HelpStep, code: CodeOfPractice = BUILT_IN_CODE) -> str:
    """'Code of practice, section 7: “…”.' or 'Good practice: it helps with what section 7 of
    the code asks.', in the organisation's numbering when its policy names its own code."""
    return basis_note(step.basis, step.seed_ref, step.quote, code)


def page_json(page: SituationPage) -> dict[str, Any]:
    """The page as data, for `selfaudit now --json`."""

    def step(item: HelpStep) -> dict[str, Any]:
        return {
            "text": item.text,
            "basis": item.basis.value,
            "seed_ref": item.seed_ref,
            "quote": item.quote or None,
        }

    situation = page.situation
    warning = page.image_warning
    return {
        "id": situation.id,
        "title": situation.title,
        "hint": situation.hint,
        "seed_ref": situation.seed_ref,
        "intro": situation.intro,
        "image_warning": (
            {"title": warning.title, "text": warning.text, "instead": warning.instead}
            if warning
            else None
        ),
        "do_now": [step(s) for s in page.do_now],
        "do_not": [step(s) for s in page.do_not],
        "tell": [
            {
                "kind": t.kind.value,
                "role": t.contact.role,
                "name": t.contact.name or None,
                "phone": t.contact.phone or None,
                "email": t.contact.email or None,
                "notes": t.contact.notes or None,
                "from_policy": t.from_policy,
            }
            for t in page.tell
        ],
        "outside_help": [
            {
                "id": s.id,
                "name": s.name,
                "run_by": s.run_by,
                "what": s.what,
                "phone": s.phone or None,
                "email": s.email or None,
                "url": s.url,
            }
            for s in page.outside_help
        ],
        "actions": [a.value for a in page.actions],
        "plan": [p.value for p in page.plan],
    }
