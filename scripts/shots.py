"""What the screenshot scripts share: the command line (OUT_DIR, --dark), the application set up
as the app sets itself up, a dark palette like a real dark theme's, and waiting for Qt to settle.

Each `scripts/*screenshots*.py` saves pictures of one part of the app for looking at what we
built; they run wherever Qt can draw (offscreen, or under xvfb-run); QT_SCALE_FACTOR=2 checks
200% scaling.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from selfaudit.content import load_catalog
from selfaudit.content.models import Catalog
from selfaudit.policy import Policy
from selfaudit.policy_catalog import shape_catalog
from selfaudit.policy_loader import read_policy_file
from selfaudit.ui.app import configure_application


def under_policy(file: Path | None, default: Policy) -> tuple[Policy, Catalog]:
    """The policy in `file` (else `default`) and the catalog as it shapes it, as the app uses
    them (scripts' --policy)."""
    catalog = load_catalog()
    policy = default if file is None else read_policy_file(file, catalog)
    return policy, shape_catalog(catalog, policy)


def dark_palette() -> QPalette:
    palette = QPalette()
    base, text = QColor(30, 30, 30), QColor(230, 230, 230)
    for role, color in {
        QPalette.ColorRole.Window: QColor(45, 45, 45),
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(50, 50, 50),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(55, 55, 55),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.Highlight: QColor(42, 130, 218),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.PlaceholderText: QColor(160, 160, 160),
        # links and disabled controls as a real dark theme shows them, or they mislead
        QPalette.ColorRole.Link: QColor(120, 180, 255),
        QPalette.ColorRole.LinkVisited: QColor(190, 150, 255),
    }.items():
        palette.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(127, 127, 127))
    return palette


def start(
    description: str, options: Callable[[argparse.ArgumentParser], None] | None = None
) -> tuple[argparse.Namespace, QApplication]:
    """Parses OUT_DIR and --dark (plus the script's own `options`), makes the folder and the
    application, dark when asked."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out", type=Path, help="the folder to save the pictures in")
    parser.add_argument("--dark", action="store_true", help="a dark palette")
    if options is not None:
        options(parser)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    configure_application(app)
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    return args, app


def wait_until(app: QApplication, done: Callable[[], bool], seconds: float = 10) -> None:
    """Lets Qt run (background work, layout, painting) until `done()`; fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)
