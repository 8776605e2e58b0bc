#!/usr/bin/env python3
"""Saves pictures of "Something has happened": the list of situations, each situation's page
with the example policy's contacts, and the note to the line manager, for looking at.

    .venv/bin/python scripts/situations_screenshots.py OUT_DIR [--dark] [--stay ID]

Runs offscreen (QT_QPA_PLATFORM=offscreen) or under xvfb-run; set QT_SCALE_FACTOR=2 (and
QT_FONT_DPI=144) for 200% and large text. The window is sized as the app sizes it for the
screen. With --stay ID it shows that situation's page and waits, for /work/shared/tools/shoot.
Nothing is saved but the pictures: the buttons that would record or add to the plan do nothing.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import shots  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from selfaudit.content import load_catalog  # noqa: E402
from selfaudit.content.situations import PlanKind  # noqa: E402
from selfaudit.paths import resources_dir  # noqa: E402
from selfaudit.policy_loader import read_policy_file  # noqa: E402
from selfaudit.ui.evidence.editor import IncidentStart  # noqa: E402
from selfaudit.ui.situations.host import HelpHost  # noqa: E402
from selfaudit.ui.situations.launcher import HelpLauncher  # noqa: E402

EXAMPLE_POLICY = resources_dir() / "policy" / "example-school-federation.toml"


def shoot(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def nothing_saved() -> HelpHost:
    def record(start: IncidentStart, parent: QWidget) -> None:
        print(f"would record: {start}")

    def add_to_plan(situation: str, kind: PlanKind, platform: str | None) -> date:
        return date.today()

    return HelpHost(record, lambda parent: None, add_to_plan, lambda: True)


def main() -> None:
    args, app = shots.start(
        __doc__ or "",
        lambda p: p.add_argument(
            "--stay", metavar="ID", help="show this situation's page and wait (for shoot)"
        ),
    )
    catalog = load_catalog()
    policy = read_policy_file(EXAMPLE_POLICY, catalog)
    launcher = HelpLauncher(lambda then: then(), lambda: (policy, catalog.platforms), app)
    launcher.attach(nothing_saved())
    window = launcher.open(None)
    shots.wait_until(app, lambda: window.content is not None)
    assert window.content is not None
    if args.stay:
        window.choose(args.stay)
        app.exec()
        return
    settle(app)
    shoot(window, args.out / "happened-00-list.png")
    for number, situation_id in enumerate(window.content.situations.ids, start=1):
        view = window.choose(situation_id)
        settle(app)
        shoot(window, args.out / f"happened-{number:02}-{situation_id}.png")
        scroll = window.view_scroll
        if scroll is not None and scroll.verticalScrollBar().maximum() > 0:
            # the whole page as it lays out in the window's width, then the window scrolled
            shoot(view, args.out / f"happened-{number:02}-{situation_id}-whole.png")
            scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
            settle(app)
            shoot(window, args.out / f"happened-{number:02}-{situation_id}-end.png")
        if situation_id == "found-friend":
            view.where.setCurrentText("Instagram")
            view.write_note()
            settle(app)
            shoot(view.note_dialog, args.out / "happened-note.png")
            size = view.note_dialog.size()
            print(
                f"note: {size.width()}x{size.height()}, window: {window.width()}x{window.height()}"
            )
            view.note_dialog.hide()
    window.back_to_list()
    window.hide()


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


if __name__ == "__main__":
    main()
