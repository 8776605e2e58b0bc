#!/usr/bin/env python3
"""Runs every benchmark and prints one table: each figure, its budget, and its ratio to a
baseline measured in the same run.

    python3 scripts/dev.py bench [NAME ...]           (sets up .venv first)
    .venv/bin/python benchmarks/run.py [NAME ...]     (NAME: e.g. startup, friends)

Each benchmarks/bench_NAME.py has `measure() -> list[Figure]` and can also run on its own.
Not part of the test suite: figures depend on the machine; budgets are ratios for that reason.
"""

from __future__ import annotations

import importlib
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Figure, print_table  # noqa: E402


def main(names: list[str]) -> int:
    try:
        import selfaudit  # noqa: F401
    except ImportError:
        print("selfaudit is not installed for this Python: run `python3 scripts/dev.py bench`")
        return 2
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if names:
        modules = [m for m in modules if m.removeprefix("bench_") in names]
    figures: list[Figure] = []
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {platform.platform()}")
    for name in modules:
        print(f"running {name} …", file=sys.stderr, flush=True)
        figures.extend(importlib.import_module(name).measure())
    print_table(figures)
    return 1 if any(f.ok is False for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
