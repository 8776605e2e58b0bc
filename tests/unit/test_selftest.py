"""`selfaudit self-test`: every check passes in a complete install, and a missing piece is named."""

from __future__ import annotations

import json
import sys

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


def test_names_in_other_alphabets_go_through_the_real_matcher(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["self-test"]) == 0
    out = capsys.readouterr().out
    assert "ok    name matching: an accented name and a Cyrillic one match their Latin" in out
    assert "ok    PDF: a PDF with text" in out


def test_a_bundle_without_anyascii_tables_fails_name_matching(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the bundle built without anyascii's data files said, for the first accented name."""
    import anyascii

    from selfaudit.measures.friends import names

    def missing(package: str, resource: str) -> bytes:
        raise ModuleNotFoundError(f"No module named '{package}'")

    monkeypatch.setattr(anyascii, "_blocks", {})
    monkeypatch.setattr(anyascii, "read_binary", missing)
    names.name_words.cache_clear()
    try:
        with pytest.raises(ModuleNotFoundError, match=r"anyascii\._data"):
            selftest.check_name_matching()
    finally:
        names.name_words.cache_clear()


def test_a_bundle_whose_numpy_cannot_load_fails_name_matching(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a stripped OpenBLAS did: numpy fails to import once names are compared."""
    monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy raises ImportError
    with pytest.raises(ImportError):
        selftest.check_name_matching()


def test_a_matcher_that_finds_the_wrong_people_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "FRIENDS", ("Jose Nunez", "Olivia Smith"))
    with pytest.raises(RuntimeError, match="not the two expected"):
        selftest.check_name_matching()


def test_the_system_keyring_backend_needs_its_modules(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(selftest, "NATIVE_KEYRING_MODULES", ("secretstorage", "no_such_module"))
    assert run(["self-test"]) == 1
    assert "FAIL  keyring: ModuleNotFoundError: No module named 'no_such_module'" in (
        capsys.readouterr().out
    )


def test_the_keyring_check_says_which_keyring_the_app_would_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the test keyring stands in for the system's here
    assert "; the key is kept in " in selftest.check_keyring()
    import keyring.backends.fail

    monkeypatch.setattr("keyring.core._keyring_backend", keyring.backends.fail.Keyring())
    assert selftest.check_keyring().endswith(
        "; no keyring here, so a passphrase is used (This computer has no keyring (a safe place "
        "for secrets) that selfaudit can use)"
    )


def test_a_page_of_advice_is_told_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    advice = (
        "\n\nIMPORTANT: PLEASE READ THIS FOR ADVICE ON HOW TO SOLVE THIS ISSUE!\n\n"
        "Importing the numpy C-extensions failed.\n\n"
        "Original error was: libscipy_openblas64_-32a4b2a6.so: ELF load command "
        "address/offset not page-aligned\n"
    )

    def numpy_fails() -> str:
        raise ImportError(advice)

    monkeypatch.setitem(selftest.CHECKS, "name matching", numpy_fails)
    failed = [r for r in selftest.run_checks() if not r["ok"]]
    assert failed == [
        {
            "check": "name matching",
            "ok": False,
            "detail": "ImportError: Original error was: libscipy_openblas64_-32a4b2a6.so: ELF "
            "load command address/offset not page-aligned",
        }
    ]
