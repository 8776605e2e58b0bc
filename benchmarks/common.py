"""What every benchmark shares: a figure with its budget, timing of child processes, the table."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass(frozen=True)
class Figure:
    """One measured figure. `baseline` is measured in the same run (e.g. a bare QWizard, bare
    rapidfuzz cdist) and `max_ratio` is the budget as a ratio to it; or `limit` is an absolute
    budget in the figure's own unit."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    max_ratio: float | None = None
    limit: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def ok(self) -> bool | None:
        if self.max_ratio is not None and self.ratio is not None:
            return self.ratio <= self.max_ratio
        if self.limit is not None:
            return self.value <= self.limit
        return None

    def budget_text(self) -> str:
        if self.max_ratio is not None:
            return f"≤ {self.max_ratio:g}× baseline"
        if self.limit is not None:
            return f"≤ {self.limit:g} {self.unit}"
        return "-"


def print_table(figures: Sequence[Figure], out: Callable[[str], None] = print) -> None:
    rows = [("benchmark", "figure", "baseline", "ratio", "budget", "met")]
    for f in figures:
        baseline = "-" if f.baseline is None else f"{f.baseline:.3g} {f.unit}"
        ratio = "-" if f.ratio is None else f"{f.ratio:.2f}×"
        met = {True: "yes", False: "NO", None: "-"}[f.ok]
        rows.append((f.name, f"{f.value:.3g} {f.unit}", baseline, ratio, f.budget_text(), met))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        out("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            out("  ".join("-" * width for width in widths))
    for f in figures:
        if f.note:
            out(f"  * {f.name}: {f.note}")


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # from spawn to the line that marks the end (or to exit)
    peak_rss_mb: float
    output: str


def run_child(
    argv: Sequence[str], env: dict[str, str] | None = None, until: str | None = None
) -> ChildRun:
    """Runs a program and measures wall time until it prints `until` (or exits), and its peak
    resident memory (from the kernel's accounting of the child, via wait4)."""
    merged = dict(os.environ, **(env or {}))
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=merged
    )
    assert proc.stdout is not None
    lines = []
    marked: float | None = None
    for line in proc.stdout:
        lines.append(line)
        if until is not None and marked is None and until in line:
            marked = time.perf_counter() - start
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    ended = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {proc.returncode}: {''.join(lines)}")
    if until is not None and marked is None:
        raise RuntimeError(f"{' '.join(argv)} never printed {until!r}: {''.join(lines)}")
    # ru_maxrss is in KiB on Linux
    return ChildRun(marked if marked is not None else ended, usage.ru_maxrss / 1024, "".join(lines))


def median_run(
    runs: int, argv: Sequence[str], env: dict[str, str] | None = None, until: str | None = None
) -> ChildRun:
    results = [run_child(argv, env, until) for _ in range(runs)]
    seconds = statistics.median(r.seconds for r in results)
    peak = statistics.median(r.peak_rss_mb for r in results)
    return ChildRun(seconds, peak, results[-1].output)


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work`: the figure least disturbed by the machine."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)
