"""How lock times combine, running real commands with a time limit, and the runner that turns
crashes and hangs into "unknown"."""

from __future__ import annotations

import sys
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfaudit.probes import PROBE_IDS, computer_probes, run_probe, run_probes
from selfaudit.probes.commands import run_command
from selfaudit.probes.probe import (
    NEVER,
    ProbeResult,
    ProbeStatus,
    ReadError,
    describe_duration,
    earliest_lock,
    worst_lock,
)

lock_times = st.one_of(st.none(), st.just(NEVER), st.integers(min_value=1, max_value=10_000))


@settings(max_examples=200)
@given(ways=st.lists(lock_times, min_size=1, max_size=4), limit=st.integers(1, 7200))
def test_earliest_lock_never_claims_more_than_it_saw(ways: list[object], limit: int) -> None:
    result = earliest_lock(ways, limit)  # type: ignore[arg-type]
    seen = [w for w in ways if isinstance(w, int)]
    if isinstance(result, int):
        assert result == min(seen)
        if None in ways:
            assert result <= limit, "an unseen way could come first: only a lock in time counts"
    elif result == NEVER:
        assert None not in ways and not seen
    else:
        assert None in ways


@given(times=st.lists(lock_times, min_size=1, max_size=3))
def test_worst_lock_is_the_latest_power_source(times: list[object]) -> None:
    result = worst_lock(times)  # type: ignore[arg-type]
    if NEVER in times:
        assert result == NEVER
    elif None in times:
        assert result is None
    else:
        assert result == max(times)  # type: ignore[type-var]


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (59, "59 seconds"),
        (60, "1 minute"),
        (305, "5 minutes 5 seconds"),
        (5400, "1 hour 30 minutes"),
        (7200, "2 hours"),
    ],
)
def test_describe_duration(seconds: int, words: str) -> None:
    assert describe_duration(seconds) == words


def test_a_hanging_command_is_stopped() -> None:
    started = time.monotonic()
    with pytest.raises(ReadError, match=r"took longer than 0\.3 seconds"):
        run_command([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.3)
    assert time.monotonic() - started < 5


def test_a_missing_command_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="is not installed"):
        run_command(["selfaudit-no-such-tool-anywhere"])


def test_commands_run_in_the_c_locale() -> None:
    out = run_command([sys.executable, "-c", "import os; print(os.environ['LC_ALL'])"])
    assert out.returncode == 0 and out.stdout.strip() == "C"


class SlowProbe:
    id = "screen_lock"
    system = "gnome"

    def __init__(self) -> None:
        self.release = threading.Event()

    def run(self) -> ProbeResult:
        self.release.wait(10)
        return ProbeResult(self.id, ProbeStatus.PASS, "too late", self.system)


class BrokenProbe:
    id = "disk_encryption"
    system = "linux"

    def run(self) -> ProbeResult:
        raise ValueError("a bug")


class MislabelledProbe:
    id = "disk_encryption"
    system = "linux"

    def run(self) -> ProbeResult:
        return ProbeResult("screen_lock", ProbeStatus.PASS, "wrong probe", "linux")


def test_a_hanging_probe_is_unknown_not_a_pass() -> None:
    slow = SlowProbe()
    started = time.monotonic()
    result = run_probe(slow, timeout=0.2)
    slow.release.set()
    assert time.monotonic() - started < 2
    assert result.status is ProbeStatus.UNKNOWN
    assert result.system == "gnome", "the person still gets their desktop's steps"
    assert "too long" in result.detail


def test_a_crashing_or_mislabelled_probe_is_unknown() -> None:
    broken, mislabelled = run_probes([BrokenProbe(), MislabelledProbe()])
    assert broken.status is ProbeStatus.UNKNOWN
    assert "ValueError" in str(broken.evidence["problem"])
    assert mislabelled.status is ProbeStatus.UNKNOWN
    assert mislabelled.probe == "disk_encryption"


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_every_os_has_every_probe(platform: str) -> None:
    assert [p.id for p in computer_probes(10, platform=platform)] == list(PROBE_IDS)


def test_an_unknown_os_has_no_probes() -> None:
    assert computer_probes(10, platform="sunos5") == []
