"""Who to tell about a situation: the organisation's contacts of each kind the situation names
(line manager, designated safeguarding lead, First Response Team / LADO, HR, trade union), or
the built-in contact of that kind when the policy names none."""

from __future__ import annotations

from dataclasses import dataclass

from selfaudit.content.situations import ContactKind, Situation, SituationHelp
from selfaudit.policy import Contact, Policy
from selfaudit.policy import ContactKind as PolicyContactKind


@dataclass(frozen=True)
class ToTell:
    """One person or team to tell, and whether the organisation named them (else the app's
    general advice on finding them)."""

    kind: ContactKind
    contact: Contact
    from_policy: bool


def contacts_of_kind(policy: Policy, kind: ContactKind) -> list[Contact]:
    """The policy's contacts of one kind: the kind each contact is given, or, for a contact
    without one, the kind its role's words name (policy.py: `Contact.what_for`)."""
    return policy.contacts_of(PolicyContactKind(kind.value))


def who_to_tell(help_: SituationHelp, situation: Situation, policy: Policy) -> list[ToTell]:
    """Everyone to tell about `situation`, in the order its content gives the kinds; each
    contact once."""
    told: list[ToTell] = []
    for kind in situation.tell:
        found = contacts_of_kind(policy, kind)
        if not found:
            default = help_.default_for(kind)
            built_in = Contact(
                kind=PolicyContactKind(kind.value), role=default.role, notes=default.notes
            )
            told.append(ToTell(kind, built_in, False))
            continue
        told += [ToTell(kind, c, True) for c in found if all(t.contact != c for t in told)]
    return told
