#!/usr/bin/env python3
"""How long the password meter takes per keystroke, worst case: 72 characters (zxcvbn's limit;
longer passwords are estimated on their first 72), against bare zxcvbn estimating the same text
with the same personal words. Typing stays smooth when this is well under the meter's debounce
delay, since the estimate runs off the UI thread anyway.

    .venv/bin/python benchmarks/bench_password.py [--rounds 5]

Budget: the meter within 1.5 times bare zxcvbn (it adds only our wording).
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, print_table

ROUNDS = 5
BUDGET = 1.5


def cases() -> dict[str, str]:
    from selfaudit.measures.passwords import MAX_CHECKED

    rng = random.Random(4)
    return {
        "one repeated character": "a" * MAX_CHECKED,
        "repeated word": ("password" * 10)[:MAX_CHECKED],
        "words and digits": ("kettle cloud violin 1987 northshire " * 3)[:MAX_CHECKED],
        "random characters": "".join(
            rng.choice(string.ascii_letters + string.digits + "!#%&") for _ in range(MAX_CHECKED)
        ),
        "keyboard walk": ("qwertyuiopasdfghjklzxcvbnm" * 3)[:MAX_CHECKED],
    }


def per_key(estimate: Callable[[str], object], password: str, rounds: int) -> list[float]:
    """Milliseconds to estimate each prefix, as if typed one key at a time; the best of a few
    rounds per key filters out other programs' noise on a shared machine."""
    runs = []
    for _ in range(rounds):
        spent = []
        for end in range(1, len(password) + 1):
            started = time.perf_counter()
            estimate(password[:end])
            spent.append((time.perf_counter() - started) * 1000)
        runs.append(spent)
    return [min(run[i] for run in runs) for i in range(len(password))]


def collect(rounds: int = ROUNDS) -> tuple[list[Figure], list[str]]:
    from selfaudit.measures.passwords import MAX_CHECKED, PasswordMeter, personal_words

    started = time.perf_counter()
    personal = personal_words("Sam Taylor", "Northshire County Council", ["council"])
    meter = PasswordMeter(personal)
    meter.measure("warm up")  # loads zxcvbn and its dictionaries
    first = (time.perf_counter() - started) * 1000
    from zxcvbn import zxcvbn

    def bare(text: str) -> object:
        return zxcvbn(text, user_inputs=personal, max_length=MAX_CHECKED)

    details = [
        f"first estimate, loading zxcvbn: {first:.0f} ms",
        f"{'password (72 characters)':<26} {'median/key':>11} {'worst key':>10} {'bare worst':>11}",
    ]
    worst = worst_bare = 0.0
    for name, password in cases().items():
        ours = per_key(meter.measure, password, rounds)
        floor = per_key(bare, password, rounds)
        worst, worst_bare = max(worst, max(ours)), max(worst_bare, max(floor))
        details.append(
            f"{name:<26} {statistics.median(ours):>9.1f}ms {max(ours):>8.1f}ms {max(floor):>9.1f}ms"
        )
    started = time.perf_counter()
    meter.measure("x" * 500)
    longer = (time.perf_counter() - started) * 1000
    details.append(f"500 characters (estimated on 72): {longer:.1f} ms")
    figures = [
        Figure(
            "password meter, worst keystroke at 72 characters",
            worst,
            "ms",
            baseline=worst_bare,
            max_ratio=BUDGET,
            note="baseline: bare zxcvbn on the same text and personal words",
        ),
        Figure("password meter, first estimate (loads zxcvbn)", first, "ms"),
    ]
    return figures, details


def measure(rounds: int = ROUNDS) -> list[Figure]:
    return collect(rounds)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    figures, details = collect(parser.parse_args().rounds)
    print("\n".join(details))
    print_table(figures)


if __name__ == "__main__":
    main()
