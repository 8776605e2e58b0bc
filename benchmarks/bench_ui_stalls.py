#!/usr/bin/env python3
"""The window never freezes: the longest the UI thread is kept from its event loop while slow
work runs, measured in the real widgets, offscreen. A 5 ms timer ticks on the UI thread; the
figure is the largest gap between two ticks from the person's click until the work is done
(so it includes everything the UI thread does meanwhile: progress, results, the page shown).
Baseline: the largest gap of the same timer in an idle event loop. Budget: 50 ms.

    .venv/bin/python benchmarks/bench_ui_stalls.py

- probes: clicking Next onto the first device-locking page of the wizard, which checks this
  computer's screen lock and disk encryption (the real probes of this OS), until both are in;
- imports: adding a 50 MB Facebook export (photos, 5,000 friends, 20,000 followers) to the
  friend check, and an export whose friends and followers files alone are 30 MB, until read;
- matching: importing 1,000 service users from a .csv and, once they are read, running the
  check against the 25,000 people of the 50 MB export, until the matches are shown for review.

Runs in a child process of its own (a QApplication, with its own home folder).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYTHON, Figure, fresh_user_env, no_session_bus, print_table, run_json

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

TICK_MS = 5
LIMIT_MS = 50.0
TIMEOUT = 300.0


class StallMeter:
    """The largest gap between ticks of a TICK_MS timer on the UI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.worst = 0.0
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now

    def during(self, action: Callable[[], object], done: Callable[[], bool]) -> float:
        """Milliseconds: the largest gap from `action` (run from the event loop, as a click
        is) until `done()`."""
        from PySide6.QtCore import QTimer

        self.worst = 0.0
        self._last = time.perf_counter()
        self._timer.start()
        QTimer.singleShot(0, action)
        wait_until(done)
        self._timer.stop()
        self._tick()
        return self.worst * 1000


def wait_until(done: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    check = QTimer()
    check.setInterval(TICK_MS)
    check.timeout.connect(lambda: loop.quit() if done() else None)
    check.start()
    give_up = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > give_up:
            raise TimeoutError("the work did not finish")
        loop.exec()
    check.stop()


def shown(window: QWidget) -> None:
    """Shows a window and lets it draw: its first frame is the window opening, not part of the
    work measured."""
    window.show()
    handle = window.windowHandle()
    wait_until(lambda: handle is not None and handle.isExposed())
    settle = time.perf_counter() + 0.2
    wait_until(lambda: time.perf_counter() >= settle)


def idle(meter: StallMeter, seconds: float = 1.0) -> float:
    until = time.perf_counter() + seconds
    return meter.during(lambda: None, lambda: time.perf_counter() >= until)


def probes(meter: StallMeter) -> float:
    from selfaudit.audit import AppState, AuditSession
    from selfaudit.content import load_catalog
    from selfaudit.policy import DEFAULT_POLICY
    from selfaudit.probes import computer_probes
    from selfaudit.ui.pages.platforms import PlatformsPage
    from selfaudit.ui.pages.questions import QuestionsPage
    from selfaudit.ui.wizard import AuditWizard

    session = AuditSession(load_catalog(), AppState())
    probes = computer_probes(DEFAULT_POLICY.max_screen_lock_minutes)
    wizard = AuditWizard(session, DEFAULT_POLICY, probes=probes)
    wizard.resize(960, 700)
    shown(wizard)
    checker = wizard.probe_checker
    detected = {c.id for c in session.catalog.checks if c.probe}

    def on_probe_page() -> bool:
        page = wizard.currentPage()
        return isinstance(page, QuestionsPage) and any(c.id in detected for c in page.plan.checks)

    while not on_probe_page():  # click Next up to the page before the probes' page
        page = wizard.currentPage()
        if isinstance(page, PlatformsPage):
            page.none_box.setChecked(True)
        following = wizard.page(wizard.nextId()) if wizard.nextId() != -1 else None
        if isinstance(following, QuestionsPage) and any(
            c.id in detected for c in following.plan.checks
        ):
            break
        wizard.next()
    worst = meter.during(
        wizard.next,
        lambda: on_probe_page() and all(c in checker.checked for c in checker.probes),
    )
    wizard.close()
    return worst


def friend_check(meter: StallMeter, folder: Path) -> dict[str, float]:
    from friend_exports import write_big_lists, write_exports
    from selfaudit.audit import AppState, AuditSession
    from selfaudit.content import load_catalog
    from selfaudit.ui.friends.dialog import FriendCheckDialog

    data = write_exports(folder)
    big, _ = write_big_lists(folder, data.people)
    found: dict[str, float] = {}
    for label, export in (("import, 50 MB Facebook export", data.large),):
        dialog = FriendCheckDialog(AuditSession(load_catalog(), AppState()))
        shown(dialog)
        widget = dialog.check
        found[label] = meter.during(
            lambda widget=widget, export=export: widget.add_exports([export]),
            lambda widget=widget: bool(widget.scans()) and not widget.is_busy(),
        )

        def run_check(widget: Any = widget) -> None:
            from PySide6.QtCore import QTimer

            widget.import_service_users(data.names)  # read in the background

            def start() -> None:
                if widget.can_run():
                    widget.start_check()
                else:
                    QTimer.singleShot(TICK_MS, start)

            start()

        found["matching, 1,000 x 25,000 names"] = meter.during(
            run_check, lambda widget=widget: widget.showing_review()
        )
        dialog.close()
    dialog = FriendCheckDialog(AuditSession(load_catalog(), AppState()))
    shown(dialog)
    widget = dialog.check
    found["import, export with 30 MB of friends files"] = meter.during(
        lambda: widget.add_exports([big]),
        lambda: bool(widget.scans()) and not widget.is_busy(),
    )
    dialog.close()
    return found


def child() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    meter = StallMeter()
    found = {"idle": idle(meter)}
    found["probes, the device-locking page"] = probes(meter)
    with tempfile.TemporaryDirectory(prefix="selfaudit-bench-stalls-") as folder:
        found.update(friend_check(meter, Path(folder)))
    app.quit()
    return found


def measure() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="selfaudit-bench-stalls-home-") as home:
        env = no_session_bus(fresh_user_env(Path(home), QT_QPA_PLATFORM="offscreen"))
        found = run_json([PYTHON, __file__, "--child"], env)
    idle_gap = found.pop("idle")
    return [
        Figure(
            f"longest UI-thread stall, {label}",
            worst,
            "ms",
            baseline=idle_gap,
            limit=LIMIT_MS,
        )
        for label, worst in found.items()
    ]


def main() -> None:
    if sys.argv[1:] == ["--child"]:
        print(json.dumps(child()))
        return
    print_table(measure())


if __name__ == "__main__":
    main()
