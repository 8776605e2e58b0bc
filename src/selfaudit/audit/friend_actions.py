"""Actions for the service users the friend check found among the person's contacts (§7).

Each confirmed match becomes "remove or unfollow them on that platform", and "tell your line
manager" when the person said there was significant contact (with how to reach them, when the
policy names a line manager with a name, phone or e-mail). Each platform with a match also
gets "decline future requests". The why, clause and quote come from the service-user checks of
the catalog, so the plan cites the code in the same words as the audit.

The friend's name is kept apart from the title (`Action.person`): the app shows it, exports never
do, because a service user's name must not end up in a file on disk.
"""

from __future__ import annotations

from datetime import date

from selfaudit.audit.plan import ActionDraft, ActionKind
from selfaudit.audit.state import AppState, FriendMatch
from selfaudit.content.models import Catalog, Outcome, Severity
from selfaudit.dates import local_date
from selfaudit.measures.friends.guides import decline_steps, removal_steps, tell_line_manager_steps
from selfaudit.policy import Contact, ContactKind, Policy

# The catalog checks whose why, clause and quote each kind of friend action carries.
SOURCE_CHECKS = {
    ActionKind.FRIEND_REMOVE: "service_users.none_connected",
    ActionKind.FRIEND_DECLINE: "service_users.decline_requests",
    ActionKind.FRIEND_TELL_MANAGER: "service_users.manager_told",
}


# Saved and printed plans never name a service user: the steps say "the person" instead.
IN_STEPS = "the person"


def _removal_id(match: FriendMatch) -> str:
    return f"friend:{match.platform}:{match.friend}:remove"


def _tell_id(match: FriendMatch) -> str:
    return f"friend:{match.platform}:{match.friend}:tell"


def _decline_id(platform_id: str) -> str:
    return f"friend:{platform_id}:decline"


def friend_action_ids(state: AppState) -> set[str]:
    """The ids of every friend action the current matches give, to tidy away stale progress."""
    ids: set[str] = set()
    for match in state.friend_matches:
        ids.update({_removal_id(match), _tell_id(match), _decline_id(match.platform)})
    return ids


def reach(contact: Contact) -> str:
    """'Your line manager: Sam Jones, 01632 960 100, sam.jones@school.example.'"""
    details = ", ".join(d for d in (contact.name, contact.phone, contact.email) if d)
    return f"{contact.role}: {details}."


def tell_steps(policy: Policy) -> tuple[str, ...]:
    """Telling the line manager, and how to reach the one the policy names."""
    steps = tell_line_manager_steps(IN_STEPS)
    managers = [
        c
        for c in policy.contacts_of(ContactKind.LINE_MANAGER, measure="service_users")
        if c.name or c.phone or c.email
    ]
    return (*steps, *(reach(c) for c in managers[:1]))


def friend_actions(catalog: Catalog, state: AppState, policy: Policy) -> list[ActionDraft]:
    drafts: list[ActionDraft] = []
    platforms = {p.id: p for p in catalog.platforms}
    known = [m for m in state.friend_matches if m.platform in platforms]
    order = {p.id: index for index, p in enumerate(catalog.platforms)}
    known.sort(key=lambda m: (order[m.platform], m.friend.casefold()))
    first_found: dict[str, date] = {}
    for index, match in enumerate(known):
        platform = platforms[match.platform]
        found_on = local_date(match.confirmed_at)
        first_found[match.platform] = min(found_on, first_found.get(match.platform, found_on))
        drafts.append(
            _draft(
                catalog,
                ActionKind.FRIEND_REMOVE,
                _removal_id(match),
                f"Remove or unfollow a service user on {platform.name}",
                removal_steps(platform.id, match.relations, IN_STEPS),
                found_on,
                index,
                person=match.friend,
            )
        )
        if match.significant_contact:
            drafts.append(
                _draft(
                    catalog,
                    ActionKind.FRIEND_TELL_MANAGER,
                    _tell_id(match),
                    "Tell your line manager about your contact with a service user",
                    tell_steps(policy),
                    found_on,
                    index,
                    person=match.friend,
                )
            )
    for index, (platform_id, found_on) in enumerate(first_found.items()):
        platform = platforms[platform_id]
        drafts.append(
            _draft(
                catalog,
                ActionKind.FRIEND_DECLINE,
                _decline_id(platform_id),
                f"Decline friend requests from service users on {platform.name}",
                decline_steps(platform.id),
                found_on,
                index,
            )
        )
    return drafts


SEVERITY = {
    ActionKind.FRIEND_REMOVE: Severity.HIGH,
    ActionKind.FRIEND_TELL_MANAGER: Severity.HIGH,
    ActionKind.FRIEND_DECLINE: Severity.MEDIUM,
}


def _draft(
    catalog: Catalog,
    kind: ActionKind,
    action_id: str,
    title: str,
    steps: tuple[str, ...],
    found_on: date,
    order: int,
    person: str | None = None,
) -> ActionDraft:
    return ActionDraft(
        id=action_id,
        kind=kind,
        title=title,
        steps=steps,
        source=catalog.check(SOURCE_CHECKS[kind]),
        severity=SEVERITY[kind],
        finding=Outcome.FAIL,
        found_on=found_on,
        person=person,
        order=order,
    )
