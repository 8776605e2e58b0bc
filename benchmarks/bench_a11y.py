#!/usr/bin/env python3
"""With accessibility on, as on a desktop where a screen reader runs: from starting `python -m
selfaudit` to the moment a returning person's dashboard score and "Do this first" can be read
over the accessibility bus, against a bare PySide6 QWizard (bare_wizard.py --stay) whose label
is read the same way, in turns, in one run.

    .venv/bin/python benchmarks/bench_a11y.py [--runs 7]

A real X server (an Xvfb this script starts), a private D-Bus session with an unlocked GNOME
Keyring holding the checklist's key (three audits done: the app opens on the dashboard), the
AT-SPI bus and registry (at-spi2-core), and QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1. A small client
(atspi.py) registers for the events a screen reader listens to, then, from outside the program,
walks its accessible objects breadth first every few milliseconds until the texts are there.
Times are the fastest of their runs, memory the median. The app runs with the hidden
--report-frames, which prints the same first-frame line as --exit-after-show but stays open.

Budgets: the window mapped at most 1.5 times the bare wizard's; the score and "Do this first"
readable at most 2.5 times the bare wizard's label. Needs Xvfb, dbus-run-session,
gnome-keyring-daemon and at-spi2-core; otherwise left out, and said so.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    PYTHON,
    Figure,
    VirtualScreen,
    figures_json,
    fresh_user_env,
    high_water_mark,
    in_keyring_session,
    keyring_tools_missing,
    measure_in_child,
    print_table,
    run_child,
    run_json,
)

HERE = Path(__file__).resolve().parent
RUNS = 7
APP = [PYTHON, "-m", "selfaudit", "--report-frames"]
BARE = [PYTHON, str(HERE / "bare_wizard.py"), "--stay"]
APP_TEXTS = ("Your score:", "Do this first")
BARE_TEXTS = ("Everything stays on this computer",)
WINDOW_BUDGET = 1.5
READABLE_BUDGET = 2.5
ACCESSIBILITY_ON = {"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_QPA_PLATFORM": "xcb"}


def one_run(
    bus: Any, argv: list[str], env: dict[str, str], texts: tuple[str, ...]
) -> dict[str, Any]:
    """Starts the program, reads its first-frame line as it comes, and waits until `texts` can
    be read over the accessibility bus; then ends it."""
    lines: list[tuple[float, str]] = []
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    stdout = proc.stdout

    def read() -> None:
        for line in stdout:
            lines.append((time.perf_counter() - start, line.rstrip("\n")))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        when, found = bus.wait_for(proc.pid, texts, lambda: proc.poll() is None)
        peak = high_water_mark(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(timeout=30)
    first_frame = next((at for at, line in lines if line.startswith("shown: ")), None)
    if first_frame is None:
        raise RuntimeError(f"{' '.join(argv)} never said it was shown: {lines}")
    return {
        "readable": when - start,
        "first_frame": first_frame,
        "walked": found.walked,
        "peak_mb": peak,
        "names": found.names,
    }


def inside(runs: int, folder: Path) -> dict[str, Any]:
    """Inside the keyring session, on the X server: the checklist, then the runs in turns."""
    from atspi import AccessibilityBus

    envs = {name: fresh_user_env(folder / name, **ACCESSIBILITY_ON) for name in ("bare", "app")}
    made = run_child([PYTHON, str(HERE / "returning_user.py"), "audited"], envs["app"], None, True)
    assert made.output == "", made.output
    bus = AccessibilityBus()
    try:
        bus.listen_like_a_screen_reader()
        results: dict[str, list[dict[str, Any]]] = {"bare": [], "app": []}
        for round_number in range(runs + 1):  # the first round warms up
            bare = one_run(bus, BARE, envs["bare"], BARE_TEXTS)
            app = one_run(bus, APP, envs["app"], APP_TEXTS)
            if round_number:
                results["bare"].append(bare)
                results["app"].append(app)
    finally:
        bus.close()
    return {name: summary(found) for name, found in results.items()}


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "readable": min(r["readable"] for r in runs),
        "first_frame": min(r["first_frame"] for r in runs),
        "walked": statistics.median(r["walked"] for r in runs),
        "peak_mb": statistics.median(r["peak_mb"] for r in runs),
        "names": runs[-1]["names"],
    }


def accessibility_bus_missing() -> str:
    """Why the accessibility bus cannot be had here ("" when it can)."""
    service = Path("/usr/share/dbus-1/services/org.a11y.Bus.service")
    if sys.platform != "linux":
        return "the accessibility bus (AT-SPI) is Linux's"
    if not service.exists():
        return "at-spi2-core is not installed (sudo apt-get install at-spi2-core)"
    return ""


def collect(runs: int = RUNS) -> list[Figure]:
    missing = keyring_tools_missing() + ([] if VirtualScreen.available() else ["Xvfb"])
    why = accessibility_bus_missing()
    if missing or why:
        print(
            f"accessibility figures left out: {why or ' and '.join(missing) + ' not on PATH'}",
            file=sys.stderr,
        )
        return []
    with tempfile.TemporaryDirectory(prefix="selfaudit-bench-a11y-") as scratch:
        folder = Path(scratch)
        with VirtualScreen() as screen:
            env = fresh_user_env(folder / "session", DISPLAY=screen.display)
            found = run_json(
                in_keyring_session(
                    [PYTHON, __file__, "--inside", str(folder / "runs"), "--runs", str(runs)]
                ),
                env,
            )
    app, bare = found["app"], found["bare"]
    walked = (
        f"the client walked {app['walked']:.0f} accessible objects to find them "
        f"(the bare wizard's label: {bare['walked']:.0f}); read: {app['names']}"
    )
    return [
        Figure(
            "accessibility on, returning user: window mapped",
            app["first_frame"],
            "s",
            baseline=bare["first_frame"],
            max_ratio=WINDOW_BUDGET,
        ),
        Figure(
            'accessibility on, returning user: score and "Do this first" readable',
            app["readable"],
            "s",
            baseline=bare["readable"],
            max_ratio=READABLE_BUDGET,
            note=walked,
        ),
        Figure(
            "accessibility on, returning user: peak memory until readable",
            app["peak_mb"],
            "MB",
            baseline=bare["peak_mb"],
            note="for reference",
        ),
    ]


def measure(runs: int = RUNS) -> list[Figure]:
    return measure_in_child(__file__, "--runs", str(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--inside", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--figures-json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside is not None:  # the part run inside the keyring session
        print(json.dumps(inside(args.runs, args.inside)))
    elif args.figures_json:
        print(figures_json(collect(args.runs)))
    else:
        print_table(collect(args.runs))


if __name__ == "__main__":
    main()
