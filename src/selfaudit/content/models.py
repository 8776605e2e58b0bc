"""The content catalog's shape: measures, checks and the answers each check offers.

Content is data (resources/content/*.toml); these models validate it at load time so a typo in a
data file is caught with its file, check id and key, not at the moment a user reaches the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice

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


class Basis(StrEnum):
    """Why a check is asked: the employer's code asks for it in so many words, or it is good
    practice that serves what the code asks. Only a `code` check may say "your employer's code
    asks" and quote it; good practice says so in its own words. An organisation's own question,
    from its policy (`[[checks.extra]]`), rests on the organisation: never on the app's content."""

    CODE = "code"
    GOOD_PRACTICE = "good_practice"
    ORGANISATION = "organisation"


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

# How a `why` claims the code: only a `code` check may word it so.
CODE_CLAIM = re.compile(
    r"\b(employer's code|code of practice|the code (says|asks|warns|reminds|recommends|expects))",
    re.IGNORECASE,
)


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Grounded(Frozen):
    """Guidance that says what it rests on: the code's own words, or good practice."""

    basis: Basis
    seed_ref: SeedRef
    quote: str = ""  # the code's words, for `basis = "code"` only

    @model_validator(mode="after")
    def _quoted_only_for_code(self) -> Grounded:
        if self.basis is Basis.CODE and not self.quote.strip():
            raise ValueError('`basis = "code"` needs `quote`: the code\'s own words')
        if self.basis is Basis.GOOD_PRACTICE and self.quote.strip():
            raise ValueError("good practice has no `quote`: only what the code asks is quoted")
        return self


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
    # the id of per-system text in computer-guides.toml ([[hint]]) shown instead of `hint` when
    # the app knows this computer's system (a key shortcut, say); `hint` covers every system
    system_hint: Id | None = None
    answer: AnswerKind
    good: Literal["yes", "no"] | None = None  # yes_no / detected: which answer passes
    allow_na: bool = False  # yes_no: offer "Doesn't apply to me"
    options: tuple[Option, ...] = ()  # choice only
    probe: Id | None = None  # detected only: which probe answers it
    platform: Id | None = None  # asked only of people who use this platform
    needs_social: bool = False  # asked only of people who use at least one social media platform
    why: Text
    basis: Basis
    seed_ref: (
        SeedRef  # the section of the code it puts into practice (code) or serves (good practice)
    )
    # the code's own words, for a `code` check only (a test finds them in its section)
    quote: str = ""
    severity: Severity
    not_sure_help: Text  # what to do when the answer is "Not sure": help, never blame
    remedy: Remedy
    # A confirmation older than this is asked again at the next audit (settings change, menus move).
    reconfirm_days: int | None = Field(default=None, ge=1, le=730)
    # platform items only (resources/content/platforms/): steps shown beside the question
    kind: PlatformKind | None = None
    steps_app: tuple[Text, ...] = ()
    steps_web: tuple[Text, ...] = ()  # only where the website differs from the app
    # The setting is only in the app on the phone: "a computer" says so instead of showing steps.
    app_only: bool = False
    link: HttpsUrl | None = None  # the settings page itself, opened on the person's click
    no_link: str = ""  # why there is no link, when there is none
    # "These steps were checked against `source` on this date." Without it the steps are shown as
    # not yet checked, with the platform's help centre and `help_search` to look for there.
    verified_on: date | None = None
    source: HttpsUrl | None = None  # the page that confirmed them: a host in sources.toml
    # what `source` did not confirm word for word: to check on a real phone or computer
    unconfirmed: str = ""
    help_search: str = ""  # what to search for in the platform's help centre
    # saving evidence is part of the remedy: the warning about images of children comes first
    image_warning: bool = False
    # why an organisation's policy may not leave the check out (`[checks] skip`), if it may not
    always_asked: str = ""

    @model_validator(mode="after")
    def _basis_said_honestly(self) -> Check:
        if self.basis is Basis.CODE and not self.quote.strip():
            raise ValueError("a `code` check needs `quote`: the code's own words")
        if self.basis is Basis.ORGANISATION and self.quote.strip():
            raise ValueError("an organisation's own check has no `quote`")
        if self.basis is Basis.GOOD_PRACTICE:
            if self.quote.strip():
                raise ValueError(
                    "a `good_practice` check has no `quote`: only `code` checks quote the code"
                )
            if CODE_CLAIM.search(self.why):
                raise ValueError(
                    "`why` of a `good_practice` check must not say the code asks for it"
                )
        return self

    @model_validator(mode="after")
    def _platform_item_complete(self) -> Check:
        if self.kind is None:
            extra = [
                name
                for name in (
                    "steps_app",
                    "steps_web",
                    "app_only",
                    "link",
                    "no_link",
                    "verified_on",
                    "source",
                    "unconfirmed",
                    "help_search",
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
        if self.app_only and self.steps_web:
            raise ValueError("an `app_only` item has no `steps_web`")
        if self.link is not None and self.no_link.strip():
            raise ValueError(
                "give either `link` (https) or `no_link` (why there is none), not both"
            )
        if (self.verified_on is None) != (self.source is None):
            raise ValueError(
                "`verified_on` and `source` go together: the date the steps were checked and "
                "the page they were checked against (leave both out if not yet checked)"
            )
        if self.unconfirmed and self.verified_on is None:
            raise ValueError("`unconfirmed` only applies to steps checked against a source")
        if not self.help_search.strip():
            raise ValueError("a platform item needs `help_search`: what to look for in its help")
        return self

    @property
    def checked(self) -> bool:
        """The steps were checked against a named source (platform items)."""
        return self.verified_on is not None

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
    # the platform's own help centre, where a person can look up a setting whose steps are not
    # yet checked (every platform with items has one; "Another site or app" has none)
    help: HttpsUrl | None = None
    help_name: str = ""  # "Instagram's help": how the help centre is named in a sentence

    @property
    def help_title(self) -> str:
        return self.help_name or f"{self.name}'s help"


class BlockingTool(Frozen):
    """One row of a platform's blocking comparison: what a tool does and what it leaves open."""

    name: Text  # the platform's own word: "Block", "Restrict", "Mute"
    does: Text  # what it does for you
    they_still: Text  # what the other person can still see or do, and whether they are told


class PlatformGuide(Frozen):
    """The per-platform comparison of block / restrict / mute / report, shown with its steps."""

    platform: Id
    tools: tuple[BlockingTool, ...] = Field(min_length=2)
    verified_on: date | None = None  # as for items: checked against `source` on this date
    source: HttpsUrl | None = None

    @model_validator(mode="after")
    def _dated_with_source(self) -> PlatformGuide:
        if (self.verified_on is None) != (self.source is None):
            raise ValueError("`verified_on` and `source` go together")
        return self


class PlatformPage(Frozen):
    """What a platform's pages say once, rather than beside every item."""

    platform: Id
    # the platform has no settings pages on the web: said once, and items need no `no_link`
    no_web_page: str = ""


class Source(Frozen):
    """A host whose pages count as a source for platform steps, and who runs it."""

    host: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]([a-z0-9-]*\.)+[a-z]{2,}$")]
    owner: Text

    def covers(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return host == self.host or host.endswith("." + self.host)


class CodeQuote(Frozen):
    seed_ref: SeedRef
    quote: Text


class Guidance(Frozen):
    """Advice shown beside steps rather than asked: e.g. what to do before blocking someone."""

    title: Text
    points: tuple[Text, ...] = Field(min_length=1)
    cites: tuple[CodeQuote, ...] = Field(min_length=1)


class CitedPoint(Frozen):
    """One thing the code expects, in plain words, with the clause and the code's own words."""

    text: Text
    seed_ref: SeedRef
    quote: Text


class MeasureGuidance(Frozen):
    """What the code expects on a theme the questions do not ask one by one, shown at the top of
    a measure's first page."""

    measure: Id
    title: Text
    points: tuple[CitedPoint, ...] = Field(min_length=1)


class ImageWarning(Frozen):
    """Safeguarding first: never copy an image of a child that may be indecent, not even as
    evidence. Shown wherever saving evidence is mentioned."""

    title: Text
    text: Text  # the warning, in full
    instead: Text  # what to do instead
    step: Text  # the same in one step, put first in the steps of actions that save evidence


class OutsideHelp(Frozen):
    """A service outside the person's organisation that can help, shown as such."""

    id: Id
    name: Text
    run_by: Text
    what: Text  # who it is for and what it does, in a sentence or two
    phone: str = ""
    email: str = ""
    url: HttpsUrl


@dataclass(frozen=True)
class Catalog:
    """Everything the audit asks, in the order asked. Built and cross-checked by the loader."""

    clauses: tuple[Clause, ...]
    measures: tuple[Measure, ...]
    platforms: tuple[Platform, ...]
    checks: tuple[Check, ...]
    guides: tuple[PlatformGuide, ...] = ()
    before_blocking: Guidance | None = None  # never reply, save the evidence (§4, §5)
    image_warning: ImageWarning | None = None
    measure_guidance: tuple[MeasureGuidance, ...] = ()
    platform_pages: tuple[PlatformPage, ...] = ()
    sources: tuple[Source, ...] = ()
    outside_help: tuple[OutsideHelp, ...] = ()
    # the checks whose words name a lock time, as written (content/limits.py)
    templates: tuple[Check, ...] = ()
    # the code cited: the one the app was built from, or the organisation's (policy_catalog.py)
    code: CodeOfPractice = BUILT_IN_CODE
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

    def guidance_for(self, measure_id: str) -> MeasureGuidance | None:
        return next((g for g in self.measure_guidance if g.measure == measure_id), None)

    def platform_page(self, platform_id: str) -> PlatformPage:
        found = next((p for p in self.platform_pages if p.platform == platform_id), None)
        return found or PlatformPage(platform=platform_id)

    def source_owner(self, url: str) -> str | None:
        """Who runs the page at `url`, if its host is one that counts as a source."""
        host = urlsplit(url).hostname or ""
        return next((s.owner for s in self.sources if s.covers(host)), None)
