"""The content catalog's shape: measures, checks and the answers each check offers.

Content is data (resources/content/*.toml); these models validate it at load time so a typo in a
data file is caught with its file, check id and key, not at the moment a user reaches the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Links open in the person's browser on their click; only https, never fetched by the app.
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s/]+\.[^\s]+$")]
SeedRef = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?$")]


class Outcome(StrEnum):
    """What an answer means for the measure it belongs to."""

    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"  # "Not sure", unanswered, or a probe that could not see: never a pass
    NOT_APPLICABLE = "na"


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def weight(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class AnswerKind(StrEnum):
    YES_NO = "yes_no"  # Yes / No / Not sure (and "Doesn't apply to me" when allow_na)
    CHOICE = "choice"  # the check lists its own options, each with an outcome
    CONFIRM = "confirm"  # Done / Not yet / Not sure how / Doesn't apply to me: a setting to change
    DETECTED = "detected"  # the computer is probed; the person answers yes/no when it can't tell


class PlatformKind(StrEnum):
    """What a platform item is about; each kind belongs to one measure of the audit."""

    VISIBILITY = "visibility"  # who can see and find you (code §7)
    BLOCKING = "blocking"  # block, restrict, mute, report (code §4)
    PERSONAL = "personal"  # phone, e-mail, photos, location, workplace (code §4)

    @property
    def measure(self) -> str:
        return {"visibility": "visibility", "blocking": "blocking", "personal": "personal_info"}[
            self.value
        ]


NOT_SURE = "not_sure"


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Frozen):
    value: Id
    label: Text
    outcome: Outcome


class Remedy(Frozen):
    """What the person should do when the check does not pass: it becomes an action in the plan.

    For a platform item the loader builds it from the item: `steps` are the app steps (where most
    people change these settings), `steps_web` the website's when they differ, `link` the settings
    page to open in the browser.
    """

    title: Text
    steps: tuple[Text, ...] = Field(min_length=1)
    steps_web: tuple[Text, ...] = ()
    link: HttpsUrl | None = None


class Check(Frozen):
    id: Id
    measure: Id
    question: Text
    hint: str = ""  # one line under the question, e.g. what a term means
    answer: AnswerKind
    good: Literal["yes", "no"] | None = None  # yes_no / detected: which answer passes
    allow_na: bool = False  # yes_no: offer "Doesn't apply to me"
    options: tuple[Option, ...] = ()  # choice only
    probe: Id | None = None  # detected only: which probe answers it
    platform: Id | None = None  # asked only of people who use this platform
    needs_social: bool = False  # asked only of people who use at least one social media platform
    why: Text
    seed_ref: SeedRef
    quote: Text  # the words of the code this check puts into practice
    severity: Severity
    not_sure_help: str = ""  # what to do when the answer is "Not sure": help, never blame
    remedy: Remedy
    # A confirmation older than this is asked again at the next audit (settings change, menus move).
    reconfirm_days: int | None = Field(default=None, ge=1, le=730)
    # platform items only (resources/content/platforms/): steps shown beside the question
    kind: PlatformKind | None = None
    steps_app: tuple[Text, ...] = ()
    steps_web: tuple[Text, ...] = ()  # only where the website differs from the app
    link: HttpsUrl | None = None  # the settings page itself, opened on the person's click
    no_link: str = ""  # why there is no link, when there is none
    verified_on: date | None = None  # when the steps were last checked against `source`
    source: HttpsUrl | None = None  # where they were checked
    # what `source` did not confirm word for word: to check on a real phone or computer
    unconfirmed: str = ""

    @model_validator(mode="after")
    def _platform_item_complete(self) -> Check:
        if self.kind is None:
            extra = [
                name
                for name in (
                    "steps_app",
                    "steps_web",
                    "link",
                    "no_link",
                    "verified_on",
                    "source",
                    "unconfirmed",
                )
                if getattr(self, name)
            ]
            if extra:
                raise ValueError(f"{', '.join(extra)}: only for platform items (with `kind`)")
            return self
        if self.platform is None:
            raise ValueError("a platform item needs `platform`")
        if self.answer is not AnswerKind.CONFIRM:
            raise ValueError('a platform item is answered with `answer = "confirm"`')
        if self.measure != self.kind.measure:
            raise ValueError(f"a {self.kind.value} item belongs to measure {self.kind.measure!r}")
        if not self.steps_app:
            raise ValueError("a platform item needs `steps_app`")
        if (self.link is None) == (not self.no_link.strip()):
            raise ValueError(
                "give either `link` (https) or `no_link` (why there is none), not both"
            )
        if self.verified_on is None or self.source is None:
            raise ValueError("a platform item needs `verified_on` and `source`")
        return self

    @model_validator(mode="after")
    def _kind_fits(self) -> Check:
        kind = self.answer
        if kind in (AnswerKind.YES_NO, AnswerKind.DETECTED) and self.good is None:
            raise ValueError(f'a {kind.value} check needs `good = "yes"` or `good = "no"`')
        if kind not in (AnswerKind.YES_NO, AnswerKind.DETECTED) and self.good is not None:
            raise ValueError(f"`good` only applies to yes_no and detected checks, not {kind.value}")
        if kind is AnswerKind.CHOICE:
            if len(self.options) < 2:
                raise ValueError("a choice check needs at least two `options`")
            values = [o.value for o in self.options]
            if len(set(values)) != len(values):
                raise ValueError("option values must be unique")
            if NOT_SURE in values:
                raise ValueError(f"`{NOT_SURE}` is added to every question; do not list it")
        elif self.options:
            raise ValueError(f"`options` only applies to choice checks, not {kind.value}")
        if kind is AnswerKind.DETECTED and self.probe is None:
            raise ValueError("a detected check needs `probe`")
        if kind is not AnswerKind.DETECTED and self.probe is not None:
            raise ValueError("`probe` only applies to detected checks")
        if self.platform is not None and self.needs_social:
            raise ValueError("`needs_social` is implied by `platform`; set only one")
        if self.allow_na and kind is not AnswerKind.YES_NO:
            raise ValueError("`allow_na` only applies to yes_no checks")
        return self

    def choices(self) -> tuple[Option, ...]:
        """Every answer the person can give, in the order shown, "Not sure" always included."""
        not_sure_label = "Not sure how" if self.answer is AnswerKind.CONFIRM else "Not sure"
        if self.answer is AnswerKind.CHOICE:
            base = self.options
        elif self.answer is AnswerKind.CONFIRM:
            base = (
                Option(value="done", label="Done", outcome=Outcome.PASS),
                Option(value="not_yet", label="Not yet", outcome=Outcome.FAIL),
            )
        else:
            yes = Outcome.PASS if self.good == "yes" else Outcome.FAIL
            no = Outcome.PASS if self.good == "no" else Outcome.FAIL
            base = (
                Option(value="yes", label="Yes", outcome=yes),
                Option(value="no", label="No", outcome=no),
            )
        extra = [Option(value=NOT_SURE, label=not_sure_label, outcome=Outcome.UNKNOWN)]
        if self.allow_na or self.answer is AnswerKind.CONFIRM:
            extra.append(
                Option(value="na", label="Doesn't apply to me", outcome=Outcome.NOT_APPLICABLE)
            )
        return (*base, *extra)

    def outcome_of(self, value: str | None) -> Outcome:
        """The outcome of an answer; an unanswered or unrecognised answer is never a pass."""
        for option in self.choices():
            if option.value == value:
                return option.outcome
        return Outcome.UNKNOWN


class Measure(Frozen):
    id: Id
    title: Text
    intro: Text  # why this measure matters, one or two short sentences tied to the code
    seed_ref: SeedRef


class Clause(Frozen):
    ref: SeedRef
    title: Text


class Platform(Frozen):
    id: Id
    name: Text


class BlockingTool(Frozen):
    """One row of a platform's blocking comparison: what a tool does and what it leaves open."""

    name: Text  # the platform's own word: "Block", "Restrict", "Mute"
    does: Text  # what it does for you
    they_still: Text  # what the other person can still see or do, and whether they are told


