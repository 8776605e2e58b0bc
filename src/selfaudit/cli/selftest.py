"""`selfaudit self-test`: checks that this copy of selfaudit is complete.

A bundled app (packaging/) carries only the modules PyInstaller found; libraries that choose a
module by name at run time (keyring's backends through entry points, rapidfuzz's compiled matchers)
fail only when first used. This command uses each of them once, so the packaging smoke test, or IT
on a deployed machine, finds a gap before a user does. It writes nothing and touches no keyring.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

# the keyring backend each OS's users have; the bundle must carry it
NATIVE_KEYRING = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, "SecretService")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "self-test", help="check that this installation has everything it needs"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=handle)


def check_content() -> str:
    from selfaudit.content import load_catalog
    from selfaudit.paths import resources_dir

    catalog = load_catalog()
    return f"{len(catalog.checks)} checks from {resources_dir()}"


def check_keyring() -> str:
    from importlib.metadata import entry_points

    backends = {entry.name: entry for entry in entry_points(group="keyring.backends")}
    if NATIVE_KEYRING not in backends:
        raise RuntimeError(
            f"keyring lists no {NATIVE_KEYRING} backend (found: {', '.join(backends) or 'none'}); "
            "its package metadata is missing"
        )
    for entry in backends.values():
        entry.load()
    return f"backends {', '.join(sorted(backends))}"


def check_password_strength() -> str:
    from zxcvbn import zxcvbn

    score = zxcvbn("correct horse battery staple")["score"]
    return f"zxcvbn scores a test phrase {score} of 4"


def check_fuzzy_matching() -> str:
    from rapidfuzz import fuzz

    implementation = fuzz.token_sort_ratio.__module__
    if implementation.endswith("_py"):
        raise RuntimeError("rapidfuzz fell back to its slow pure-Python matcher")
    score = fuzz.token_sort_ratio("Jane Smith", "smith jane", processor=str.lower)
    return f"{implementation} matches reordered names at {score:.0f}%"


def check_encryption() -> str:
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, b"self-test", None)
    if AESGCM(key).decrypt(nonce, sealed, None) != b"self-test":
        raise RuntimeError("AES-GCM did not give back what it encrypted")
    return "AES-GCM round trip"


def check_folders() -> str:
    from selfaudit.paths import AppPaths

    paths = AppPaths.for_user()
    return f"data in {paths.data_dir}"


CHECKS: dict[str, Callable[[], str]] = {
    "content": check_content,
    "keyring": check_keyring,
    "password strength": check_password_strength,
    "fuzzy matching": check_fuzzy_matching,
    "encryption": check_encryption,
    "folders": check_folders,
}


def run_checks() -> list[dict[str, str | bool]]:
    results: list[dict[str, str | bool]] = []
    for name, check in CHECKS.items():
        try:
            results.append({"check": name, "ok": True, "detail": check()})
        except Exception as exc:  # every failure is reported, none stops the others
            results.append({"check": name, "ok": False, "detail": f"{type(exc).__name__}: {exc}"})
    return results


def handle(args: argparse.Namespace) -> int:
    results = run_checks()
    if args.json:
        print(json.dumps({"results": results}, indent=2, ensure_ascii=False))
    else:
        for result in results:
            print(f"{'ok  ' if result['ok'] else 'FAIL'}  {result['check']}: {result['detail']}")
    return 0 if all(result["ok"] for result in results) else 1
