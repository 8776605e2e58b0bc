"""The organisation's policy in plain words, row by row: what `selfaudit policy check` and
`policy show` print and Settings' policy panel shows. Apart from the model (policy.py), so each
stays a module of its own size."""

from __future__ import annotations

from selfaudit.content.limits import minutes
from selfaudit.content.models import Catalog, Severity
from selfaudit.dates import long_date
from selfaudit.policy import Policy


def describe_policy(policy: Policy, catalog: Catalog | None = None) -> list[tuple[str, str]]:
    """The policy as (setting, value) rows in plain words, for `policy check` and Settings."""

    def measure_name(measure_id: str) -> str:
        if catalog is not None:
            for measure in catalog.measures:
                if measure.id == measure_id:
                    return measure.title
        return measure_id

    def platform_name(platform_id: str) -> str:
        if catalog is not None:
            for platform in catalog.platforms:
                if platform.id == platform_id:
                    return platform.name
        return platform_id

    reaudit = f"every {policy.reaudit_days} days"
    if policy.reaudit_days_by_measure:
        own = "; ".join(
            f"{measure_name(m)} every {days} days"
            for m, days in policy.reaudit_days_by_measure.items()
        )
        reaudit += f" ({own})"
    due = ", ".join(f"{s.value} {policy.due_days[s]} days" for s in Severity)
    lock = f"after at most {minutes(policy.max_screen_lock_minutes)}"
    if policy.phone_lock_minutes != policy.max_screen_lock_minutes:
        lock = f"computers {lock}; phones after at most {minutes(policy.phone_lock_minutes)}"
    return [
        ("Organisation", policy.organisation or "not named"),
        *_describe_code(policy, catalog),
        ("Self-audit", reaudit),
        (
            "Required sections",
            ", ".join(map(measure_name, policy.required_measures)) or "none set",
        ),
        ("Screen lock", lock),
        ("Password strength", f"at least {policy.min_password_score} out of 4"),
        ("Extra password words", ", ".join(policy.password_words) or "none"),
        ("Platforms offered", ", ".join(map(platform_name, policy.platforms)) or "all"),
        ("Time to fix", due),
        (
            "Passphrase",
            "required: selfaudit asks for one each time it opens"
            if policy.require_passphrase
            else "staff choose: their computer's sign-in, or a passphrase each time",
        ),
        (
            "Lock when unused",
            f"after at most {minutes(policy.lock_after_minutes)}"
            if policy.lock_after_minutes is not None
            else "staff choose (10 minutes unless they change it, or never)",
        ),
        ("Checks", describe_checks(policy, catalog)),
        (
            "Contacts",
            "; ".join(f"{c.what_for.label}: {c.role}" for c in policy.contacts) or "none",
        ),
        ("Policy links", ", ".join(k.title for k in policy.links) or "none"),
    ]


CODE_ADDRESS = "Code's web address"


def _describe_code(policy: Policy, catalog: Catalog | None) -> list[tuple[str, str]]:
    """Which code the app cites: its name, version, link, owner, last review, numbering."""
    code = policy.code
    if code is None:
        return [("Code of practice", "not named: the app cites the code it was built from")]
    rows = [("Code of practice", policy.code_of_practice().name)]
    if code.url is not None:
        rows.append((CODE_ADDRESS, str(code.url)))
    if code.owner:
        rows.append(("Code's owner", code.owner))
    if code.reviewed_on is not None:
        rows.append(("Code last reviewed", long_date(code.reviewed_on)))
    numbering = ", ".join(
        f"{ref} is {number}" for ref, number in policy.code_of_practice().sections
    )
    cited = [c.ref for c in catalog.clauses] if catalog is not None else []
    others = [ref for ref in cited if ref not in code.sections]
    if not numbering:
        numbering = "not given: sections are cited as in the code this app was built from"
    elif others:
        numbering += f"; {' and '.join(others)} cited as in the code this app was built from"
    rows.append(("Section numbers", numbering))
    return rows


def describe_checks(policy: Policy, catalog: Catalog | None = None) -> str:
    """What the policy changes in the app's checks: "70 required (2 of them named in
    checks.require), 1 left out, 1 of your own added, of the app's 130"."""
    rules = policy.checks
    changes = f"{len(rules.skip)} left out, {len(rules.extra)} of your own added"
    if catalog is None:
        named = f"{len(rules.require)} required by name"
        if policy.required_measures:
            named += " and every check of the required sections"
        return f"{named}, {changes}"
    asked = [(c.id, c.measure) for c in catalog.checks if c.id not in rules.skip]
    asked += [(e.id, e.measure) for e in rules.extra]
    required = sum(1 for i, m in asked if i in rules.require or m in policy.required_measures)
    named_too = sum(1 for i, _ in asked if i in rules.require)
    return (
        f"{required} required ({named_too} of them named in checks.require), {changes}, "
        f"of the app's {len(catalog.checks)}"
    )
