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
    # one set of steps for each way they are connected
    guide = load_guides().guide(platform)
    expected = sum(len(guide.remove[r]) for r in guide.remove if r.value in relations)
    assert len(steps) == (expected or len(next(iter(guide.remove.values()))))


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
