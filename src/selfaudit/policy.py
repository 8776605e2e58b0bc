"""The organisation's policy: its name, contacts, links and the rules the audit applies.

IT deploys a TOML file (see resources/policy/ for an example and policy_loader for where it is
looked for); without one the built-in default applies. The model lists every setting so the rest
of the app reads policy values from one typed place. Each field's description says what is
expected in words IT can act on: `selfaudit policy check` quotes it when a value is wrong.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)

from selfaudit.content.code import CodeOfPractice
from selfaudit.content.limits import (
    DEFAULT_PHONE_LOCK_MINUTES,
    DEFAULT_SCREEN_LOCK_MINUTES,
)
from selfaudit.content.models import Check, Severity
from selfaudit.safe_text import unsafe_characters


def _shown_safely(value: str) -> str:
    """Text shown in the app, printed on a terminal and in reports' headers holds no control
    characters (escape sequences, line breaks) and no bidirectional controls (U+202E turns a
    header round)."""
    found = unsafe_characters(value)
    if found:
        raise ValueError(
            f"it holds characters that control how text is shown ({', '.join(found[:5])}); "
            "type the text again without them."
        )
    return value


def _paragraph_shown_safely(value: str) -> str:
    """As `_shown_safely`, for longer text that may run over several lines."""
    return _shown_safely(value.replace("\n", " ").replace("\t", " "))


# an e-mail address and nothing else: no "?", "&" or "#" that would add to a mailto: link
EMAIL_PATTERN = (
    r"^([A-Za-z0-9.!$'*+=^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63})?$"
)

ShownText = Annotated[str, AfterValidator(_shown_safely)]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_shown_safely),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(_paragraph_shown_safely),
]
CheckId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")]
OrganisationCheckId = Annotated[str, StringConstraints(pattern=r"^org\.[a-z0-9_]+$")]
SectionRef = Annotated[str, StringConstraints(pattern=r"^[0-9]+$")]
SectionNumber = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, max_length=20, pattern=r"^[A-Za-z0-9][A-Za-z0-9 .()/-]*$"
    ),
]
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


class ContactKind(StrEnum):
    """What a contact is for, so each part of the app can pick the right one."""

    LINE_MANAGER = "line_manager"
    SAFEGUARDING = "safeguarding"  # the designated safeguarding lead
    LADO = "lado"  # the First Response Team / Local Authority Designated Officer
    HR = "hr"
    UNION = "union"
    IT = "it"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "line_manager": "line manager",
            "safeguarding": "safeguarding lead",
            "lado": "LADO",
            "hr": "HR",
            "union": "trade union",
            "it": "IT",
            "other": "other",
        }[self.value]


# A contact without `kind` (a policy written before it existed) is read by its role's words.
# In this order: "Safeguarding manager" is the safeguarding lead, "IT manager" is IT.
_ROLE_WORDS = (
    (ContactKind.SAFEGUARDING, r"\bsafeguarding\b|\bdsl\b"),
    (ContactKind.LADO, r"\blado\b|\bfirst response\b|\bdesignated officer\b"),
    (ContactKind.HR, r"\bhr\b|\bhuman resources\b|\bpersonnel\b"),
    (ContactKind.UNION, r"\bunion\b|\bunison\b"),
    (ContactKind.IT, r"\bit\b|\bict\b|\bhelp ?desk\b|\bservice desk\b"),
    (ContactKind.LINE_MANAGER, r"\bmanager\b|\bsupervisor\b"),
)


def kind_of_role(role: str) -> ContactKind:
    """The kind a role's words name ("Designated safeguarding lead": safeguarding)."""
    folded = role.casefold()
    return next(
        (kind for kind, words in _ROLE_WORDS if re.search(words, folded)), ContactKind.OTHER
    )


class Contact(PolicyModel):
    kind: ContactKind | None = Field(
        default=None,
        description="what this contact is for: line_manager, safeguarding, lado, hr, union, "
        "it or other; leave it out and it is read from the role",
    )
    role: Text = Field(
        description='who this is, for example "Designated safeguarding lead", "Line manager", '
        '"First Response Team (LADO)" or "IT help"'
    )
    name: ShownText = Field(default="", max_length=120, description="a person's or team's name")
    phone: str = Field(
        default="",
        pattern=r"^(\+?[0-9 ()\-]{5,30})?$",
        description="a phone number: digits, spaces, brackets, hyphens and an optional leading +",
    )
    email: str = Field(
        default="",
        pattern=EMAIL_PATTERN,
        description="an email address and nothing else, such as dsl@example.sch.uk",
    )
    notes: ShownText = Field(
        default="",
        max_length=300,
        description='a short note of up to 300 characters, for example "Term time, 8am to 4pm"',
    )
    measures: tuple[Id, ...] = Field(default=(), description=SHOWN_IN)

    @property
    def what_for(self) -> ContactKind:
        """Its kind as the policy gives it, else as its role's words say."""
        return self.kind if self.kind is not None else kind_of_role(self.role)

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.phone or self.email or self.notes):
            raise ValueError(
                f'the contact "{self.role}" has no phone, email or notes: give at least one, '
                'such as notes = "Speak to them in person", so staff know how to reach them.'
            )
        return self


