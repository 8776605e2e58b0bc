#!/usr/bin/env python3
"""Measures the vault with a large checklist (about 10 MB of JSON): a full save (serialise,
encrypt, write, flush, read back and verify, keep the backup, rename, flush the folder) and a
full load (read, decrypt, parse, validate), plus their parts. Prints the figures.

    .venv/bin/python benchmarks/bench_vault.py [--megabytes 10] [--runs 5]

Runs in a temporary folder; never touches your real data or keyring.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from selfaudit.audit.state import Answer, AppState, AuditRecord
from selfaudit.content.models import Outcome
from selfaudit.vault import document
from selfaudit.vault.fileformat import decrypt, encrypt
from selfaudit.vault.keys import DataKey, RecoveryCode, passphrase_slot
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import Vault, open_vault


def large_state(megabytes: float) -> AppState:
    """Years of audits: the realistic way a checklist grows."""
    start = datetime(2020, 1, 1, tzinfo=UTC)
    answers = {
        f"check.{n:03d}": Answer(value="yes" if n % 3 else "not_sure", answered_at=start)
        for n in range(120)
    }
    record = AuditRecord(
        completed_at=start,
        platforms=["facebook", "instagram", "tiktok", "x"],
        answers=answers,
        outcomes={k: Outcome.PASS for k in answers},
        score=82,
        measure_scores={"passwords": 90, "device": 70, "visibility": 80},
    )
    one = len(record.model_dump_json())
    count = int(megabytes * 1_000_000 / one)
    audits = [
        record.model_copy(update={"completed_at": start + timedelta(days=n)}) for n in range(count)
    ]
    return AppState(platforms=record.platforms, answers=answers, audits=audits)


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    state = large_state(args.megabytes)
    key, code = DataKey.generate(), RecoveryCode.generate()
    with tempfile.TemporaryDirectory() as folder:
        layout = VaultLayout(Path(folder) / "data")
        vault = Vault.create(layout, key, code, state=state)
        size = layout.main.stat().st_size
        plaintext = document.dump(state, str(code))
        sealed = encrypt(key, 1, vault.slots, plaintext)
        rows = [
            (
                "save: complete, as the app does it",
                median_seconds(lambda: vault.save(state), args.runs),
            ),
            (
                "load: complete, as the app does it",
                median_seconds(lambda: open_vault(layout, key), args.runs),
            ),
            (
                "  serialise to JSON",
                median_seconds(lambda: document.dump(state, str(code)), args.runs),
            ),
            (
                "  parse and validate JSON",
                median_seconds(lambda: document.load(plaintext), args.runs),
            ),
            (
                "  encrypt (AES-256-GCM)",
                median_seconds(lambda: encrypt(key, 1, vault.slots, plaintext), args.runs),
            ),
            ("  decrypt and verify", median_seconds(lambda: decrypt(sealed, key), args.runs)),
            (
                "  copy the state (autosave snapshot)",
                median_seconds(lambda: state.model_copy(deep=True), args.runs),
            ),
            (
                "passphrase key derivation (Argon2id, once per start)",
                median_seconds(lambda: passphrase_slot(key, "correct horse battery staple"), 3),
            ),
        ]
    print(
        f"vault file: {size / 1e6:.1f} MB ({len(state.audits)} audits); median of {args.runs} runs"
    )
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
