""" "Something has happened": the situations a person can choose, and the page of help for each,
read from resources/content/situations.toml.

Each step says what it rests on (`Grounded`: the code's words, or good practice), as the checks
and the evidence guidance do. The loader checks the clauses, the services outside the
organisation and the default contacts against the rest of the content, and adds the catalog's
warning about images of children and its outside help, so a page is whole once loaded.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError, model_validator

from selfaudit.content.loader import ContentError, load_catalog, read_toml
from selfaudit.content.models import (
    CODE_CLAIM,
    Basis,
    Frozen,
    Grounded,
    Id,
    ImageWarning,
    OutsideHelp,
    SeedRef,
    Text,
)
from selfaudit.content.plan_kinds import PlanKind as PlanKind  # where it was first
from selfaudit.paths import resources_dir

# ids as typed on the command line: `selfaudit now friend-request`
SituationId = Annotated[str, StringConstraints(pattern=r"^[a-z]+(-[a-z]+)*$")]


class ContactKind(StrEnum):
    """Who to tell, by what they do; the policy's contacts of that kind are shown."""

    LINE_MANAGER = "line_manager"
    SAFEGUARDING = "safeguarding"
    LADO = "lado"
    HR = "hr"
    UNION = "union"


class HelpAction(StrEnum):
    """What a situation's page lets the person do there and then."""

    RECORD = "record"  # the evidence log, with a new incident filled in
    CHECK_FRIENDS = "check_friends"  # the friend check
    NOTE = "note"  # a note to the line manager, never saved by the app


class HelpStep(Grounded):
    text: Text

    @model_validator(mode="after")
    def _good_practice_said_as_such(self) -> HelpStep:
        if self.basis is Basis.GOOD_PRACTICE and CODE_CLAIM.search(self.text):
            raise ValueError("a `good_practice` step must not say the code asks for it")
        return self


class NoteTemplate(Frozen):
    """The note to the line manager: `{date}` is today, `{where}` " on Facebook" or " by text
    message" when the person said where, else nothing. It never holds a name: the person adds
    what they choose."""

    subject: Text
    body: Text

    @model_validator(mode="after")
    def _fields_known(self) -> NoteTemplate:
        unknown = {
            word
            for word in _fields(self.body) | _fields(self.subject)
            if word not in {"date", "where"}
        }
        if unknown:
            raise ValueError(
                "only {date} and {where} can be filled in, not "
                + ", ".join("{" + word + "}" for word in sorted(unknown))
            )
        return self


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{([^{}]*)\}", text))


class Situation(Frozen):
    id: SituationId
    title: Text  # in the person's words, as chosen from the list
    hint: Text  # one line under the title in the list
    seed_ref: SeedRef  # the section of the code it is about
    intro: Text
    image_warning: bool = False  # the whole warning about images of children, on top
    saves_evidence: bool = False  # its one-line step first among what to do now
    asks_where: bool = False  # the page asks (optionally) which site or app
    do_now: tuple[HelpStep, ...] = Field(min_length=1)
    do_not: tuple[HelpStep, ...] = Field(min_length=1)
    tell: tuple[ContactKind, ...] = Field(min_length=1)
    outside_help: tuple[Id, ...] = ()
    actions: tuple[HelpAction, ...] = ()
    plan: tuple[PlanKind, ...] = ()
    note: NoteTemplate | None = None

    @model_validator(mode="after")
    def _note_with_its_action(self) -> Situation:
        if (HelpAction.NOTE in self.actions) != (self.note is not None):
            raise ValueError('a `note` goes with `actions = ["note"]`, and only with it')
        return self

    def offers(self, action: HelpAction) -> bool:
        return action in self.actions


class DefaultContact(Frozen):
    """Who to tell when the organisation's policy names no one of this kind."""

    kind: ContactKind
    role: Text
    notes: Text


