"""kill -9 in the middle of saves, at random moments, many times (SQLite's crash-test idea): the
vault must always open, from the main file itself, with the last acknowledged state or the one
being saved, nothing else."""

from __future__ import annotations

import multiprocessing
import random
import time

from selfaudit.vault.keys import DataKey
from selfaudit.vault.vault import Vault, open_vault
from tests.unit.vault.conftest import state_with
from tests.unit.vault.crash_child import count_in, marker_of, save_forever

KILLS = 120
PADDING = 64 * 1024


def test_kill_minus_nine_at_random_points_leaves_old_or_new(vault: Vault, key: DataKey) -> None:
    # forkserver: children fork from a clean server that has already imported the vault code,
    # so each start costs milliseconds and never forks pytest's own threads
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.unit.vault.crash_child"])
    vault.save(state_with("0"))
    acknowledged = context.Value("q", 0, lock=False)
    rng = random.Random(20260601)
    killed_mid_save = 0
    for _ in range(KILLS):
        child = context.Process(
            target=save_forever,
            args=(str(vault.layout.root), key.secret, acknowledged, PADDING),
        )
        child.start()
        # wait for the child to have saved once, so every round kills a process that is
        # saving, even on a busy machine; then a random moment
        started_from = acknowledged.value
        deadline = time.monotonic() + 30
        while acknowledged.value == started_from and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0, 0.015))
        child.kill()
        child.join()
        last_ack = acknowledged.value
        if list(vault.layout.root.glob(".*.tmp")):
            killed_mid_save += 1
        opened = open_vault(vault.layout, key)
        assert opened.recovered is None, opened.recovered  # the main file itself is always good
        count = count_in(marker_of(opened.state))
        assert last_ack <= count <= last_ack + 1, (last_ack, count)
        acknowledged.value = count
    print(f"{KILLS} kills, {acknowledged.value} saves, {killed_mid_save} kills inside a save")
    assert acknowledged.value >= KILLS  # saves really happened between the kills
    assert killed_mid_save >= KILLS // 10, killed_mid_save  # and kills really landed mid-save
