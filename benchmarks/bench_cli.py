#!/usr/bin/env python3
"""Command-line start-up: `selfaudit --version` and `selfaudit status`, wall time from starting
the process to its exit (the fastest of interleaved runs), against a bare `python -c pass` started
the same way. Budget: under 0.3 s each, and 0.15 s for `status` with a checklist in the keyring
(the command a login reminder and scripts run most). Plain commands must not import Qt: each is
also run under `python -X importtime` and the Qt modules it imported are counted (budget: none).

    .venv/bin/python benchmarks/bench_cli.py [--runs 9]

`status` is timed for a new user (no checklist yet) and for a returning user whose checklist
(three audits, a plan under way) is unlocked with its key from GNOME Keyring, in a private D-Bus
session (needs dbus-run-session and gnome-keyring-daemon; otherwise left out).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    PYTHON,
    Figure,
    fresh_user_env,
    in_keyring_session,
    keyring_tools_missing,
    no_session_bus,
    print_table,
    run_child,
    run_json,
)

HERE = Path(__file__).resolve().parent
RUNS = 9
LIMIT = 0.3  # seconds
STATUS_LIMIT = 0.15  # seconds: `status` of a returning user
BARE = [PYTHON, "-c", "pass"]
QT_MODULES = ("PySide6", "shiboken6")


def selfaudit(*args: str) -> list[str]:
    return [PYTHON, "-m", "selfaudit", *args]


def timed(runs: int, commands: dict[str, tuple[list[str], dict[str, str]]]) -> dict[str, float]:
    """The fastest time of each command, run in turns after a warm-up round (other programs on
    a shared machine only ever add time, unevenly)."""
    spent: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(runs + 1):
        for name, (argv, env) in commands.items():
            seconds = run_child(argv, env, replace_env=True).seconds
            if round_number:
                spent[name].append(seconds)
    return {name: min(found) for name, found in spent.items()}


def qt_modules_imported(argv: list[str], env: dict[str, str]) -> int:
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    modules = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    return sum(1 for module in modules if module.split(".")[0] in QT_MODULES)


def returning_user(runs: int, folder: Path) -> dict[str, float]:
    """Inside the keyring session: make the checklist, then time `status` on it."""
    env = fresh_user_env(folder)
    run_child([PYTHON, str(HERE / "returning_user.py"), "audited"], env, replace_env=True)
    found = timed(runs, {"bare": (BARE, env), "status": (selfaudit("status"), env)})
    return {**found, "qt": qt_modules_imported(selfaudit("status"), env)}


def figure(name: str, seconds: float, bare: float, limit: float = LIMIT) -> Figure:
    return Figure(name, seconds, "s", baseline=bare, limit=limit)


def measure(runs: int = RUNS) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="selfaudit-bench-cli-") as scratch:
        folder = Path(scratch)
        env = no_session_bus(fresh_user_env(folder / "new"))
        commands = {
            "bare": (BARE, env),
            "version": (selfaudit("--version"), env),
            "status": (selfaudit("status"), env),
        }
        found = timed(runs, commands)
        figures.append(figure("selfaudit --version", found["version"], found["bare"]))
        figures.append(figure("selfaudit status, no checklist yet", found["status"], found["bare"]))
        qt = sum(
            qt_modules_imported(argv, env) for name, (argv, _) in commands.items() if name != "bare"
        )
        missing = keyring_tools_missing()
        if missing:
            print(f"status of a returning user left out: {' and '.join(missing)} not on PATH")
        else:
            keyring = run_json(
                in_keyring_session(
                    [
                        PYTHON,
                        __file__,
                        "--returning-user",
                        str(folder / "back"),
                        "--runs",
                        str(runs),
                    ]
                ),
                fresh_user_env(folder / "keyring"),
            )
            figures.append(
                figure(
                    "selfaudit status, checklist in keyring",
                    keyring["status"],
                    keyring["bare"],
                    STATUS_LIMIT,
                )
            )
            qt += int(keyring["qt"])
        figures.append(
            Figure(
                "Qt modules imported by these commands",
                qt,
                "modules",
                limit=0,
                note="counted with python -X importtime",
            )
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--returning-user", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.returning_user is not None:  # the part run inside the keyring session
        print(json.dumps(returning_user(args.runs, args.returning_user)))
        return
    print_table(measure(args.runs))


if __name__ == "__main__":
    main()
