"""The organisation's policy: its name, contacts, links and the rules the audit applies.

IT deploys a TOML file (see resources/policy/ for an example and policy_loader for where it is
looked for); without one the built-in default applies. The model lists every setting so the rest
of the app reads policy values from one typed place. Each field's description says what is
expected in words IT can act on: `selfaudit policy check` quotes it when a value is wrong.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)

from selfaudit.content.models import Catalog, Severity

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Days = Annotated[int, Field(ge=7, le=730)]
DueDays = Annotated[int, Field(ge=1, le=365)]
Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]

SHOWN_IN = (
    'a list of audit sections where this is shown, for example ["evidence", "service_users"]; '
    "leave it out to show it wherever contacts are listed"
)


class PolicyModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicyLink(PolicyModel):
    title: Text = Field(
        description="the policy's name as staff know it, for example \"Harassment and Bullying "
        'Policy"'
    )
    url: AnyHttpUrl = Field(description="a web address starting with https:// or http://")
    measures: tuple[Id, ...] = Field(default=(), description=SHOWN_IN)


class Contact(PolicyModel):
    role: Text = Field(
        description='who this is, for example "Designated safeguarding lead", "Line manager", '
        '"First Response Team (LADO)" or "IT help"'
    )
    name: str = Field(default="", max_length=120, description="a person's or team's name")
    phone: str = Field(
        default="",
        pattern=r"^(\+?[0-9 ()\-]{5,30})?$",
        description="a phone number: digits, spaces, brackets, hyphens and an optional leading +",
    )
    email: str = Field(
        default="",
        pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$",
        description="an email address such as dsl@example.sch.uk",
    )
    notes: str = Field(
        default="",
        max_length=300,
        description='a short note of up to 300 characters, for example "Term time, 8am to 4pm"',
    )
    measures: tuple[Id, ...] = Field(default=(), description=SHOWN_IN)

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.phone or self.email or self.notes):
            raise ValueError(
                f'the contact "{self.role}" has no phone, email or notes: give at least one, '
                'such as notes = "Speak to them in person", so staff know how to reach them.'
            )
        return self


def _default_due_days() -> dict[Severity, int]:
    return {Severity.HIGH: 7, Severity.MEDIUM: 30, Severity.LOW: 90}


class Policy(PolicyModel):
    organisation: str = Field(
        default="",
        max_length=120,
        description="your organisation's name as staff know it, up to 120 characters",
    )
    links: tuple[PolicyLink, ...] = Field(
        default=(),
        description="a list of [[links]] tables, each with a title and a url",
    )
    contacts: tuple[Contact, ...] = Field(
        default=(),
        description="a list of [[contacts]] tables, each with a role and a phone, email or notes",
    )
    reaudit_days: int = Field(
        default=180,
        ge=7,
        le=730,
        description="a whole number of days from 7 to 730 (two years) between self-audits",
    )
    reaudit_days_by_measure: dict[Id, Days] = Field(
        default_factory=dict,
        description="a [reaudit_days_by_measure] table of audit section = days, each a whole "
        "number from 7 to 730, for example passwords = 365",
    )
    required_measures: tuple[Id, ...] = Field(
        default=(),
        description='a list of audit sections staff must complete, for example ["passwords", '
        '"device_locking"]',
    )
    max_screen_lock_minutes: int = Field(
        default=10,
        ge=1,
        le=120,
        description="a whole number of minutes from 1 to 120: the longest a computer or phone "
        "may sit unused before it locks itself",
    )
    min_password_score: int = Field(
        default=3,
        ge=0,
        le=4,
        description="a whole number from 0 (any password) to 4 (very hard to guess): the lowest "
        "score on the password strength meter that counts as strong enough",
    )
    # extra words the password checker penalises
    password_words: tuple[Word, ...] = Field(
        default=(),
        max_length=500,
        description="a list of up to 500 words, each up to 64 characters, that the password "
        "checker treats as easy to guess, such as the organisation's or its schools' names",
    )
    # empty: offer every platform the content knows
    platforms: tuple[Id, ...] = Field(
        default=(),
        description='a list of the social media platforms to offer, for example ["facebook", '
        '"instagram"]; leave it out to offer them all',
    )
    require_passphrase: Annotated[bool, Strict()] = Field(
        default=False,
        description="true or false: true makes selfaudit ask for a passphrase each time it "
        "opens, so staff cannot choose to open it with their computer's sign-in (for "
        "computers that are shared)",
    )
    lock_after_minutes: int | None = Field(
        default=None,
        ge=1,
        le=120,
        description="a whole number of minutes from 1 to 120: the longest selfaudit may sit "
        "unused before it locks itself, when it asks for a passphrase; leave it out to let "
        "staff choose, including never",
    )
    due_days: dict[Severity, DueDays] = Field(
        default_factory=_default_due_days,
        description="a [due_days] table of how many days staff have to fix a problem, by "
        "severity: high, medium and low, each a whole number from 1 to 365",
    )

    @field_validator("due_days", mode="after")
    @classmethod
    def _fill_missing_severities(cls, value: dict[Severity, int]) -> dict[Severity, int]:
        """A policy may set only some severities; the others keep their default."""
        return {**_default_due_days(), **value}

    def reaudit_interval(self, measure: str) -> int:
        """Days between checks of one audit section: its own interval, else the overall one."""
        return self.reaudit_days_by_measure.get(measure, self.reaudit_days)

    def contacts_for(self, measure: str | None) -> list[Contact]:
        """The contacts to show in one section (those meant for it or for everywhere)."""
        return [
            c for c in self.contacts if measure is None or not c.measures or measure in c.measures
        ]

    def links_for(self, measure: str | None) -> list[PolicyLink]:
        return [k for k in self.links if measure is None or not k.measures or measure in k.measures]


DEFAULT_POLICY = Policy()


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
    return [
        ("Organisation", policy.organisation or "not named"),
        ("Self-audit", reaudit),
        (
            "Required sections",
            ", ".join(map(measure_name, policy.required_measures)) or "none set",
        ),
        ("Screen lock", f"after at most {policy.max_screen_lock_minutes} minutes"),
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
            f"after at most {policy.lock_after_minutes} minutes"
            if policy.lock_after_minutes is not None
            else "staff choose (10 minutes unless they change it, or never)",
        ),
        ("Contacts", ", ".join(c.role for c in policy.contacts) or "none"),
        ("Policy links", ", ".join(k.title for k in policy.links) or "none"),
    ]
