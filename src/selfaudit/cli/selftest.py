"""`selfaudit self-test`: checks that this copy of selfaudit is complete.

A bundled app (packaging/) carries only the modules and files PyInstaller found, and what a build
step changed. Libraries that choose a module by name at run time (keyring's backends through entry
points, rapidfuzz's compiled matchers), read data files (anyascii's tables, for the first accented
name) or load vendored libraries (numpy's OpenBLAS, once names are compared) fail only when first
used. So each check does what a person's first use does: names in other alphabets through the
friend check's own matcher, a PDF page drawn by Qt, the keyring the app would pick. The packaging
smoke test runs it, and IT can on a deployed machine. It writes nothing and reads or stores no
secret (it only asks which keyring is there).
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
    from selfaudit.content.situations import load_situations
    from selfaudit.paths import resources_dir

    catalog = load_catalog()
    situations = load_situations()  # "Something has happened": needed at once, when it is
    return (
        f"{len(catalog.checks)} checks and {len(situations.situation)} situations from "
        f"{resources_dir()}"
    )


# the modules the system's keyring backend needs, which keyring imports quietly (a missing one
# only makes the backend say it cannot work, as if the computer had no keyring)
NATIVE_KEYRING_MODULES = {
    "win32": ("win32ctypes.pywin32.win32cred",),
    "darwin": ("keyring.backends.macOS.api",),
}.get(sys.platform, ("secretstorage", "jeepney"))


def check_keyring() -> str:
    import importlib
    from importlib.metadata import entry_points

    from selfaudit.vault.keystore import choose_keyring, describe_backend

    backends = {entry.name: entry for entry in entry_points(group="keyring.backends")}
    if NATIVE_KEYRING not in backends:
        raise RuntimeError(
            f"keyring lists no {NATIVE_KEYRING} backend (found: {', '.join(backends) or 'none'}); "
            "its package metadata is missing"
        )
    for entry in backends.values():
        entry.load()
    for module in NATIVE_KEYRING_MODULES:
        importlib.import_module(module)
    choice = choose_keyring()  # what the app does at start: no secret is read or stored
    if choice.usable:
        in_use = f"the key is kept in {describe_backend(choice.backend)}"
    else:
        in_use = f"no keyring here, so a passphrase is used ({choice.refusal.rstrip('.')})"
    return f"backends {', '.join(sorted(backends))}; {in_use}"


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


# An accented name and one in another alphabet, as a person types them, against their plain
# Latin spellings in a friends list: the first needs anyascii's tables, the second the fuzzy
# comparison (rapidfuzz's cdist on numpy), and "Olivia Smith" must stay apart from "Olivia Brown".
SERVICE_USERS = "José Núñez\nДмитрий Иванов\nOlivia Brown\n"
FRIENDS = ("Jose Nunez", "Dmitry Ivanov", "Olivia Smith")
EXPECTED_MATCHES = {("José Núñez", "Jose Nunez"), ("Дмитрий Иванов", "Dmitry Ivanov")}


def check_name_matching() -> str:
    from selfaudit.measures.friends.matcher import find_matches
    from selfaudit.measures.friends.model import Connection, Relation
    from selfaudit.measures.friends.service_users import parse_service_users

    friends = [Connection("other", frozenset({Relation.FRIEND}), name=name) for name in FRIENDS]
    matches = find_matches(parse_service_users(SERVICE_USERS), friends)
    found = {(match.service_user.name, match.connection.name) for match in matches}
    if found != EXPECTED_MATCHES:
        said = ", ".join(sorted(f"{user!a} = {friend!a}" for user, friend in found)) or "none"
        raise RuntimeError(f"the matcher found {said}, not the two expected")
    scores = sorted(round(match.score) for match in matches)
    return (
        "an accented name and a Cyrillic one match their Latin spellings "
        f"({scores[0]}% and {scores[1]}%), and no one else"
    )


def check_pdf() -> str:
    from selfaudit.report.pdf import pdf_bytes
    from selfaudit.report.structure import Document, Paragraph, plain

    pdf, _ = pdf_bytes(Document("Your action plan", "self-test", (Paragraph(plain("José Núñez")),)))
    if not pdf.startswith(b"%PDF-") or b"/Font" not in pdf:
        raise RuntimeError("Qt wrote no PDF with text in it")
    return f"a PDF with text ({len(pdf) // 1024} KB, in memory)"


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
    "name matching": check_name_matching,
    "PDF": check_pdf,
    "encryption": check_encryption,
    "folders": check_folders,
}


def _one_line(exc: Exception) -> str:
    """numpy explains a failed import in a page of advice whose last line is the cause."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{type(exc).__name__}: {lines[-1] if lines else ''}"


def run_checks() -> list[dict[str, str | bool]]:
    results: list[dict[str, str | bool]] = []
    for name, check in CHECKS.items():
        try:
            results.append({"check": name, "ok": True, "detail": check()})
        except Exception as exc:  # every failure is reported, none stops the others
            results.append({"check": name, "ok": False, "detail": _one_line(exc)})
    return results


def handle(args: argparse.Namespace) -> int:
    results = run_checks()
    if args.json:
        print(json.dumps({"results": results}, indent=2, ensure_ascii=False))
    else:
        for result in results:
            print(f"{'ok  ' if result['ok'] else 'FAIL'}  {result['check']}: {result['detail']}")
    return 0 if all(result["ok"] for result in results) else 1
