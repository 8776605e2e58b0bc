#!/usr/bin/env python3
"""Measures the vault with a large checklist (about 10 MB of JSON): a full save (serialise,
encrypt, write, flush, read back and verify, keep the backup, rename, flush the folder) and a
full load (read, decrypt, parse, validate), against the floor of the stack doing the same
data: pydantic to and from JSON, AES-256-GCM, one file written and flushed (save) or read (load).

    .venv/bin/python benchmarks/bench_vault.py [--megabytes 10] [--runs 5]

Runs in a temporary folder; never touches your real data or keyring. On its own it also
prints the parts (serialise, parse, encrypt ...). Budgets: a save within 2 times the floor (it
also reads back, keeps a backup and flushes the folder), a load within 1.5 times.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, median_of, print_table, side_by_side

if TYPE_CHECKING:
    from selfaudit.audit.state import AppState

RUNS = 9
MEGABYTES = 10.0
SAVE_BUDGET = 2.0  # the save's safety (read back, backup, flushes) may cost as much again
LOAD_BUDGET = 1.5


def large_state(megabytes: float) -> AppState:
    """Years of audits: the realistic way a checklist grows."""
    from selfaudit.audit.state import Answer, AppState, AuditRecord
    from selfaudit.content.models import Outcome

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


def write_and_flush(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def collect(megabytes: float = MEGABYTES, runs: int = RUNS) -> tuple[list[Figure], list[str]]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from selfaudit.audit.state import AppState
    from selfaudit.vault import contents as document
    from selfaudit.vault.fileformat import decrypt, encrypt
    from selfaudit.vault.keys import DataKey, RecoveryCode, passphrase_slot
    from selfaudit.vault.layout import VaultLayout
    from selfaudit.vault.vault import Vault, open_vault

    state = large_state(megabytes)
    key, code = DataKey.generate(), RecoveryCode.generate()
    cipher, nonce = AESGCM(key.secret), os.urandom(12)
    with tempfile.TemporaryDirectory(prefix="selfaudit-bench-vault-") as folder:
        layout = VaultLayout(Path(folder) / "data")
        vault = Vault.create(layout, key, code, state=state)
        size = layout.main.stat().st_size
        plaintext = document.dump(state, str(code))
        sealed = encrypt(key, 1, vault.slots, plaintext)
        bare_file = Path(folder) / "bare"
        bare_sealed = cipher.encrypt(nonce, state.model_dump_json().encode(), None)
        write_and_flush(bare_file, bare_sealed)

        def bare_save() -> None:
            write_and_flush(
                bare_file, cipher.encrypt(nonce, state.model_dump_json().encode(), None)
            )

        def bare_load() -> AppState:
            return AppState.model_validate_json(cipher.decrypt(nonce, bare_file.read_bytes(), None))

        # in turns with the baseline: a save's fsyncs wait on a disk other programs share
        save, floor_save = side_by_side(runs, lambda: vault.save(state), bare_save)
        load, floor_load = side_by_side(runs, lambda: open_vault(layout, key), bare_load)
        parts = {
            "serialise to JSON": lambda: document.dump(state, str(code)),
            "parse and validate JSON": lambda: document.load(plaintext),
            "encrypt (AES-256-GCM)": lambda: encrypt(key, 1, vault.slots, plaintext),
            "decrypt and verify": lambda: decrypt(sealed, key),
            "copy the state (autosave snapshot)": lambda: state.model_copy(deep=True),
        }
        details = [f"vault file: {size / 1e6:.1f} MB ({len(state.audits)} audits)"]
        details += [
            f"  {name:<36} {median_of(runs, work) * 1000:8.1f} ms" for name, work in parts.items()
        ]
        kdf = median_of(3, lambda: passphrase_slot(key, "correct horse battery staple"))
        details.append(f"passphrase key derivation (Argon2id, once per start): {kdf * 1000:.0f} ms")
    label = f"{size / 1e6:.0f} MB vault"
    figures = [
        Figure(
            f"vault save, {label}",
            save * 1000,
            "ms",
            baseline=floor_save * 1000,
            max_ratio=SAVE_BUDGET,
            note="baseline: pydantic to JSON, AES-GCM, one write and fsync; a save also reads "
            "back and verifies, keeps a backup, renames and flushes the folder",
        ),
        Figure(
            f"vault load, {label}",
            load * 1000,
            "ms",
            baseline=floor_load * 1000,
            max_ratio=LOAD_BUDGET,
            note="baseline: one read, AES-GCM, pydantic from JSON",
        ),
    ]
    return figures, details


def measure(runs: int = RUNS) -> list[Figure]:
    return collect(MEGABYTES, runs)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=MEGABYTES)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    figures, details = collect(args.megabytes, args.runs)
    print("\n".join(details))
    print_table(figures)


if __name__ == "__main__":
    main()
