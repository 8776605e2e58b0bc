"""The guidance shown beside the evidence log: first steps, how to save the evidence on each
platform, and where to report. Content is data (resources/content/evidence.toml), validated here
so a typo is reported with its file, item and key. First steps and report routes say whether the
code asks for them (with its words) or they are good practice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from selfaudit.content.loader import ContentError, load_catalog, read_toml
from selfaudit.content.models import Grounded, Id, ImageWarning, OutsideHelp, Text
from selfaudit.evidence.models import Channel, IncidentDetails
from selfaudit.paths import resources_dir
from selfaudit.policy import Contact, ContactKind, Policy, PolicyLink

SeedRef = Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?$")]
Steps = tuple[Text, ...]

# channels that are not a site or app have their own capture guide, named after the channel
CHANNEL_GUIDES = (Channel.TEXT.value, Channel.EMAIL.value, Channel.PHONE.value)
GENERAL_GUIDE = "other"  # for any site or app without its own guide; the loader requires it


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FirstStep(Grounded):
    id: Id
    title: Text
    text: Text


class ScreenshotGuide(Frozen):
    device: Text  # "Windows", "iPhone" …
    steps: Steps = Field(min_length=1)
    seed_ref: SeedRef


class CaptureGuide(Frozen):
    """How to record who sent it and where, and how to report it, on one platform or channel."""

    applies_to: Id  # a platform id from platforms.toml, or "text", "email", "phone"
    identify: Steps = Field(min_length=1)
    report: Steps = Field(min_length=1)
    seed_ref: SeedRef


class ReportRoute(Grounded):
    id: Id
    title: Text
    when: Text  # which incidents this route is for
    steps: Steps = Field(min_length=1)
    also: Steps = ()  # good practice beside what the code says, shown as such
    # the kinds of the policy's contacts to show, in the policy's order
    contact_kinds: tuple[ContactKind, ...] = Field(default=(), alias="contacts")
    # lower-case words that pick the policy's links (by title) to show
    policy_words: tuple[Text, ...] = ()

    def links(self, policy: Policy) -> list[PolicyLink]:
        return [link for link in policy.links if _mentions(link.title, self.policy_words)]

    def contacts(self, policy: Policy) -> list[Contact]:
        return policy.contacts_of(*self.contact_kinds)


class EvidenceGuidance(Frozen):
    intro: Text
    first_step: tuple[FirstStep, ...] = Field(min_length=1)
    screenshot: tuple[ScreenshotGuide, ...] = Field(min_length=1)
    capture: tuple[CaptureGuide, ...] = Field(min_length=1)
    route: tuple[ReportRoute, ...] = Field(min_length=1)
    no_contacts: Text  # shown under "Who can help" when the policy lists no contacts
    more_help: Text  # shown under "Who can help" always
    # from the catalog (guidance.toml, outside-help.toml), filled in by the loader
    image_warning: ImageWarning | None = None
    outside_help: tuple[OutsideHelp, ...] = ()

    def capture_for(self, key: str) -> CaptureGuide:
        """The guide for a platform id or channel; the general one when there is none."""
        by_key = {guide.applies_to: guide for guide in self.capture}
        return by_key.get(key) or by_key[GENERAL_GUIDE]

    def capture_for_incident(self, details: IncidentDetails, platform_ids: dict[str, str]) -> str:
        """Which guide fits an incident: its channel, or the site named (by catalog name)."""
        if details.channel.value in CHANNEL_GUIDES:
            return details.channel.value
        return platform_ids.get(details.platform.casefold(), GENERAL_GUIDE)


def safeguarding_contacts(policy: Policy) -> list[Contact]:
    """The policy's designated safeguarding lead: who to tell at once about an image of a child
    that may be indecent."""
    return policy.contacts_of(ContactKind.SAFEGUARDING)


def _mentions(text: str, words: Iterable[str]) -> bool:
    """True if a word of `text` starts with one of `words` ("harass" finds "Harassment", "hr" finds
    "HR team" but not "three")."""
    folded = text.casefold()
    return any(re.search(r"\b" + re.escape(word.casefold()), folded) for word in words)


def _where(data: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    """'capture "facebook"' for an error inside the facebook capture guide."""
    if len(loc) >= 2 and isinstance(loc[1], int):
        items = data.get(str(loc[0]))
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else {}
        label = item.get("id") or item.get("applies_to") or item.get("device")
        key = ".".join(map(str, loc[2:])) or "(whole item)"
        name = f"{loc[0]} {label!r}" if label else f"{loc[0]} #{loc[1] + 1}"
        return f"{name}: key `{key}`"
    return "key `" + (".".join(map(str, loc)) or "(whole file)") + "`"


@cache
def load_evidence_guidance(root: Path | None = None) -> EvidenceGuidance:
    """Loads evidence.toml and checks its platforms and clauses against the catalog."""
    resources = root or resources_dir()
    path = resources / "content" / "evidence.toml"
    data = read_toml(path)
    try:
        guidance = EvidenceGuidance.model_validate(data)
    except ValidationError as exc:
        raise ContentError(
            path, [f"{_where(data, tuple(e['loc']))}: {e['msg']}" for e in exc.errors()]
        ) from None
    catalog = load_catalog(root)
    clauses = {c.ref for c in catalog.clauses}
    known = {p.id for p in catalog.platforms} | set(CHANNEL_GUIDES) | {GENERAL_GUIDE}
    problems: list[str] = []
    items: list[tuple[str, str]] = [
        *((f"first_step {s.id!r}", s.seed_ref) for s in guidance.first_step),
        *((f"screenshot {s.device!r}", s.seed_ref) for s in guidance.screenshot),
        *((f"capture {c.applies_to!r}", c.seed_ref) for c in guidance.capture),
        *((f"route {r.id!r}", r.seed_ref) for r in guidance.route),
    ]
    problems += [
        f"{name}: key `seed_ref`: no clause {ref!r} in clauses.toml"
        for name, ref in items
        if ref not in clauses
    ]
    covered = [c.applies_to for c in guidance.capture]
    problems += [
        f"capture {key!r}: key `applies_to`: not a platform in platforms.toml, nor one of "
        + ", ".join(CHANNEL_GUIDES)
        for key in covered
        if key not in known
    ]
    problems += [
        f"capture {key!r}: key `applies_to`: used more than once"
        for key in sorted({k for k in covered if covered.count(k) > 1})
    ]
    problems += [f"no [[capture]] for {key!r}" for key in sorted(known - set(covered))]
    if problems:
        raise ContentError(path, problems)
    return guidance.model_copy(
        update={"image_warning": catalog.image_warning, "outside_help": catalog.outside_help}
    )
