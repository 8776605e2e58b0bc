"""The per-platform steps the plan uses, and the data files' own checks."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from selfaudit.audit.state import FriendMatch
from selfaudit.content.loader import ContentError
from selfaudit.measures.friends.guides import actions_for, download_help, load_guides
from selfaudit.measures.friends.importers import NAME_LIST_IMPORTER, PLATFORM_IMPORTERS
from selfaudit.measures.friends.nicknames import load_equivalents
from selfaudit.paths import resources_dir
from tests.unit.friends import exports as ex

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def test_every_platform_read_has_download_remove_and_decline_steps() -> None:
    guides = load_guides()
    for importer in [*PLATFORM_IMPORTERS, NAME_LIST_IMPORTER]:
        guide = guides.platform[importer.platform]
        assert guide.download and guide.decline and guide.remove
        assert set(guide.remove) == set(guide.remove_title)
        assert guide.export_link.startswith("https://") or importer.platform == "other"
    assert guides.seed_ref == "7"


@pytest.mark.parametrize(
    ("platform", "relations", "titles"),
    [
        ("facebook", ["friend"], ["Remove Jo Bloggs from your Facebook friends"]),
        (
            "instagram",
            ["follower", "following"],
            [
                "Remove Jo Bloggs from your followers on Instagram",
                "Unfollow Jo Bloggs on Instagram",
            ],
        ),
        ("linkedin", [], ["Remove Jo Bloggs from your LinkedIn connections"]),
        ("mastodon", ["friend"], ["Remove Jo Bloggs from your friends"]),
    ],
)
def test_actions_for_a_confirmed_match(
    platform: str, relations: list[str], titles: list[str]
) -> None:
    match = FriendMatch(
        friend="Jo Bloggs", platform=platform, confirmed_at=NOW, relations=relations
    )
    actions = actions_for(match)
    assert [a.title for a in actions if a.kind == "remove"] == titles
    assert [a.kind for a in actions][-1] == "decline"
    assert all("{name}" not in step for a in actions for step in a.steps)
    assert all(a.seed_ref == "7" for a in actions)


def test_significant_contact_adds_telling_the_line_manager() -> None:
    match = FriendMatch(
        friend="Jo Bloggs",
        platform="facebook",
        confirmed_at=NOW,
        significant_contact=True,
        relations=["friend"],
    )
    last = actions_for(match)[-1]
    assert last.kind == "tell_line_manager"
    assert last.title == "Tell your line manager about your contact with Jo Bloggs"


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
            .replace(b"decline_title", b"decline_titel", 1)
        },
    )
    with pytest.raises(ContentError, match="decline_titel"):
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
        "import selfaudit.measures.friends.check, selfaudit.measures.friends.review\n"
        "import selfaudit.cli; selfaudit.cli.build_parser()\n"
        "heavy = [m for m in ('rapidfuzz', 'numpy', 'anyascii') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
