"""The catalog as an organisation's policy shapes it: what the whole app asks and cites.

The app's content (content/) is the same for everyone. An organisation's policy changes it in
four ways, all here, so the wizard, findings, plan, re-audit schedule, receipt and `selfaudit
checks` follow the policy alike by being given the shaped catalog:

- `[checks] skip` leaves checks out for everyone (a person's earlier answer to one is kept in
  their checklist, never shown, and counts again if the policy stops leaving it out);
- `[[checks.extra]]` adds the organisation's own yes/no questions, each at the end of its
  section, resting on the organisation (`Basis.ORGANISATION`);
- `max_screen_lock_minutes` (and the phone's limit, `Policy.phone_lock_minutes`) fill in the
  lock times the checks' words name (content/limits.py);
- `[code]` names the code cited, in the organisation's numbering (`Catalog.code`).

`[checks] require` does not change what is asked: `Policy.requires` says which checks must pass.
"""

from __future__ import annotations

import dataclasses

from selfaudit.content.limits import fill_limits
from selfaudit.content.models import AnswerKind, Basis, Catalog, Check, Remedy
from selfaudit.policy import ContactKind, ExtraCheck, Policy


def shape_catalog(catalog: Catalog, policy: Policy) -> Catalog:
    """The catalog `policy` asks for. `catalog` is the app's own (content.load_catalog)."""
    skipped = set(policy.checks.skip)
    templates = {check.id: check for check in catalog.templates}
    screen, phone = policy.max_screen_lock_minutes, policy.phone_lock_minutes
    measures = {measure.id: index for index, measure in enumerate(catalog.measures)}
    checks: list[Check] = []
    for check in catalog.checks:
        if check.id in skipped:
            continue
        if check.id in templates:
            check = fill_limits(templates[check.id], screen, phone)
        checks.append(check)
    checks += [
        organisation_check(extra, catalog, policy)
        for extra in policy.checks.extra
        if extra.measure in measures  # the loader has said so of any other
    ]
    # each of the organisation's own checks after the app's checks of its section
    checks.sort(key=lambda check: measures[check.measure])
    return dataclasses.replace(catalog, checks=tuple(checks), code=policy.code_of_practice())


def organisation_check(extra: ExtraCheck, catalog: Catalog, policy: Policy) -> Check:
    """One of the organisation's own questions as a check: yes or no, and "yes" passes."""
    return Check(
        id=extra.id,
        measure=extra.measure,
        question=extra.question,
        answer=AnswerKind.YES_NO,
        good="yes",
        why=extra.why,
        basis=Basis.ORGANISATION,
        seed_ref=catalog.measure(extra.measure).seed_ref,
        severity=extra.severity,
        not_sure_help=extra.not_sure_help or default_not_sure_help(policy),
        remedy=Remedy(title=extra.remedy_title, steps=extra.remedy_steps),
    )


def default_not_sure_help(policy: Policy) -> str:
    """ "Not sure" help for an organisation's question that gives none: who to ask."""
    who = "your line manager"
    managers = policy.contacts_of(ContactKind.LINE_MANAGER)
    if managers and managers[0].name:
        who += f" ({managers[0].name})"
    whose = f"{policy.organisation}'s" if policy.organisation else "your organisation's"
    return (
        f"Ask {who}: this question is from {whose} own policy, and they can tell you what it "
        "asks of you."
    )
