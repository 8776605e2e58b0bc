"""Per-system steps for the settings a probe looks at: how to check them by hand when the probe
could not, and how to change them when it found a problem; and per-system hints (the key to lock
this computer) shown in place of a question's general one. Data in
resources/content/computer-guides.toml, validated like the rest of the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from selfaudit.content.loader import ContentError, parse_items, read_toml
from selfaudit.content.models import Frozen, Id, Text
from selfaudit.paths import resources_dir

GUIDES_FILE = "computer-guides.toml"
LIMIT = "{limit}"  # the one placeholder steps may use: the organisation's longest lock time

# The fallback for a Linux desktop without its own guide, and for an unknown one.
GENERIC_LINUX = "linux"


class ComputerGuide(Frozen):
    probe: Id
    system: Id
    name: Text  # as the person knows their system: "Windows", "Mac", "GNOME"
    seed_ref: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?$")]
    check_steps: tuple[Text, ...] = Field(min_length=1)
    fix_steps: tuple[Text, ...] = Field(min_length=1)

    @field_validator("check_steps", "fix_steps")
    @classmethod
    def _only_known_placeholders(cls, steps: tuple[str, ...]) -> tuple[str, ...]:
        for step in steps:
            if "{" in step.replace(LIMIT, "") or "}" in step.replace(LIMIT, ""):
                raise ValueError(f"only {LIMIT} may stand in braces: {step!r}")
        return steps

    def checking(self, limit: str) -> tuple[str, ...]:
        return tuple(step.replace(LIMIT, limit) for step in self.check_steps)

    def fixing(self, limit: str) -> tuple[str, ...]:
        return tuple(step.replace(LIMIT, limit) for step in self.fix_steps)


class SystemHint(Frozen):
    id: Id
    system: Id
    text: Text


@dataclass(frozen=True)
class ComputerGuides:
    guides: tuple[ComputerGuide, ...]
    hints: tuple[SystemHint, ...] = ()

    def hint(self, hint_id: str, system: str) -> str | None:
        """The hint for this system, else the generic Linux one (a desktop we do not know)."""
        by_key = {(h.id, h.system): h.text for h in self.hints}
        return by_key.get((hint_id, system)) or by_key.get((hint_id, GENERIC_LINUX))

    def probes(self) -> set[str]:
        return {g.probe for g in self.guides}

    def for_system(self, probe: str, system: str) -> ComputerGuide | None:
        """The guide for this system, else the generic Linux one (a desktop we do not know)."""
        by_key = {(g.probe, g.system): g for g in self.guides}
        return by_key.get((probe, system)) or by_key.get((probe, GENERIC_LINUX))


@cache
def load_computer_guides(root: Path | None = None) -> ComputerGuides:
    path = (root or resources_dir()) / "content" / GUIDES_FILE
    data = read_toml(path)
    unknown = sorted(set(data) - {"guide", "hint"})
    if unknown:
        raise ContentError(path, [f"unknown top-level key(s): {', '.join(unknown)}"])
    guides = parse_items(path, "guide", ComputerGuide, {"guide": data.get("guide")})
    hints = (
        parse_items(path, "hint", SystemHint, {"hint": data.get("hint")}) if "hint" in data else []
    )
    seen: set[tuple[str, str]] = set()
    problems = []
    for guide in guides:
        key = (guide.probe, guide.system)
        if key in seen:
            problems.append(f"guide {guide.probe}/{guide.system}: listed twice")
        seen.add(key)
    hinted: set[tuple[str, str]] = set()
    for hint in hints:
        if (hint.id, hint.system) in hinted:
            problems.append(f"hint {hint.id}/{hint.system}: listed twice")
        hinted.add((hint.id, hint.system))
    problems += [
        f"hint {hint_id!r}: no text for {GENERIC_LINUX!r}, the fallback for other systems"
        for hint_id in sorted({h.id for h in hints})
        if (hint_id, GENERIC_LINUX) not in hinted
    ]
    if problems:
        raise ContentError(path, problems)
    return ComputerGuides(tuple(guides), tuple(hints))
