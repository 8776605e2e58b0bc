#!/usr/bin/env python3
"""Friend check benchmarks: prints each figure, its budget and its ratio to a baseline measured
in the same run.

    .venv/bin/python benchmarks/bench_friends.py [--repeat 5]

1. End to end, 1,000 service users x 5,000 Facebook friends: read the service-user .csv, open
   the downloaded .zip, import, normalise, match (selfaudit's run_friend_check). Baseline:
   rapidfuzz's bare `process.cdist` on the same names (token_sort_ratio, default_process, all
   cores), as a hand-written matcher would call it. Budget: 3x the baseline.
2. Import of a 50 MB Facebook export (photos and posts around friends and followers files), and
   of an export whose friends and followers files alone are 50 MB. Baseline: `json.loads` of
   the same friends files. Also: the longest time another thread (the app's window) had to
   wait while the import ran: the window must never freeze (budget 50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def words(text: str) -> list[str]:
    """A paragraph of names reads better than a list of 130 quoted strings."""
    return text.split()


FIRST = words(
    "Olivia Amelia Isla Ava Ivy Freya Lily Florence Mia Willow Rosie Sophia Isabella Grace "
    "Daisy Sienna Poppy Elsie Emily Ella Evelyn Phoebe Sofia Evie Charlotte Harper Millie "
    "Matilda Maya Sophie Alice Emilia Isabelle Ruby Luna Maisie Aria Penelope Mila Bonnie Eva "
    "Hallie Eliza Ada Violet Esme Arabella Imogen Jessica Delilah Noah Muhammad Oliver George "
    "Leo Arthur Oscar Harry Archie Jack Henry Charlie Freddie Theodore Thomas Finley Theo "
    "Alfie Jacob William Isaac Tommy Lucas Elijah Arlo James Roman Mohammed Albie Edward "
    "Lucca Ezra Joshua Jude Hugo Reggie Louie Rory Tobias Sebastian Max Teddy Ronnie Ethan "
    "José Zoë Chloé Łukasz Søren Aoife Siobhán Niamh Oisín Kasia Agnieszka Nguyễn Mehmet "
    "Ayşe Björn Ægir Renée Dóra Zsófia Ciarán Seán Róisín Bartłomiej Małgorzata Jürgen"
)
SYLLABLES = words(
    "ab ack al an ar ash ber bing bor bridge brook by car ces chester cliff coll cot dale "
    "den ding don dridge ell er ers ett ey field ford gate gill good ham hart hay hill holm "
    "hurst ing ington kin lan land ley lock low man mar mer mill mond more ner nett ney "
    "nor over pen per pool ridge rigg ring ross rowe ry sall shaw son stead stone ter thorn "
    "ton tree vale ville wall ward well wick win wood worth yard zak ski wicz ová ñez ez"
)


def make_surname(rng: random.Random) -> str:
    parts = rng.randint(2, 3)
    word = "".join(rng.choice(SYLLABLES) for _ in range(parts))
    return word.capitalize()


def make_names(count: int, rng: random.Random, surnames: list[str]) -> list[str]:
    names = []
    for _ in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(surnames)}"
        roll = rng.random()
        if roll < 0.03:
            name = f"🌸 {name}"
        elif roll < 0.06:
            name = name.replace(" ", "-", 1) + f" {rng.choice(surnames)}"
        names.append(name)
    return names


def meta_mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def friends_json(names: list[str], key: str = "friends_v2") -> bytes:
    entries = [
        {"name": meta_mojibake(n), "timestamp": 1_600_000_000 + i} for i, n in enumerate(names)
    ]
    return json.dumps({key: entries}, indent=2, ensure_ascii=True).encode("ascii")


def write_export(path: Path, files: dict[str, bytes], filler_bytes: int = 0) -> None:
    rng = random.Random(7)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(f"facebook-jobloggs-2024/{name}", data)
        done = 0
        number = 0
        while done < filler_bytes:  # photos do not compress: the zip stays this size
            size = min(2 * 1024 * 1024, filler_bytes - done)
            photo = rng.randbytes(size)
            archive.writestr(
                f"facebook-jobloggs-2024/your_facebook_activity/posts/media/{number}.jpg",
                photo,
                compress_type=zipfile.ZIP_STORED,
            )
            done += size
            number += 1
        archive.writestr(
            "facebook-jobloggs-2024/your_facebook_activity/posts/your_posts_1.json",
            json.dumps([{"timestamp": i, "data": [{"post": "x" * 80}]} for i in range(5000)]),
        )


def timed(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def longest_wait(action: Callable[[], Any]) -> tuple[float, float]:
    """Runs `action` in a worker thread, as the app does, while this thread ticks every
    millisecond; returns (seconds the action took, longest gap between ticks)."""
    done = threading.Event()
    worker = threading.Thread(target=lambda: (action(), done.set()))
    worst = 0.0
    start = time.perf_counter()
    worker.start()
    last = time.perf_counter()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        worst = max(worst, now - last)
        last = now
    worker.join()
    return time.perf_counter() - start, worst


def row(what: str, figure: str, budget: str, ratio: str) -> None:
    print(f"{what:<58} {figure:>12} {budget:>12} {ratio:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import numpy as np
    from rapidfuzz import fuzz, process, utils

    from selfaudit.measures.friends.check import run_friend_check
    from selfaudit.measures.friends.reader import read_export
    from selfaudit.measures.friends.service_users import load_service_users

    rng = random.Random(2024)
    surnames = sorted({make_surname(rng) for _ in range(4000)})
    users = make_names(1000, rng, surnames)
    friends = make_names(5000, rng, surnames)
    for index in range(0, 1000, 20):  # plant 50 service users among the friends
        friends[index * 5] = users[index]

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    row("", "figure", "budget", "ratio")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        names_csv = tmp / "service-users.csv"
        names_csv.write_text("name\n" + "\n".join(users) + "\n", encoding="utf-8")
        export = tmp / "facebook-1000x5000.zip"
        write_export(export, {"connections/friends/your_friends.json": friends_json(friends)})

        # warm up once (imports, the nickname file, anyascii's tables) outside the timing
        run_friend_check([export], load_service_users(names_csv))

        def bare() -> Any:
            return process.cdist(
                users,
                friends,
                scorer=fuzz.token_sort_ratio,
                processor=utils.default_process,
                dtype=np.uint8,
                workers=-1,
            )

        def end_to_end() -> Any:
            from selfaudit.measures.friends import names

            names.name_words.cache_clear()  # every run normalises every name afresh
            return run_friend_check([export], load_service_users(names_csv))

        base, _ = timed(bare, args.repeat)
        ours, result = timed(end_to_end, args.repeat)
        row("bare cdist, 1,000 x 5,000 names (baseline)", f"{base * 1000:.0f} ms", "", "1.00")
        row(
            "friend check end to end, 1,000 x 5,000",
            f"{ours * 1000:.0f} ms",
            "3.00x",
            f"{ours / base:.2f}",
        )
        found = sum(1 for m in result.matches if m.confidence.value == "certain")
        print(f"  ({len(result.matches)} matches, {found} certain; 50 were planted)")

        for label, followers, filler in (
            ("50 MB Facebook export (photos, 5,000 friends, 20,000 followers)", 20_000, 48),
            ("Facebook export with 50 MB of friends and followers files", 700_000, 0),
        ):
            files = {
                "connections/friends/your_friends.json": friends_json(friends),
                "connections/followers/people_who_followed_you.json": friends_json(
                    make_names(followers, rng, surnames), key="followers_v3"
                ),
            }
            path = tmp / "facebook-big.zip"
            write_export(path, files, filler * 1024 * 1024)
            size = path.stat().st_size / 1024 / 1024
            raw = sum(len(d) for d in files.values()) / 1024 / 1024

            def stdlib(files: dict[str, bytes] = files) -> None:
                for data in files.values():
                    json.loads(data)

            base, _ = timed(stdlib, args.repeat)
            ours, scan = timed(lambda path=path: read_export(path), args.repeat)
            print(f"{label}: zip {size:.0f} MB, friends files {raw:.0f} MB")
            row("  json.loads of the friends files (baseline)", f"{base * 1000:.0f} ms", "", "1.00")
            row(
                "  selfaudit import of the export",
                f"{ours * 1000:.0f} ms",
                "",
                f"{ours / base:.2f}",
            )
            _, stdlib_wait = longest_wait(stdlib)
            _, wait = longest_wait(lambda path=path: read_export(path))
            row("  longest wait of the window, json.loads", f"{stdlib_wait * 1000:.0f} ms", "", "")
            row(
                "  longest wait of the window, selfaudit import",
                f"{wait * 1000:.0f} ms",
                "50 ms",
                "",
            )
            print(f"  ({sum(scan.counts().values())} people read)")


if __name__ == "__main__":
    main()
