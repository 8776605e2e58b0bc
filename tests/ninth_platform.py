"""A ninth platform, Threads, added to a copy of the app's resources the way a maintainer adds one:
by editing data files only (docs/architecture.md, "Common changes"). `use_resources` points the
whole app at such a copy for one test."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from selfaudit import paths

THREADS_PLATFORM = """
[[platform]]
id = "threads"
name = "Threads"
help = "https://help.instagram.com/threads"
help_name = "the Threads help centre"
"""

THREADS_CAPTURE = """
[[capture]]
applies_to = "threads"
identify = [
  "Tap the Share button under the post, then Copy link.",
  "Note the sender's username. Their profile address is threads.net/@ followed by it.",
]
report = [
  "Tap the three dots (…) on the post, then Report, and follow the steps.",
]
seed_ref = "5"
"""

# the friend check's steps; its export is read by an importer (code), see the test
THREADS_FRIENDS = """
[platform.threads]
name = "Threads"
help_name = "the Threads help centre"
reads = "threads_followers.json"
profile_hosts = ["threads.net", "threads.com"]
column_names = ["threads username"]
export_link = "https://accountscenter.instagram.com/info_and_permissions/dyi/"
download = [
  "Open Threads, tap your profile, then the two lines at the top right, then \\"Account\\".",
  "Tap \\"Download your information\\" and choose \\"Followers\\" in JSON.",
]
decline = ["Open your profile, tap \\"Privacy\\", and turn on \\"Private profile\\"."]
[platform.threads.remove]
follower = ["Open your followers, tap the three dots beside {name}, then \\"Remove\\"."]
following = ["Open {name}'s profile and tap \\"Following\\", then \\"Unfollow\\"."]
"""


def add_threads(resources: Path) -> None:
    """Threads as a copy of Instagram's settings, in every data file that lists platforms."""
    content = resources / "content"
    listing = content / "platforms.toml"
    text = listing.read_text(encoding="utf-8")
    other = text.index('[[platform]]\nid = "other"')
    listing.write_text(text[:other] + THREADS_PLATFORM.lstrip() + "\n" + text[other:], "utf-8")

    instagram = (content / "platforms" / "instagram.toml").read_text(encoding="utf-8")
    threads = instagram.replace('platform = "instagram"', 'platform = "threads"')
    threads = re.sub(r'id = "instagram\.', 'id = "threads.', threads)
    threads = threads.replace("Instagram", "Threads")
    (content / "platforms" / "threads.toml").write_text(threads, encoding="utf-8")

    evidence = content / "evidence.toml"
    evidence.write_text(evidence.read_text(encoding="utf-8") + THREADS_CAPTURE, "utf-8")

    friends = resources / "friends" / "platforms.toml"
    text = friends.read_text(encoding="utf-8")
    other = text.index("[platform.other]")
    friends.write_text(text[:other] + THREADS_FRIENDS.lstrip() + "\n" + text[other:], "utf-8")


def _clear_caches() -> None:
    """Every loader's cache in the app: content read from the old resources is forgotten."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("selfaudit"):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", "") == name:
                clear()


@contextmanager
def use_resources(monkeypatch: pytest.MonkeyPatch, root: Path) -> Iterator[Path]:
    """The whole app reads its content, friend check steps and evidence guidance from `root`."""
    original = paths.resources_dir

    def resources_dir() -> Path:
        return root

    for name, module in list(sys.modules.items()):
        if name.startswith("selfaudit") and getattr(module, "resources_dir", None) is original:
            monkeypatch.setattr(module, "resources_dir", resources_dir)
    _clear_caches()
    try:
        yield root
    finally:
        _clear_caches()


def resources_with_threads(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), root, ignore=shutil.ignore_patterns("icons"))
    add_threads(root)
    return root
