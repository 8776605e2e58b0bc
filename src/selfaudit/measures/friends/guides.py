"""Per-platform steps for the friend check, from resources/friends/platforms.toml: how to
download the friends list, how to remove one person, how to stop friend requests.

The action plan turns each confirmed match (a FriendMatch) into actions with `actions_for`:
remove or unfollow them on that platform, stop future requests there and, after significant
contact, tell the line manager (code of practice §7).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError

from selfaudit.content.loader import ContentError, read_toml, validation_problems
from selfaudit.content.models import Frozen, Text
from selfaudit.measures.friends.model import Relation
from selfaudit.paths import resources_dir

Steps = tuple[Text, ...]
NAME_FIELD = "{name}"


class PlatformGuide(Frozen):
    name: Text
    verified_on: date
    export_link: Annotated[str, StringConstraints(pattern=r"^(https://\S+)?$")]
    download: Steps = Field(min_length=1)
    note: str = ""
    decline: Steps = Field(min_length=1)
    remove: dict[Relation, Steps]


class FriendGuides(Frozen):
    seed_ref: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?$")]
    tell_line_manager: Steps = Field(min_length=1)
    platform: dict[str, PlatformGuide]

    def guide(self, platform: str) -> PlatformGuide:
        return self.platform.get(platform) or self.platform["other"]


def _fill(text: str, name: str) -> str:
    return text.replace(NAME_FIELD, name)


def removal_steps(
    platform: str, relations: Iterable[str], name: str, guides: FriendGuides | None = None
) -> tuple[str, ...]:
    """How to remove someone on `platform`, for each way they are connected (friend, follower,
    following…); the platform's usual way when none was recorded. `name` fills the steps: the
    plan passes a neutral word, because saved plans must never name a service user."""
    guide = (guides or load_guides()).guide(platform)
    known = {relation.value: relation for relation in Relation}
    chosen = [known[r] for r in relations if r in known and known[r] in guide.remove]
    chosen = chosen or [next(iter(guide.remove))]
    return tuple(_fill(step, name) for relation in chosen for step in guide.remove[relation])


def decline_steps(platform: str, guides: FriendGuides | None = None) -> tuple[str, ...]:
    """How to turn down, or stop, friend requests on `platform`."""
    return (guides or load_guides()).guide(platform).decline


def tell_line_manager_steps(name: str, guides: FriendGuides | None = None) -> tuple[str, ...]:
    return tuple(_fill(step, name) for step in (guides or load_guides()).tell_line_manager)


def download_help(platform: str, guides: FriendGuides | None = None) -> str:
    """Numbered steps to download the right export, as plain text for a message."""
    guide = (guides or load_guides()).guide(platform)
    lines = [f"To download your {guide.name} friends list:"]
    lines += [f"{number}. {step}" for number, step in enumerate(guide.download, start=1)]
    if guide.note:
        lines.append(guide.note)
    return "\n".join(lines)


def platform_name(platform: str, guides: FriendGuides | None = None) -> str:
    return (guides or load_guides()).guide(platform).name


def relations_text(relations: Iterable[str]) -> str:
    """How someone is connected, as a sentence: "They follow you and you follow them."."""
    phrases = {
        Relation.FRIEND: "they are your friend",
        Relation.CONNECTION: "they are one of your connections",
        Relation.FOLLOWER: "they follow you",
        Relation.FOLLOWING: "you follow them",
    }
    given = set(relations)
    chosen = [phrase for relation, phrase in phrases.items() if relation.value in given]
    if not chosen:
        return ""
    text = names_list(chosen)
    return text[0].upper() + text[1:] + "."


def names_list(names: Iterable[str]) -> str:
    """Items joined as in a sentence: "Facebook, Instagram and X"."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@cache
def load_guides(root: Path | None = None) -> FriendGuides:
    path = (root or resources_dir()) / "friends" / "platforms.toml"
    try:
        return FriendGuides.model_validate(read_toml(path))
    except ValidationError as exc:
        raise ContentError(path, validation_problems(exc, "friend guides")) from None
