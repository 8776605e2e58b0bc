"""What every benchmark shares: a figure with its budget, timing of child processes, the table."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

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


def number(value: float) -> str:
    """Three significant figures, without exponents."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def print_table(figures: Sequence[Figure], out: Callable[[str], None] = print) -> None:
    rows = [("benchmark", "figure", "baseline", "ratio", "budget", "met")]
    for f in figures:
        baseline = "-" if f.baseline is None else f"{number(f.baseline)} {f.unit}"
        ratio = "-" if f.ratio is None else f"{f.ratio:.2f}×"
        met = {True: "yes", False: "NO", None: "-"}[f.ok]
        rows.append((f.name, f"{number(f.value)} {f.unit}", baseline, ratio, f.budget_text(), met))
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
    lines: tuple[tuple[float, str], ...] = ()  # each line printed, with when (from spawn)
    peak_at_mark_mb: float = 0.0  # peak resident memory when `until` was printed

    def time_of(self, text: str) -> float | None:
        """When the first line containing `text` was printed."""
        return next((when for when, line in self.lines if text in line), None)


def run_child(
    argv: Sequence[str],
    env: dict[str, str] | None = None,
    until: str | None = None,
    replace_env: bool = False,
) -> ChildRun:
    """Runs a program and measures wall time until it prints `until` (or exits), and its peak
    resident memory (from the kernel's accounting of the child, via wait4). `env` is added to
    this process's environment, or replaces it with `replace_env`."""
    merged = dict(env or {}) if replace_env else dict(os.environ, **(env or {}))
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=merged
    )
    assert proc.stdout is not None and proc.stderr is not None
    lines: list[tuple[float, str]] = []
    marked: float | None = None
    peak_at_mark = 0.0
    for line in proc.stdout:
        now = time.perf_counter() - start
        lines.append((now, line.rstrip("\n")))
        if until is not None and marked is None and until in line:
            marked = now
            peak_at_mark = high_water_mark(proc.pid)
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    ended = time.perf_counter() - start
    output = "\n".join(line for _, line in lines)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {proc.returncode}: {output}{errors}")
    if until is not None and marked is None:
        raise RuntimeError(f"{' '.join(argv)} never printed {until!r}: {output}{errors}")
    # ru_maxrss is in KiB on Linux
    return ChildRun(
        marked if marked is not None else ended,
        usage.ru_maxrss / 1024,
        output,
        tuple(lines),
        peak_at_mark,
    )


def high_water_mark(pid: int) -> float:
    """A running process's peak resident memory so far, in MB (Linux; 0 elsewhere)."""
    try:
        with Path(f"/proc/{pid}/status").open() as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def median_run(
    runs: int, argv: Sequence[str], env: dict[str, str] | None = None, until: str | None = None
) -> ChildRun:
    results = [run_child(argv, env, until) for _ in range(runs)]
    return median_of_runs(results)


def median_of_runs(results: Sequence[ChildRun]) -> ChildRun:
    seconds = statistics.median(r.seconds for r in results)
    peak = statistics.median(r.peak_rss_mb for r in results)
    at_mark = statistics.median(r.peak_at_mark_mb for r in results)
    return ChildRun(seconds, peak, results[-1].output, results[-1].lines, at_mark)


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work`: the figure least disturbed by the machine."""
    return min(timings(runs, work))


def median_of(runs: int, work: Callable[[], object]) -> float:
    """The median of `runs` timings of `work`, in seconds."""
    return statistics.median(timings(runs, work))


def side_by_side(
    runs: int, *works: Callable[[], object], before: Callable[[], object] | None = None
) -> list[float]:
    """The median time of each of `works`, run in turns (a, b, a, b ...): a figure and its
    baseline see the same moments of a shared, busy machine. `before`, if given, runs untimed
    before each turn (a worker process started ahead and waited for, as the app has one)."""
    spent: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        if before is not None:
            before()
        for times, work in zip(spent, works, strict=True):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in spent]


def timings(runs: int, work: Callable[[], object]) -> list[float]:
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        spent.append(time.perf_counter() - start)
    return spent


def fresh_user_env(folder: Path, **extra: str) -> dict[str, str]:
    """A child environment as on a computer where selfaudit never ran: its own home and XDG
    folders under `folder`, and Python free to keep its compiled bytecode (as an installed
    program does; the first run of a benchmark compiles it)."""
    home = folder / "home"
    for sub in ("data", "config", "cache", "state", "runtime"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONDONTWRITEBYTECODE", "PYTHON_KEYRING_BACKEND"}
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        XDG_CONFIG_DIRS=str(folder / "etc"),
    )
    env.update(extra)
    return env


def no_session_bus(env: dict[str, str]) -> dict[str, str]:
    """Without a D-Bus session there is no keyring (nor anything else on the bus)."""
    return {**env, "DBUS_SESSION_BUS_ADDRESS": "disabled:"}


KEYRING_TOOLS = ("dbus-run-session", "gnome-keyring-daemon")


def keyring_tools_missing() -> list[str]:
    return [tool for tool in KEYRING_TOOLS if shutil.which(tool) is None]


def in_keyring_session(argv: Sequence[str]) -> list[str]:
    """`argv` run inside a private D-Bus session with an unlocked GNOME Keyring (as
    scripts/dev.py runs the real-keyring tests): a returning user's key can be found without
    anyone typing. The keyring's files go to the HOME of the environment it is started with."""
    script = (
        "printf selfaudit-bench | gnome-keyring-daemon --unlock --components=secrets "
        '>/dev/null 2>&1; exec "$@"'
    )
    return ["dbus-run-session", "--", "sh", "-c", script, "sh", *argv]


def run_json(argv: Sequence[str], env: dict[str, str]) -> Any:
    """Runs a helper that prints its result as JSON on its last line."""
    done = subprocess.run(
        list(argv), env=env, capture_output=True, text=True, check=False, timeout=1800
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {done.returncode}:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def figures_json(figures: Sequence[Figure]) -> str:
    return json.dumps([asdict(f) for f in figures])


def measure_in_child(script: str | Path, *args: str) -> list[Figure]:
    """Runs `script --figures-json ARGS` (its figures as JSON) in a fresh Python. Peak memory
    must be measured from a small parent: a child inherits its parent's peak as its own (Linux
    carries the high-water mark of the memory it replaces across exec), and the runner has
    grown large by then."""
    found = run_json([PYTHON, str(script), "--figures-json", *args], dict(os.environ))
    return [Figure(**fields) for fields in found]


class VirtualScreen:
    """An Xvfb server of our own for the length of a `with` block, so a benchmark can open real
    (X11) windows on a machine without a screen. `display` is ":N"."""

    def __init__(self, size: str = "1366x768x24") -> None:
        self.size = size
        self.display = ""
        self._proc: subprocess.Popen[bytes] | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("Xvfb") is not None

    def __enter__(self) -> VirtualScreen:
        read, write = os.pipe()
        self._proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", self.size, "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            self._proc.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        return self

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(timeout=10)
