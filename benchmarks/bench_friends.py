#!/usr/bin/env python3
"""Friend check benchmarks, against rapidfuzz's bare `process.cdist` on the same names
(token_sort_ratio, default_process, all cores, as a hand-written matcher would call it).

    .venv/bin/python benchmarks/bench_friends.py [--repeat 5]

1. End to end, 1,000 service users x 5,000 Facebook friends: read the service-user .csv, open
   the downloaded .zip, import, normalise, match (selfaudit's run_friend_check), in a worker
   process started ahead and loaded, as the friend check's window has one (`ReadyWorkers`):
   it is started, and waited for, outside the timing; each check has a new one. Budget: 3x
   the bare cdist of 1,000 x 5,000 names.
2. The same with a 50 MB Facebook export (photos and posts around 5,000 friends and 20,000
   followers). Budget: 3x the bare cdist of 1,000 x 25,000 names.
   Both also cold, for reference: the worker starts with the check, as when a check is run
   the moment the window opens (and nearly as `selfaudit friends` runs).
3. Import alone, in a worker started ahead as the app reads an export added to the check: of
   that 50 MB export, and of an export whose friends and followers files alone are 30 MB,
   against `json.loads` of the same friends files (for reference).

That the window never waits during imports and matching is measured with the real widgets in
bench_ui_stalls.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, print_table, side_by_side

from friend_exports import PLANTED, write_big_lists, write_exports

REPEAT = 9
BUDGET = 3.0
READY_SECONDS = 60.0


def bare_cdist(users: list[str], friends: list[str]) -> Any:
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    return process.cdist(
        users,
        friends,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        dtype=np.uint8,
        workers=-1,
    )


def collect(repeat: int = REPEAT, big_lists: bool = True) -> tuple[list[Figure], list[str]]:
    from selfaudit.measures.friends.check import run_friend_check
    from selfaudit.measures.friends.isolation import ReadyWorkers, read_export_in_worker
    from selfaudit.measures.friends.service_users import load_service_users

    figures: list[Figure] = []
    details: list[str] = []
    with (
        tempfile.TemporaryDirectory(prefix="selfaudit-bench-friends-") as folder,
        ReadyWorkers() as workers,
    ):
        tmp = Path(folder)
        data = write_exports(tmp)
        users, friends = data.people.users, data.people.friends

        def ready() -> None:
            """A worker started ahead and loaded, as the friend check's window has one while
            the person adds files: started, and waited for, outside the timing."""
            workers.start()
            if not workers.wait_until_ready(READY_SECONDS):
                raise RuntimeError("the worker did not get ready")

        def end_to_end(export: Path, ahead: ReadyWorkers | None) -> Any:
            # each check has a fresh worker: nothing is left from the one before
            return run_friend_check([export], load_service_users(data.names), workers=ahead)

        ready()
        end_to_end(data.small, workers)  # the benchmark's own first run (files into the cache)
        for label, export, everyone in (
            ("1,000 x 5,000", data.small, friends),
            ("1,000 x 50 MB Facebook export", data.large, friends + data.followers),
        ):
            floor, ours = side_by_side(
                repeat,
                lambda everyone=everyone: bare_cdist(users, everyone),
                lambda export=export: end_to_end(export, workers),
                before=ready,
            )
            figures.append(
                Figure(
                    f"friend check end to end, {label}",
                    ours * 1000,
                    "ms",
                    baseline=floor * 1000,
                    max_ratio=BUDGET,
                    note=f"baseline: bare cdist of 1,000 x {len(everyone):,} names; selfaudit's "
                    "worker process started ahead and loaded (as the app starts one when the "
                    "friend check opens), a new one for each check",
                )
            )
            floor, cold = side_by_side(
                repeat,
                lambda everyone=everyone: bare_cdist(users, everyone),
                lambda export=export: end_to_end(export, None),
            )
            figures.append(
                Figure(
                    f"friend check end to end, {label}, cold",
                    cold * 1000,
                    "ms",
                    baseline=floor * 1000,
                    note="reference: the worker process starts with the check (a check started "
                    "as soon as the window opens; `selfaudit friends` is nearly this)",
                )
            )
            result = end_to_end(export, None)
            certain = sum(1 for m in result.matches if m.confidence.value == "certain")
            details.append(
                f"{label}: {len(result.matches)} matches, {certain} certain "
                f"({PLANTED} were planted)"
            )

        exports = [("50 MB Facebook export", data.large, data.large_files)]
        if big_lists:
            path, files = write_big_lists(tmp, data.people)
            exports.append(("export with 30 MB of friends files", path, files))
        for label, path, files in exports:

            def stdlib(files: dict[str, bytes] = files) -> None:
                for content in files.values():
                    json.loads(content)

            floor, ours = side_by_side(
                repeat,
                stdlib,
                lambda path=path: read_export_in_worker(path, workers=workers),
                before=ready,
            )
            scan = read_export_in_worker(path)
            figures.append(
                Figure(
                    f"friends import, {label}",
                    ours * 1000,
                    "ms",
                    baseline=floor * 1000,
                    note="baseline: json.loads of the same friends files; read in a worker "
                    "started ahead, as the app reads an export added to the check",
                )
            )
            zipped = path.stat().st_size / 1024 / 1024
            raw = sum(len(d) for d in files.values()) / 1024 / 1024
            details.append(
                f"{label}: zip {zipped:.0f} MB, friends files {raw:.0f} MB, "
                f"{sum(scan.counts().values())} people read"
            )
    return figures, details


def measure(repeat: int = REPEAT) -> list[Figure]:
    return collect(repeat)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    figures, details = collect(parser.parse_args().repeat)
    print("\n".join(details))
    print_table(figures)


if __name__ == "__main__":
    main()
