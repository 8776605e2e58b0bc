"""How old the platform content is, `selfaudit checks --stale`, and the platform items in
`selfaudit checks --json`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.content import load_catalog
from selfaudit.content.freshness import (
    DEFAULT_STALE_DAYS,
    stale_content,
    unchecked_content,
    unconfirmed_content,
    verified_content,
)
from selfaudit.measures.friends.guides import friend_check_freshness, load_guides
from tests.unit.test_platform_content import platform_file

CATALOG = load_catalog()


def newest_check() -> date:
    return max(v.verified_on for v in verified_content(CATALOG))


def test_every_item_and_comparison_is_dated_or_listed_as_not_yet_checked() -> None:
    found = verified_content(CATALOG)
    never = unchecked_content(CATALOG)
    ids = {v.id for v in found}
    unchecked = {u.id for u in never}
    assert not ids & unchecked
    items = {item.id for item in CATALOG.platform_items()}
    tables = {f"{g.platform}.blocking_tools" for g in CATALOG.guides}
    assert ids | unchecked == items | tables
    assert all(u.help_search for u in never if u.id in items)
    # some steps were checked against a named source, and many are honestly not yet
    assert found and never


def test_content_becomes_stale_after_the_set_age() -> None:
    oldest = min(v.verified_on for v in verified_content(CATALOG))
    assert stale_content(CATALOG, newest_check(), DEFAULT_STALE_DAYS) == []
    # exactly the set age is not yet stale; a day more is
    assert stale_content(CATALOG, oldest + timedelta(days=DEFAULT_STALE_DAYS)) == []
    later = newest_check() + timedelta(days=DEFAULT_STALE_DAYS + 1)
    assert len(stale_content(CATALOG, later)) == len(verified_content(CATALOG))


def test_only_the_old_item_is_reported_oldest_first(content_copy: Path) -> None:
    target = platform_file(content_copy, "whatsapp")
    text = target.read_text(encoding="utf-8")
    # two items checked long ago, the rest recently
    text = text.replace("verified_on = 2026-12-06", "verified_on = 2025-01-01", 2)
    target.write_text(text, encoding="utf-8")
    catalog = load_catalog(content_copy)
    old = stale_content(catalog, date(2026, 12, 10), days=180)
    assert [v.id for v in old] == ["whatsapp.about", "whatsapp.profile_photo"]
    assert all(v.verified_on == date(2025, 1, 1) for v in old)
    assert old[0].age_days(date(2026, 12, 10)) == (date(2026, 12, 10) - date(2025, 1, 1)).days


def everything_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if every item had been checked: what `--stale` says when nothing is left to do."""
    monkeypatch.setattr("selfaudit.cli.checks.unchecked_content", lambda catalog: [])
    monkeypatch.setattr(
        "selfaudit.measures.friends.guides.friend_check_freshness", lambda guides: ([], [])
    )


def test_checks_stale_reports_nothing_when_fresh_and_all_checked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("selfaudit.cli.checks.today", newest_check)
    everything_checked(monkeypatch)
    assert run(["checks", "--stale"]) == 0
    assert "checked against their source in the last 180 days" in capsys.readouterr().out


