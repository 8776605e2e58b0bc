"""`selfaudit probe`: what this computer can tell about its screen lock and disk encryption."""

from __future__ import annotations

import argparse
import json
from typing import Any

PROBE_NAMES = {"screen_lock": "Screen lock", "disk_encryption": "Disk encryption"}
STATUS_WORDS = {"pass": "OK", "fail": "needs fixing", "unknown": "couldn't check"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "probe", help="check this computer's screen lock and disk encryption"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.content.guides import load_computer_guides
    from selfaudit.policy import DEFAULT_POLICY
    from selfaudit.probes import computer_probes, run_probes
    from selfaudit.probes.probe import ProbeStatus, describe_duration

    policy = DEFAULT_POLICY  # TODO(policy): the deployed policy once its loading lands
    limit = describe_duration(policy.max_screen_lock_minutes * 60)
    guides = load_computer_guides()
    rows = []
    for result in run_probes(computer_probes(policy.max_screen_lock_minutes)):
        guide = guides.for_system(result.probe, result.system)
        row: dict[str, Any] = {
            "id": result.probe,
            "status": result.status.value,
            "detail": result.detail,
            "system": result.system,
            "evidence": dict(result.evidence),
        }
        if guide is not None and result.status is ProbeStatus.FAIL:
            row["how_to_fix"] = list(guide.fixing(limit))
        elif guide is not None and result.status is ProbeStatus.UNKNOWN:
            row["how_to_check"] = list(guide.checking(limit))
        rows.append(row)
    if args.json:
        print(json.dumps({"checks": rows}, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("selfaudit cannot check this kind of computer. The audit will ask you instead.")
    for row in rows:
        print(f"{PROBE_NAMES.get(row['id'], row['id'])}: {STATUS_WORDS[row['status']]}")
        print(f"  {row['detail']}")
        steps = row.get("how_to_fix") or row.get("how_to_check") or []
        if steps:
            print("  How to fix it:" if "how_to_fix" in row else "  How to check it yourself:")
            for number, step in enumerate(steps, 1):
                print(f"    {number}. {step}")
        print()
    return 0
