#!/usr/bin/env python3
"""Cold start: from starting `python -m selfaudit` to the first frame of its window, and its
peak memory, against a bare PySide6 QWizard (bare_wizard.py) started and timed the same way.

    .venv/bin/python benchmarks/bench_startup.py [--runs 9]

Both report their first frame through the hidden --exit-after-show (ui/first_frame.py): the
line `shown: <title>: <page>` printed once the window's first paint is done, then they quit.
Runs are interleaved (bare, app, bare, app ...), each with its own home and XDG folders; a time
is the fastest of its runs (other programs on a shared machine only ever add time, unevenly),
a peak memory the median. Scenarios:

- first run: a fresh data folder and no D-Bus session, so no keyring: the wizard's welcome
  page with "Choose a passphrase" over it (the time that dialog is drawn is reported too);
- returning user: a checklist whose key is in GNOME Keyring (a private D-Bus session with an
  unlocked gnome-keyring-daemon, as the real-keyring tests use); half of a first audit
  answered, so the app opens on the welcome page; and one with three audits done, which opens
  on the dashboard. Needs dbus-run-session and gnome-keyring-daemon; otherwise left out (a
  checklist locked with a passphrase cannot be opened without someone typing it);
- each of those offscreen (QT_QPA_PLATFORM=offscreen) and in a real X11 window on an Xvfb
  server this script starts (only when `Xvfb` is on PATH; otherwise left out, and said so).

A returning person's window is up before their checklist is open: the first frame is that
window's; the time the checklist is on screen (the line `settled: ...` once the window shows it
and is drawn) is given too, for reference. bench_a11y.py times the same with accessibility on.

Budgets: the first frame at most 1.5 times the bare wizard's, peak memory until start-up has
settled at most 1.5 times.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    PYTHON,
    ChildRun,
    Figure,
    VirtualScreen,
    figures_json,
    fresh_user_env,
    in_keyring_session,
    keyring_tools_missing,
    measure_in_child,
    no_session_bus,
    print_table,
    run_child,
    run_json,
)

HERE = Path(__file__).resolve().parent
RUNS = 9
APP = [PYTHON, "-m", "selfaudit", "--exit-after-show"]
BARE = [PYTHON, str(HERE / "bare_wizard.py")]
SHOWN = "shown: "
WELCOME = "Check how well you protect yourself online"
START_BUDGET = 1.5
MEMORY_BUDGET = 1.5
SETTLED = "settled: "


def interleaved(
    runs: int, commands: dict[str, tuple[list[str], dict[str, str]]]
) -> dict[str, list[ChildRun]]:
    """Runs each command `runs` times, taking turns, after one run of each to warm up (Python
    compiles its bytecode, the system caches the files)."""
    results: dict[str, list[ChildRun]] = {name: [] for name in commands}
    for round_number in range(runs + 1):
        for name, (argv, env) in commands.items():
            run = run_child(argv, env, until=SHOWN, replace_env=True)
            if round_number:
                results[name].append(run)
    return results


def first_run_env(folder: Path, platform: dict[str, str]) -> dict[str, str]:
    return no_session_bus(fresh_user_env(folder, **platform))


def first_runs(runs: int, platform: dict[str, str], folder: Path) -> dict[str, list[ChildRun]]:
    """Each run on a computer where selfaudit never ran: a new home each time."""
    results: dict[str, list[ChildRun]] = {"bare": [], "app": []}
    for number in range(runs + 1):
        bare = run_child(BARE, first_run_env(folder / f"bare{number}", platform), SHOWN, True)
        app = run_child(APP, first_run_env(folder / f"app{number}", platform), SHOWN, True)
        if number:  # the first round warms up
            results["bare"].append(bare)
            results["app"].append(app)
    return results


def summary(runs: list[ChildRun]) -> dict[str, object]:
    """Times are the fastest run: on a shared machine other programs only ever add time, and
    they do it unevenly; memory is the median."""
    second = [r.lines[1][0] for r in runs if len(r.lines) > 1]
    settled = [when for when in (r.time_of(SETTLED) for r in runs) if when is not None]
    return {
        "settled_seconds": min(settled) if settled else None,
        "seconds": min(r.seconds for r in runs),
        "peak_mb": statistics.median(r.peak_rss_mb for r in runs),
        "first_frame_mb": statistics.median(r.peak_at_mark_mb for r in runs),
        "second_line_seconds": min(second) if second else None,
        "output": runs[-1].output,
    }


def returning_users(runs: int, folder: Path) -> dict[str, dict[str, object]]:
    """Inside the keyring session: make the checklists, then time bare and app in turn."""
    commands: dict[str, tuple[list[str], dict[str, str]]] = {}
    homes = {"bare": None, "in-progress": "in-progress", "audited": "audited"}
    for name, kind in homes.items():
        env = fresh_user_env(folder / name)
        if kind is not None:
            made = run_child([PYTHON, str(HERE / "returning_user.py"), kind], env, None, True)
            assert made.output == "", made.output
        commands[name] = (BARE if kind is None else APP, env)
    return {name: summary(found) for name, found in interleaved(runs, commands).items()}


def expect(output: str, *wanted: str) -> None:
    for text in wanted:
        if text not in output:
            raise RuntimeError(f"expected {text!r} in the app's output, got {output!r}")


def platform_figures(label: str, platform: dict[str, str], runs: int, folder: Path) -> list[Figure]:
    figures: list[Figure] = []
    first = {name: summary(found) for name, found in first_runs(runs, platform, folder).items()}
    expect(str(first["app"]["output"]), f"{SHOWN}Online Safety Self-Audit: {WELCOME}")
    expect(str(first["app"]["output"]), f"{SHOWN}Choose a passphrase")
    figures += pair(f"first run, {label}", first["app"], first["bare"])
    dialog = first["app"]["second_line_seconds"]
    if isinstance(dialog, float):
        figures.append(
            Figure(
                f"first run, {label}: passphrase dialog drawn",
                dialog,
                "s",
                baseline=float(first["bare"]["seconds"]),  # type: ignore[arg-type]
                note="the dialog is drawn over the welcome page (no budget; for reference)",
            )
        )
    missing = keyring_tools_missing()
    if missing:
        print(f"returning user left out: {' and '.join(missing)} not on PATH", file=sys.stderr)
        return figures
    env = fresh_user_env(folder / "keyring", **platform)
    found = run_json(
        in_keyring_session(
            [PYTHON, __file__, "--returning-users", str(folder / "returning"), "--runs", str(runs)]
        ),
        env,
    )
    expect(str(found["in-progress"]["output"]), f"{SETTLED}Online Safety Self-Audit: {WELCOME}")
    expect(str(found["audited"]["output"]), f"{SETTLED}Online Safety Self-Audit: dashboard")
    for name, kind in (("returning user", "in-progress"), ("returning user, dashboard", "audited")):
        figures += pair(f"{name}, {label}", found[kind], found["bare"])
        figures.append(
            Figure(
                f"{name}, {label}: checklist on screen",
                float(found[kind]["settled_seconds"]),
                "s",
                baseline=float(found["bare"]["seconds"]),
                note="the window showing the opened checklist, drawn (for reference; with "
                "accessibility on, bench_a11y.py has a budget for it)",
            )
        )
    return figures


def pair(name: str, app: dict[str, object], bare: dict[str, object]) -> list[Figure]:
    return [
        Figure(
            f"start-up, {name}",
            float(app["seconds"]),  # type: ignore[arg-type]
            "s",
            baseline=float(bare["seconds"]),  # type: ignore[arg-type]
            max_ratio=START_BUDGET,
        ),
        Figure(
            f"peak memory, {name}",
            float(app["peak_mb"]),  # type: ignore[arg-type]
            "MB",
            baseline=float(bare["peak_mb"]),  # type: ignore[arg-type]
            max_ratio=MEMORY_BUDGET,
            note="until start-up has settled (window built on the checklist, or the first-run "
            "dialog shown); the bare wizard quits at its first frame",
        ),
        Figure(
            f"peak memory at the first frame, {name}",
            float(app["first_frame_mb"]),  # type: ignore[arg-type]
            "MB",
            baseline=float(bare["first_frame_mb"]),  # type: ignore[arg-type]
            note="for reference",
        ),
    ]


def measure(runs: int = RUNS) -> list[Figure]:
    return measure_in_child(__file__, "--runs", str(runs))


def collect(runs: int = RUNS) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="selfaudit-bench-startup-") as scratch:
        folder = Path(scratch)
        offscreen = {"QT_QPA_PLATFORM": "offscreen"}
        figures += platform_figures("offscreen", offscreen, runs, folder / "offscreen")
        if not VirtualScreen.available():
            print("real window (X11) left out: Xvfb is not on PATH", file=sys.stderr)
            return figures
        with VirtualScreen() as screen:
            x11 = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": screen.display}
            figures += platform_figures("X11 window", x11, runs, folder / "x11")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--returning-users", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--figures-json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.returning_users is not None:  # the part run inside the keyring session
        print(json.dumps(returning_users(args.runs, args.returning_users)))
    elif args.figures_json:
        print(figures_json(collect(args.runs)))
    else:
        print_table(collect(args.runs))


if __name__ == "__main__":
    main()
