"""Every window and dialog, and every page of the wizard, fits a small screen with nothing cut
off: at 200% scaling on a 1920×1080 screen, and with 144 dpi fonts on a 1366×768 one (Qt's
logical screen is then about 960×540 and 911×512).

Qt reads its screen and scaling when it starts, so each runs in a child process
(tests/gui/small_screen_windows.py) whose Qt runs offscreen on a screen of that size: the
offscreen platform takes its screens from a JSON file (`QT_QPA_PLATFORM=offscreen:configfile=`),
and QT_SCALE_FACTOR and QT_FONT_DPI act on it as they do on a desktop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("small_screen_windows.py")

SCREENS = {
    "200% on 1920x1080": ((1920, 1080), {"QT_SCALE_FACTOR": "2"}),
    "144 dpi on 1366x768": ((1366, 768), {"QT_FONT_DPI": "144"}),
}


def screen_environment(
    tmp_path: Path, size: tuple[int, int], extra: dict[str, str]
) -> dict[str, str]:
    config = tmp_path / "screen.json"
    width, height = size
    screen = {"name": "small", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTEST_"))}
    return env | extra | {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_window_fits_a_small_screen(tmp_path: Path, screen: str) -> None:
    size, extra = SCREENS[screen]
    env = screen_environment(tmp_path, size, extra)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            "--basetemp",
            str(tmp_path / "child"),
            str(CHILD),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = result.stdout[-12000:] + result.stderr[-3000:]
    assert result.returncode == 0, report
    assert " passed" in result.stdout and "skipped" not in result.stdout, report


def test_the_small_screens_are_what_qt_shows(tmp_path: Path) -> None:
    """The child's screens are as small as a person's: the check would mean nothing on the
    offscreen plugin's default screen."""
    code = (
        "from PySide6.QtWidgets import QApplication; app = QApplication([]); "
        "g = app.primaryScreen().availableGeometry(); print(g.width(), g.height())"
    )
    for screen, expected in zip(SCREENS, ("960 540", "911 512"), strict=True):
        size, extra = SCREENS[screen]
        env = screen_environment(tmp_path, size, extra)
        shown = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert shown.stdout.split() == expected.split(), screen
