"""Per-platform steps for the friend check, from resources/friends/platforms.toml: how to
download the friends list, how to remove one person, how to stop friend requests; and what the
check knows of each platform (the files it reads, where its profile addresses live, what its
column is called in a service-user list), from which every list of platforms in the friend
check and its help texts is built.

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
from urllib.parse import urlsplit

from pydantic import Field, StringConstraints, ValidationError, model_validator

from selfaudit.content.freshness import Unchecked, Verified
from selfaudit.content.loader import ContentError, parse_sources, read_toml, validation_problems
from selfaudit.content.models import Frozen, Text
from selfaudit.measures.friends.model import Relation
from selfaudit.paths import resources_dir

Steps = tuple[Text, ...]
NAME_FIELD = "{name}"


class PlatformGuide(Frozen):
    name: Text
    help_name: str = ""  # "X's help": the platform's help in a sentence (default "<name>'s help")
    # when the steps were checked against `source` (a host in content/sources.toml); without
    # them the steps are not yet checked, and the plan says where to look them up
    verified_on: date | None = None
    source: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = None
    export_link: Annotated[str, StringConstraints(pattern=r"^(https://\S+)?$")]
    # the friends files the check reads from its export, named for people: "your_friends.json"
    reads: str = ""
    # its profile addresses' hosts: a platform with them has handles (usernames, profile
    # addresses), which a service-user list may give in a column named by its id
    profile_hosts: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z0-9.-]+$")], ...] = ()
    column_names: tuple[Text, ...] = ()  # other names for that column ("twitter" for x)
    download: Steps = Field(min_length=1)
    note: str = ""
    decline: Steps = Field(min_length=1)
    remove: dict[Relation, Steps]

    @model_validator(mode="after")
    def _dated_with_source(self) -> PlatformGuide:
        if (self.verified_on is None) != (self.source is None):
            raise ValueError("`verified_on` and `source` go together")
        return self


class FriendGuides(Frozen):
    seed_ref: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)?$")]
    # "These steps are not yet checked against {help} …, search {help} for “{search}”."
    not_checked: Text
    tell_line_manager: Steps = Field(min_length=1)
    platform: dict[str, PlatformGuide]
    help_search: dict[str, Text]  # by relation, and "decline"

    def guide(self, platform: str) -> PlatformGuide:
        return self.platform.get(platform) or self.platform["other"]

    def unchecked_note(self, platform: str, what: str) -> tuple[str, ...]:
        """The last step of steps not yet checked: where to look them up. None for "another
        site", whose steps are general."""
        guide = self.guide(platform)
        if guide.verified_on is not None or platform not in self.platform or platform == "other":
            return ()
        search = self.help_search.get(what, what)
        where = guide.help_name or f"{guide.name}'s help"
        return (self.not_checked.replace("{help}", where).replace("{search}", search),)


def friend_check_freshness(guides: FriendGuides) -> tuple[list[Verified], list[Unchecked]]:
    """The friend check's steps (download, decline, remove) for each platform, as
    `selfaudit checks --stale` lists platform content: checked against a source, or not yet."""
    verified: list[Verified] = []
    unchecked: list[Unchecked] = []
    for platform, guide in guides.platform.items():
        if platform == "other":  # general steps for any other site: nothing to check them on
            continue
        item_id = f"{platform}.friend_check"
        if guide.verified_on is not None and guide.source is not None:
            verified.append(Verified(item_id, platform, guide.verified_on, guide.source))
        else:
            relation = next(iter(guide.remove)).value
            search = guides.help_search.get(relation, relation)
            unchecked.append(Unchecked(item_id, platform, search))
    return verified, unchecked


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
    steps = tuple(_fill(step, name) for relation in chosen for step in guide.remove[relation])
    return steps + (guides or load_guides()).unchecked_note(platform, chosen[0].value)


def decline_steps(platform: str, guides: FriendGuides | None = None) -> tuple[str, ...]:
    """How to turn down, or stop, friend requests on `platform`."""
    loaded = guides or load_guides()
    return loaded.guide(platform).decline + loaded.unchecked_note(platform, "decline")


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


def handle_platforms(guides: FriendGuides | None = None) -> tuple[str, ...]:
    """The platforms whose friends lists and service-user lists carry handles, in file order."""
    loaded = guides or load_guides()
    return tuple(key for key, guide in loaded.platform.items() if guide.profile_hosts)


def profile_hosts(platform: str, guides: FriendGuides | None = None) -> tuple[str, ...]:
    guide = (guides or load_guides()).platform.get(platform)
    return guide.profile_hosts if guide else ()


def handle_columns(guides: FriendGuides | None = None) -> dict[str, str]:
    """Column title (lower case) -> platform, for the handle columns of a service-user list."""
    loaded = guides or load_guides()
    columns: dict[str, str] = {}
    for platform in handle_platforms(loaded):
        for title in (platform, *loaded.platform[platform].column_names):
            columns[title.casefold()] = platform
    return columns


def handle_columns_text(conjunction: str = "and", guides: FriendGuides | None = None) -> str:
    """The handle columns a service-user list may have: "facebook, instagram … and snapchat"."""
    return names_list(handle_platforms(guides), conjunction)


def export_names_text(guides: FriendGuides | None = None) -> str:
    """The platforms whose exports the check reads: "Facebook, Instagram … or Snapchat"."""
    loaded = guides or load_guides()
    return names_list((g.name for g in loaded.platform.values() if g.reads), "or")


def what_we_read(guides: FriendGuides | None = None) -> str:
    """What to add, for a message about a file the check cannot read."""
    loaded = guides or load_guides()
    files = [f"{g.name}: {g.reads}" for g in loaded.platform.values() if g.reads]
    return "\n".join(
        [
            "selfaudit reads the copy of your data that each site lets you download:",
            *files,
            "",
            "Add the .zip file as you downloaded it, the folder you unpacked it into, or one of "
            "those files. For any other site, add a .txt or .csv file of names, one a line.",
        ]
    )


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


def names_list(names: Iterable[str], conjunction: str = "and") -> str:
    """Items joined as in a sentence: "Facebook, Instagram and X"."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


@cache
def load_guides(root: Path | None = None) -> FriendGuides:
    resources = root or resources_dir()
    path = resources / "friends" / "platforms.toml"
    try:
        guides = FriendGuides.model_validate(read_toml(path))
    except ValidationError as exc:
        raise ContentError(path, validation_problems(exc, "friend guides")) from None
    sources_file = resources / "content" / "sources.toml"
    if any(g.source for g in guides.platform.values()):
        sources = parse_sources(sources_file)
        problems = [
            f"platform.{key}: key `source`: {urlsplit(g.source).hostname!r} is not in "
            "sources.toml; check the steps against the platform's help or a body listed there, "
            "or leave out `verified_on` and `source`"
            for key, g in guides.platform.items()
            if g.source and not any(s.covers(urlsplit(g.source).hostname or "") for s in sources)
        ]
        if problems:
            raise ContentError(path, problems)
    return guides
