"""Fixtures for unit tests of the content catalog."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from selfaudit.paths import resources_dir


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of resources/content to break on purpose; load it with load_catalog(root)."""
    root = tmp_path / "res"
    shutil.copytree(resources_dir() / "content", root / "content")
    return root
