"""The process the kill -9 test kills: it saves the vault in a loop, counting, and records the
count of each save once save() has returned."""

from __future__ import annotations

from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

from selfaudit.vault.keys import DataKey
from selfaudit.vault.layout import VaultLayout
from selfaudit.vault.vault import open_vault
from tests.unit.vault.conftest import marker_of, state_with


def save_forever(
    root: str,
    secret: bytes,
    acknowledged: Synchronized[int],
    padding: int,
) -> None:
    vault = open_vault(VaultLayout(Path(root)), DataKey(secret)).vault
    count = acknowledged.value
    filler = "x" * padding  # big enough that a save takes a while, so kills land inside saves
    while True:
        count += 1
        vault.save(state_with(f"{count} {filler}"))
        acknowledged.value = count


def count_in(state_marker: str) -> int:
    return int(state_marker.split(" ", 1)[0])


__all__ = ["count_in", "marker_of", "save_forever"]