def test_checks_stale_lists_items_not_yet_checked_and_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("selfaudit.cli.checks.today", newest_check)
    never = [*unchecked_content(CATALOG), *friend_check_freshness(load_guides())[1]]
    assert run(["checks", "--stale"]) == 1
    out = capsys.readouterr().out
    assert f"{len(never)} platform item(s) not yet checked" in out
    assert "facebook.lookup" in out and "search for: who can look me up" in out
    # the friend check's steps too, with what to search for in the platform's help
    assert "instagram.friend_check" in out and "search for: remove a follower" in out
    assert run(["checks", "--stale", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["stale"] == []
    assert [row["id"] for row in report["not_yet_checked"]] == [u.id for u in never]


def test_checks_stale_lists_old_content_and_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a_year_on = newest_check() + timedelta(days=365)
    monkeypatch.setattr("selfaudit.cli.checks.today", lambda: a_year_on)
    everything_checked(monkeypatch)
    assert run(["checks", "--stale"]) == 1
    out = capsys.readouterr().out
    assert "whatsapp.groups" in out and "x.discoverability" in out
    assert "365 days ago" in out and "https://" in out
    assert run(["checks", "--stale", "--days", "400"]) == 0
    capsys.readouterr()
    assert run(["checks", "--stale", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["days"] == 180 and report["today"] == a_year_on.isoformat()
    assert {row["id"] for row in report["stale"]} >= {"whatsapp.groups", "youtube.comments"}
    assert all(row["age_days"] == 365 for row in report["stale"])


def test_the_friend_check_s_steps_are_dated_or_listed_like_platform_items(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    guides = load_guides()
    verified, unchecked = friend_check_freshness(guides)
    ids = {u.id for u in unchecked} | {v.id for v in verified}
    assert ids == {f"{p}.friend_check" for p in guides.platform if p != "other"}
    # checked long ago: listed as stale, with its source
    checked = guides.platform["tiktok"].model_copy(
        update={"verified_on": date(2025, 1, 1), "source": "https://support.tiktok.com/en/x"}
    )
    dated = guides.model_copy(update={"platform": {**guides.platform, "tiktok": checked}})
    monkeypatch.setattr("selfaudit.measures.friends.guides.load_guides", lambda: dated)
    monkeypatch.setattr("selfaudit.cli.checks.today", lambda: date(2026, 12, 10))
    verified, unchecked = friend_check_freshness(dated)
    assert [v.id for v in verified] == ["tiktok.friend_check"]
    assert "tiktok.friend_check" not in {u.id for u in unchecked}
    assert run(["checks", "--stale", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [row] = [r for r in report["stale"] if r["id"] == "tiktok.friend_check"]
    assert row["source"] == "https://support.tiktok.com/en/x" and row["verified_on"] == "2025-01-01"
    assert "tiktok.friend_check" not in {r["id"] for r in report["not_yet_checked"]}


def test_days_must_be_a_whole_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["checks", "--stale", "--days", "soon"])
    assert "expected a whole number of days" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run(["checks", "--stale", "--days", "-3"])
    assert "cannot be negative" in capsys.readouterr().err


def test_checks_json_lists_every_platform_item(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["checks", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    rows = {row["id"]: row for row in listing["checks"]}
    for item in CATALOG.platform_items():
        row = rows[item.id]
        assert row["platform"] == item.platform
        assert row["kind"] == (item.kind.value if item.kind else None)
        assert row["seed_ref"] == item.seed_ref
        assert not (row["link"] and row["no_link"])
        assert row["verified_on"] == (item.verified_on.isoformat() if item.verified_on else None)
        assert row["source"] == item.source
        assert row["help_search"] == item.help_search
    assert rows["passwords.unique"]["kind"] is None
    assert {g["platform"] for g in listing["guides"]} == {g.platform for g in CATALOG.guides}


def test_checks_json_says_the_basis_of_every_check(capsys: pytest.CaptureFixture[str]) -> None:
    """Two-step verification, password managers and disk encryption are good practice: the code
    never asks for them. Only a check the code asks for carries its words."""
    assert run(["checks", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)["checks"]}
    assert len(rows) == len(CATALOG.checks)
    assert {row["basis"] for row in rows.values()} == {"code", "good_practice"}
    for check_id in (
        "passwords.two_step_email",
        "passwords.two_step_social",
        "passwords.manager",
        "passwords.unique",
        "device.disk_encryption",
        "personal.location",
        "whatsapp.unknown_callers",
        "linkedin.profile_viewing",
    ):
        assert rows[check_id]["basis"] == "good_practice", check_id
        assert rows[check_id]["quote"] is None, check_id
    for check_id in ("passwords.hard_to_guess", "service_users.none_connected"):
        assert rows[check_id]["basis"] == "code"
        assert rows[check_id]["quote"] == CATALOG.check(check_id).quote


def test_labels_a_source_did_not_confirm_are_listed_for_a_device_check(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = unconfirmed_content(CATALOG)
    assert notes and all(v.unconfirmed for v in notes)
    assert "whatsapp.last_seen" in {v.id for v in notes}
    monkeypatch.setattr("selfaudit.cli.checks.today", newest_check)
    everything_checked(monkeypatch)
    assert run(["checks", "--stale"]) == 0  # information, not a failure
    out = capsys.readouterr().out
    assert "whose source did not confirm every label" in out
    assert all(v.id in out for v in notes)
    assert run(["checks", "--stale", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [n["id"] for n in report["unconfirmed"]] == [v.id for v in notes]


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """`selfaudit checks --json | head -1`: the rest of the output has nowhere to go."""
    with subprocess.Popen(
        [sys.executable, "-m", "selfaudit", "checks", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().strip() == b"{"
        process.stdout.close()  # like `head` exiting
        errors = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0
    assert "Traceback" not in errors and "BrokenPipe" not in errors
