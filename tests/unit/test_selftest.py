"""`selfaudit self-test`: every check passes in a complete install, and a missing piece is named."""

from __future__ import annotations

import json

import pytest

from selfaudit.cli import run, selftest


def test_every_check_passes_here(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["self-test", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert [r["check"] for r in results] == list(selftest.CHECKS)
    assert all(r["ok"] for r in results), results


def test_missing_keyring_metadata_fails_and_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # what a frozen app without keyring's package metadata sees
    monkeypatch.setattr("importlib.metadata.entry_points", lambda **_: [])
    assert run(["self-test"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL  keyring: RuntimeError: keyring lists no {selftest.NATIVE_KEYRING}" in out
    assert "ok    content:" in out  # the other checks still ran


def test_a_slow_fallback_matcher_counts_as_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    from rapidfuzz import fuzz_py

    monkeypatch.setattr("rapidfuzz.fuzz.token_sort_ratio", fuzz_py.token_sort_ratio)
    with pytest.raises(RuntimeError, match="pure-Python"):
        selftest.check_fuzzy_matching()