class OrganisationCode(PolicyModel):
    """The organisation's own code of practice: the app cites it, in its own numbering."""

    title: Text = Field(description="the code's title as staff know it, up to 200 characters")
    version: str = Field(
        default="",
        max_length=40,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9 .()/-]*$|^$",
        description="the code's version in quotes, as printed on it, for example "
        '"3.0" or "2026/1"',
    )
    url: AnyHttpUrl | None = Field(
        default=None,
        description="where staff can read the code: a web address starting with https://",
    )
    owner: ShownText = Field(
        default="",
        max_length=120,
        description='who looks after the code, for example "Human Resources"',
    )
    reviewed_on: date | None = Field(
        default=None,
        description="the date of the code's last review, written as 2026-04-01 (no quotes)",
    )
    sections: dict[SectionRef, SectionNumber] = Field(
        default_factory=dict,
        description="a [code.sections] table of the app's section = your code's number, for "
        'example "4" = "2.3"; the app cites sections 4, 5, 6 and 7',
    )


class ExtraCheck(PolicyModel):
    """One of the organisation's own questions: yes or no, and "yes" passes."""

    id: OrganisationCheckId = Field(
        description='a name for the question starting with "org.", for example '
        '"org.approved_messaging": lower-case letters, digits and _'
    )
    measure: Id = Field(description='the audit section it is asked in, for example "service_users"')
    question: Text = Field(
        description='the question, answered yes or no, where "yes" is the safe answer'
    )
    why: LongText = Field(description="why it matters, in a sentence or two up to 600 characters")
    severity: Severity = Field(description='how serious a "no" is: "high", "medium" or "low"')
    not_sure_help: LongText | None = Field(
        default=None,
        description='what to do when someone answers "Not sure", up to 600 characters; leave '
        "it out and staff are told to ask their line manager",
    )
    remedy_title: Text = Field(
        description='what to do when the answer is "no", as the title of an action in the plan'
    )
    remedy_steps: tuple[LongText, ...] = Field(
        min_length=1,
        max_length=12,
        description="a list of 1 to 12 steps, each up to 600 characters, that put it right",
    )


class CheckRules(PolicyModel):
    require: tuple[CheckId, ...] = Field(
        default=(),
        description="a list of checks staff must pass, beyond required_measures, for example "
        '["device.phone_autolock"] (`selfaudit checks` lists them)',
    )
    skip: tuple[CheckId, ...] = Field(
        default=(),
        description='a list of checks left out for everyone, for example ["x.protect_posts"]',
    )
    extra: tuple[ExtraCheck, ...] = Field(
        default=(),
        description="a list of [[checks.extra]] tables: your organisation's own questions",
    )


def _default_due_days() -> dict[Severity, int]:
    return {Severity.HIGH: 7, Severity.MEDIUM: 30, Severity.LOW: 90}


class Policy(PolicyModel):
    organisation: ShownText = Field(
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
        default=DEFAULT_SCREEN_LOCK_MINUTES,
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
    code: OrganisationCode | None = Field(
        default=None,
        description="a [code] table naming your own code of practice: title, and optionally "
        "version, url, owner, reviewed_on and [code.sections]",
    )
    checks: CheckRules = Field(
        default_factory=CheckRules,
        description="a [checks] table with require, skip and [[checks.extra]]",
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

    def contacts_of(self, *kinds: ContactKind, measure: str | None = None) -> list[Contact]:
        """The contacts for a moment in the app, by what they are for (the safeguarding lead for
        an image of a child, the line manager after contact with a service user), in the
        policy's order; with `measure`, only those shown in that section."""
        return [c for c in self.contacts_for(measure) if c.what_for in kinds]

    def requires(self, check: Check) -> bool:
        """Staff must pass this check: its section is required, or the check is named."""
        return check.measure in self.required_measures or check.id in self.checks.require

    @property
    def phone_lock_minutes(self) -> int:
        """The longest a phone may sit unused before it locks: the policy's screen-lock limit
        when it sets one; otherwise the built-in limit for phones, which are carried about and
        left on tables more than computers are."""
        if "max_screen_lock_minutes" in self.model_fields_set:
            return self.max_screen_lock_minutes
        return DEFAULT_PHONE_LOCK_MINUTES

    def code_of_practice(self) -> CodeOfPractice:
        """The code the app cites: the organisation's own when it names one."""
        code = self.code
        if code is None:
            return CodeOfPractice(organisation=self.organisation)
        return CodeOfPractice(
            title=code.title,
            version=code.version,
            url=str(code.url) if code.url is not None else "",
            owner=code.owner,
            reviewed_on=code.reviewed_on,
            sections=tuple(sorted(code.sections.items(), key=lambda s: int(s[0]))),
            organisation=self.organisation,
        )


DEFAULT_POLICY = Policy()