class SituationHelp(Frozen):
    """Every situation, in the order listed, and what their pages share."""

    intro: Text
    situation: tuple[Situation, ...] = Field(min_length=1)
    default_contact: tuple[DefaultContact, ...] = Field(min_length=1)
    # from the catalog (guidance.toml, outside-help.toml), filled in by the loader
    image_warning: ImageWarning | None = None
    outside_help: tuple[OutsideHelp, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.situation)

    def get(self, situation_id: str) -> Situation | None:
        return next((s for s in self.situation if s.id == situation_id), None)

    def default_for(self, kind: ContactKind) -> DefaultContact:
        return next(c for c in self.default_contact if c.kind is kind)

    def outside_help_for(self, situation: Situation) -> tuple[OutsideHelp, ...]:
        by_id = {service.id: service for service in self.outside_help}
        return tuple(by_id[i] for i in situation.outside_help if i in by_id)

    def do_now(self, situation: Situation) -> tuple[HelpStep, ...]:
        """What to do now: first, where the steps save evidence, the one-line warning about
        images of children, so it is read before the step that says to take a screenshot. It
        is the law and national safeguarding guidance rather than a clause of the code, so it
        is said as good practice serving §7 (safeguarding)."""
        if situation.saves_evidence and self.image_warning is not None:
            warning = HelpStep(
                text=self.image_warning.step, basis=Basis.GOOD_PRACTICE, seed_ref="7"
            )
            return (warning, *situation.do_now)
        return situation.do_now


def _problem(data: dict[str, object], loc: tuple[int | str, ...], message: str) -> str:
    """ "situation 'contact': key `do_now.2.quote`: …" for a problem inside that situation."""
    if len(loc) >= 2 and isinstance(loc[1], int):
        items = data.get(str(loc[0]))
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else {}
        label = (item.get("id") or item.get("kind")) if isinstance(item, dict) else None
        name = f"{loc[0]} {label!r}" if label else f"{loc[0]} #{loc[1] + 1}"
        key = ".".join(map(str, loc[2:])) or "(whole item)"
        return f"{name}: key `{key}`: {message}"
    return "key `" + (".".join(map(str, loc)) or "(whole file)") + f"`: {message}"


@cache
def load_situations(root: Path | None = None) -> SituationHelp:
    """Reads situations.toml and checks it against the catalog. Cached: content does not change
    while the app runs."""
    resources = root or resources_dir()
    path = resources / "content" / "situations.toml"
    data = read_toml(path)
    try:
        help_ = SituationHelp.model_validate(data)
    except ValidationError as exc:
        raise ContentError(
            path, [_problem(data, tuple(e["loc"]), e["msg"]) for e in exc.errors()]
        ) from None
    catalog = load_catalog(root)
    clauses = {c.ref for c in catalog.clauses}
    services = {s.id for s in catalog.outside_help}
    problems: list[str] = []
    ids = [s.id for s in help_.situation]
    problems += [
        f"situation {i!r}: key `id`: used more than once"
        for i in sorted(set(ids))
        if ids.count(i) > 1
    ]
    for situation in help_.situation:
        where = f"situation {situation.id!r}"
        refs = [("seed_ref", situation.seed_ref)]
        refs += [(f"do_now.{n}.seed_ref", s.seed_ref) for n, s in enumerate(situation.do_now)]
        refs += [(f"do_not.{n}.seed_ref", s.seed_ref) for n, s in enumerate(situation.do_not)]
        problems += [
            f"{where}: key `{key}`: no clause {ref!r} in clauses.toml"
            for key, ref in refs
            if ref not in clauses
        ]
        problems += [
            f"{where}: key `outside_help`: no service {service!r} in outside-help.toml"
            for service in situation.outside_help
            if service not in services
        ]
    defaults = [c.kind for c in help_.default_contact]
    problems += [
        f"no [[default_contact]] with kind = {kind.value!r}"
        for kind in ContactKind
        if kind not in defaults
    ]
    problems += [
        f"[[default_contact]] kind {kind.value!r}: given more than once"
        for kind in ContactKind
        if defaults.count(kind) > 1
    ]
    if problems:
        raise ContentError(path, problems)
    return help_.model_copy(
        update={"image_warning": catalog.image_warning, "outside_help": catalog.outside_help}
    )
