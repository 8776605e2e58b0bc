"""Runs probes with a time limit. Whatever goes wrong (a crash, a hang) becomes "unknown": a probe
that did not finish has not seen anything, so it can never pass."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from selfaudit.probes.probe import Probe, ProbeResult, unknown

PROBE_TIMEOUT = 20.0  # seconds for one probe, all its commands together


def _settle(probe: Probe, future: Future[ProbeResult], timeout: float) -> ProbeResult:
    try:
        result = future.result(timeout=timeout)
    except FutureTimeout:
        return unknown(
            probe.id,
            probe.system,
            "Checking took too long, so we stopped.",
            {"problem": f"no answer within {timeout:g} seconds"},
        )
    except Exception as exc:  # a probe bug must never look like a pass, nor stop the app
        return unknown(
            probe.id,
            probe.system,
            "Something went wrong while checking.",
            {"problem": f"{exc.__class__.__name__}: {exc}"[:400]},
        )
    if result.probe != probe.id:
        return unknown(probe.id, probe.system, "Something went wrong while checking.", {})
    return result


def run_probes(probes: Sequence[Probe], timeout: float = PROBE_TIMEOUT) -> list[ProbeResult]:
    """Runs the probes side by side; results come back in the order given."""
    if not probes:
        return []
    # not a `with` block: its exit would wait for a hung probe, which is what the limit prevents
    pool = ThreadPoolExecutor(max_workers=len(probes), thread_name_prefix="probe")
    try:
        futures = [pool.submit(probe.run) for probe in probes]
        return [_settle(p, f, timeout) for p, f in zip(probes, futures, strict=True)]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def run_probe(probe: Probe, timeout: float = PROBE_TIMEOUT) -> ProbeResult:
    return run_probes([probe], timeout)[0]
