"""What the screenshot scripts share: the command line (OUT_DIR, --dark), the application set up
as the app sets itself up, the app's dark palette, and waiting for Qt to settle.

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

from PySide6.QtWidgets import QApplication

from selfaudit.content import load_catalog
from selfaudit.content.models import Catalog
from selfaudit.policy import Policy
from selfaudit.policy_catalog import shape_catalog
from selfaudit.policy_loader import read_policy_file
from selfaudit.ui.app import configure_application
from selfaudit.ui.palette import dark_palette, readable


def under_policy(file: Path | None, default: Policy) -> tuple[Policy, Catalog]:
    """The policy in `file` (else `default`) and the catalog as it shapes it, as the app uses
    them (scripts' --policy)."""
    catalog = load_catalog()
    policy = default if file is None else read_policy_file(file, catalog)
    return policy, shape_catalog(catalog, policy)


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
        # as a desktop that asks for dark colours: the app's own dark palette, made readable
        app.setPalette(readable(dark_palette()))
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