class PlatformGuide(Frozen):
    """The per-platform comparison of block / restrict / mute / report, shown with its steps."""

    platform: Id
    tools: tuple[BlockingTool, ...] = Field(min_length=2)
    verified_on: date
    source: HttpsUrl


class CodeQuote(Frozen):
    seed_ref: SeedRef
    quote: Text


class Guidance(Frozen):
    """Advice shown beside steps rather than asked: e.g. what to do before blocking someone."""

    title: Text
    points: tuple[Text, ...] = Field(min_length=1)
    cites: tuple[CodeQuote, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Catalog:
    """Everything the audit asks, in the order asked. Built and cross-checked by the loader."""

    clauses: tuple[Clause, ...]
    measures: tuple[Measure, ...]
    platforms: tuple[Platform, ...]
    checks: tuple[Check, ...]
    guides: tuple[PlatformGuide, ...] = ()
    before_blocking: Guidance | None = None  # never reply, save the evidence (§4, §5)
    _by_id: dict[str, Check] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {c.id: c for c in self.checks})

    def measure(self, measure_id: str) -> Measure:
        return next(m for m in self.measures if m.id == measure_id)

    def check(self, check_id: str) -> Check:
        return self._by_id[check_id]

    def has_check(self, check_id: str) -> bool:
        return check_id in self._by_id

    def checks_for(self, measure_id: str) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.measure == measure_id)

    def clause(self, ref: str) -> Clause:
        return next(c for c in self.clauses if c.ref == ref)

    def platform(self, platform_id: str) -> Platform:
        return next(p for p in self.platforms if p.id == platform_id)

    def guide(self, platform_id: str) -> PlatformGuide | None:
        return next((g for g in self.guides if g.platform == platform_id), None)

    def platform_items(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.kind is not None)
