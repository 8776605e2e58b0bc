"""The per-platform steps the plan uses, and the data files' own checks."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from samples import friend_exports as ex

from selfaudit.content.loader import ContentError
from selfaudit.measures.friends.guides import (
    decline_steps,
    download_help,
    load_guides,
    removal_steps,
    tell_line_manager_steps,
)
from selfaudit.measures.friends.importers import NAME_LIST_IMPORTER, PLATFORM_IMPORTERS
from selfaudit.measures.friends.nicknames import load_equivalents
from selfaudit.paths import resources_dir

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def test_every_platform_read_has_download_remove_and_decline_steps() -> None:
    guides = load_guides()
    for importer in [*PLATFORM_IMPORTERS, NAME_LIST_IMPORTER]:
        guide = guides.platform[importer.platform]
        assert guide.download and guide.decline and guide.remove
        assert guide.export_link.startswith("https://") or importer.platform == "other"
    assert guides.seed_ref == "7"


@pytest.mark.parametrize(
    ("platform", "relations", "wanted"),
    [
        ("facebook", ["friend"], ['Select "Unfriend"']),
        ("instagram", ["follower", "following"], ["Remove", "Following"]),
        ("linkedin", [], ["Remove connection"]),
        ("mastodon", ["friend"], ["the person"]),
    ],
)
def test_removal_steps_follow_how_the_person_is_connected(
    platform: str, relations: list[str], wanted: list[str]
) -> None:
    steps = removal_steps(platform, relations, "the person")
    text = " ".join(steps)
    assert all(word in text for word in wanted), text
    assert "{name}" not in text
    # one set of steps for each way they are connected, then where to look them up
    guides = load_guides()
    guide = guides.guide(platform)
    expected = sum(len(guide.remove[r]) for r in guide.remove if r.value in relations)
    note = 0 if guide.verified_on or platform not in guides.platform else 1
    assert len(steps) == (expected or len(next(iter(guide.remove.values())))) + note


def test_steps_not_yet_checked_say_so_and_where_to_look() -> None:
    """The steps are no longer dated beyond the app's own 180 days: until they are checked
    against a source, the plan says they are not and what to search for."""
    guides = load_guides()
    for key, guide in guides.platform.items():
        if key == "other":
            continue
        assert guide.verified_on is None or guide.source, key
        if guide.verified_on is None:
            last = removal_steps(key, [], "the person")[-1]
            assert last.startswith("These steps are not yet checked against "), key
            assert "“" in last and "{" not in last
            assert decline_steps(key)[-1].endswith(f"“{guides.help_search['decline']}”.")
    assert not any("not yet checked" in s for s in removal_steps("mastodon", [], "the person"))


def test_the_x_steps_say_where_to_find_the_account_number() -> None:
    """X lists followers by number only: the steps point at the number the person gave in their
    list, never at "the number in" a name, which nobody knows."""
    text = " ".join(removal_steps("x", ["follower", "following"], "the person"))
    assert "number in" not in text and '"x" column' in text


def test_a_checked_date_needs_a_listed_source(tmp_path: Path) -> None:
    root = tmp_path / "resources"
    original = (resources_dir() / "friends" / "platforms.toml").read_bytes()
    ex.write_folder(
        root,
        {
            "friends/platforms.toml": original.replace(
                b'[platform.facebook]\nname = "Facebook"',
                b'[platform.facebook]\nname = "Facebook"\nverified_on = 2026-12-06\n'
                b'source = "https://someblog.example.com/unfriend"',
                1,
            ),
            "content/sources.toml": (resources_dir() / "content" / "sources.toml").read_bytes(),
        },
    )
    with pytest.raises(ContentError, match=r"platform\.facebook.*someblog\.example\.com"):
        load_guides(root)


def test_telling_the_line_manager_names_nobody_in_saved_steps() -> None:
    steps = tell_line_manager_steps("the service user")
    assert steps and all("{name}" not in step for step in steps)
    assert decline_steps("facebook")


def test_download_help_is_numbered_steps() -> None:
    text = download_help("tiktok")
    assert text.splitlines()[1].startswith("1. ")
    assert "usernames, not names" in text


def test_a_typo_in_the_steps_file_is_reported_with_its_key(tmp_path: Path) -> None:
    root = tmp_path / "resources"
    ex.write_folder(
        root,
        {
            "friends/platforms.toml": (resources_dir() / "friends" / "platforms.toml")
            .read_bytes()
            .replace(b"export_link", b"export_lnk", 1)
        },
    )
    with pytest.raises(ContentError, match="export_lnk"):
        load_guides(root)


def test_nicknames_file_rejects_a_name_listed_twice(tmp_path: Path) -> None:
    root = ex.write_folder(
        tmp_path / "resources",
        {"friends/nicknames.toml": b'seed_ref = "7"\n[names]\nwilliam = ["bill", "bill"]\n'},
    )
    with pytest.raises(ContentError, match="lists a form twice"):
        load_equivalents(root)


def test_the_friend_check_loads_no_heavy_library_until_it_matches() -> None:
    code = (
        "import sys\n"
        "import selfaudit.measures.friends.check, selfaudit.audit.friend_review\n"
        "import selfaudit.cli; selfaudit.cli.build_parser()\n"
        "heavy = [m for m in ('rapidfuzz', 'numpy', 'anyascii') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_the_platforms_said_to_be_read_are_those_with_an_importer() -> None:
    """Help texts name the platforms whose `reads` is set: exactly those an importer reads,
    each a platform of the catalog, each with handles and where its profile addresses live."""
    from selfaudit.content import load_catalog
    from selfaudit.measures.friends.guides import handle_platforms

    guides = load_guides()
    said = [key for key, guide in guides.platform.items() if guide.reads]
    assert said == [importer.platform for importer in PLATFORM_IMPORTERS]
    assert set(guides.platform) - {"other"} <= {p.id for p in load_catalog().platforms}
    assert set(said) <= set(handle_platforms())
