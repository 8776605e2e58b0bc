"""Who to tell about a situation: the organisation's contacts of each kind the situation names
(line manager, designated safeguarding lead, First Response Team / LADO, HR, trade union), or
the built-in contact of that kind when the policy names none."""

from __future__ import annotations

from dataclasses import dataclass

from selfaudit.content.situations import ContactKind, Situation, SituationHelp
from selfaudit.evidence.guidance import SAFEGUARDING_WORDS, mentions
from selfaudit.policy import Contact, Policy

# How a contact's role names its kind, until policies say the kind themselves.
ROLE_WORDS: dict[ContactKind, tuple[str, ...]] = {
    ContactKind.LINE_MANAGER: ("line manager", "line-manager"),
    ContactKind.SAFEGUARDING: SAFEGUARDING_WORDS,
    ContactKind.LADO: ("lado", "first response", "designated officer"),
    ContactKind.HR: ("hr", "human resources", "personnel"),
    ContactKind.UNION: ("union",),
}


@dataclass(frozen=True)
class ToTell:
    """One person or team to tell, and whether the organisation named them (else the app's
    general advice on finding them)."""

    kind: ContactKind
    contact: Contact
    from_policy: bool


def contacts_of_kind(policy: Policy, kind: ContactKind) -> list[Contact]:
    """The policy's contacts of one kind, found by the words of their role."""
    return [c for c in policy.contacts if mentions(c.role, ROLE_WORDS[kind])]


def who_to_tell(help_: SituationHelp, situation: Situation, policy: Policy) -> list[ToTell]:
    """Everyone to tell about `situation`, in the order its content gives the kinds; each
    contact once."""
    told: list[ToTell] = []
    for kind in situation.tell:
        found = contacts_of_kind(policy, kind)
        if not found:
            default = help_.default_for(kind)
            told.append(ToTell(kind, Contact(role=default.role, notes=default.notes), False))
            continue
        told += [ToTell(kind, c, True) for c in found if all(t.contact != c for t in told)]
    return told
