"""The wheel that `pip install .` builds carries the app's resources and both entry points.

Built offline with the hatchling in the test extra, so a resource left out of the wheel fails here,
not on a user's machine."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import selfaudit

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    command += ["--no-index", "--quiet", "--wheel-dir", str(out), str(ROOT)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    [built] = out.glob("selfaudit-*.whl")
    assert built.name.startswith(f"selfaudit-{selfaudit.__version__}-")
    return zipfile.ZipFile(built)


def test_every_resource_file_is_in_the_wheel(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    resources = [p for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert resources
    missing = [
        str(p.relative_to(ROOT))
        for p in resources
        if f"selfaudit/{p.relative_to(ROOT).as_posix()}" not in names
    ]
    assert not missing


def test_the_icons_and_content_are_where_paths_looks(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert f"selfaudit/resources/icons/{selfaudit.APP_ID}.svg" in names
    assert f"selfaudit/resources/icons/hicolor/48x48/apps/{selfaudit.APP_ID}.png" in names
    assert "selfaudit/resources/content/measures.toml" in names


def test_entry_points_and_no_test_code(wheel: zipfile.ZipFile) -> None:
    [entry_points] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    parser = configparser.ConfigParser()
    parser.read_string(wheel.read(entry_points).decode())
    assert parser["console_scripts"]["selfaudit"] == "selfaudit.__main__:main"
    assert parser["gui_scripts"]["selfaudit-gui"] == "selfaudit.__main__:gui_main"
    assert not [n for n in wheel.namelist() if n.startswith(("tests/", "packaging/"))]
