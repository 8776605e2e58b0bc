#!/usr/bin/env python3
"""How long the password meter takes per keystroke, worst case: 72 characters (zxcvbn's limit;
longer passwords are estimated on their first 72). Typing stays smooth when this is well under
the meter's debounce delay, since the estimate runs off the UI thread anyway.

    .venv/bin/python benchmarks/bench_password.py
"""

from __future__ import annotations

import random
import statistics
import string
import time

from selfaudit.measures.passwords import MAX_CHECKED, PasswordMeter, personal_words

ROUNDS = 5


def timings(meter: PasswordMeter, password: str) -> list[float]:
    """Milliseconds to estimate each prefix, as if typed one key at a time."""
    spent = []
    for end in range(1, len(password) + 1):
        started = time.perf_counter()
        meter.measure(password[:end])
        spent.append((time.perf_counter() - started) * 1000)
    return spent


def main() -> None:
    started = time.perf_counter()
    meter = PasswordMeter(personal_words("Sam Taylor", "Northshire County Council", ["council"]))
    meter.measure("warm up")  # loads zxcvbn and its dictionaries
    print(f"first estimate, loading zxcvbn: {(time.perf_counter() - started) * 1000:.0f} ms")
    rng = random.Random(4)
    cases = {
        "one repeated character": "a" * MAX_CHECKED,
        "repeated word": ("password" * 10)[:MAX_CHECKED],
        "words and digits": ("kettle cloud violin 1987 northshire " * 3)[:MAX_CHECKED],
        "random characters": "".join(
            rng.choice(string.ascii_letters + string.digits + "!#%&") for _ in range(MAX_CHECKED)
        ),
        "keyboard walk": ("qwertyuiopasdfghjklzxcvbnm" * 3)[:MAX_CHECKED],
    }
    worst_overall = 0.0
    print(f"{'password (72 characters)':<26} {'median/key':>11} {'worst key':>10} {'at 72':>8}")
    for name, password in cases.items():
        runs = [timings(meter, password) for _ in range(ROUNDS)]
        # the best of a few rounds per key filters out other programs' noise on a shared machine
        per_key = [min(run[i] for run in runs) for i in range(len(password))]
        worst = max(per_key)
        worst_overall = max(worst_overall, worst)
        print(
            f"{name:<26} {statistics.median(per_key):>9.1f}ms {worst:>8.1f}ms {per_key[-1]:>6.1f}ms"
        )
    longer = "x" * 500
    started = time.perf_counter()
    meter.measure(longer)
    print(f"500 characters (estimated on 72): {(time.perf_counter() - started) * 1000:.1f} ms")
    print(f"worst case per keystroke: {worst_overall:.1f} ms")


if __name__ == "__main__":
    main()
