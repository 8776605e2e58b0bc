"""`selfaudit now`: the situations, one page of help, the note; with and without a policy."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from typing import Any

import pytest

from selfaudit.cli import now as now_command
from selfaudit.cli import run
from selfaudit.content.situations import load_situations
from selfaudit.paths import resources_dir

EXAMPLE = str(resources_dir() / "policy" / "example-school-federation.toml")


def output(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert run(list(argv)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def situations_json(capsys: pytest.CaptureFixture[str], *before: str) -> dict[str, Any]:
    data = json.loads(output(capsys, *before, "now", "--json"))
    return {item["id"]: item for item in data["situations"]}


def test_now_lists_every_situation_with_its_id(capsys: pytest.CaptureFixture[str]) -> None:
    out = output(capsys, "now")
    for situation in load_situations().situation:
        assert f"  {situation.id}  " in out
    assert "selfaudit now ID" in out


def test_now_json_without_a_policy_gives_the_built_in_contacts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pages = situations_json(capsys)
    assert list(pages) == list(load_situations().ids)
    child = pages["child-image"]
    assert child["seed_ref"] == "7" and child["do_now"] and child["do_not"]
    assert child["actions"] == [] and child["image_warning"]["title"]
    assert [(t["role"], t["from_policy"]) for t in child["tell"]] == [
        ("Your designated safeguarding lead", False)
    ]
    assert pages["found-friend"]["actions"] == ["check_friends", "note"]
    assert pages["found-friend"]["plan"] == ["remove_friend", "tell_line_manager"]
    assert pages["abuse"]["actions"] == ["record"]


def test_now_json_with_the_example_policy_names_its_contacts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pages = situations_json(capsys, "--policy", EXAMPLE)
    (lead,) = pages["child-image"]["tell"]
    assert lead["role"] == "Designated safeguarding lead" and lead["name"] == "Mrs A. Patel"
    assert lead["phone"] == "01632 960 214" and lead["from_policy"] is True
    (manager,) = pages["found-friend"]["tell"]
    assert manager["role"] == "Your line manager" and manager["from_policy"] is True
    assert manager["notes"].startswith("Tell them if you accepted a friend request")


def test_now_id_prints_the_page_with_the_policy_s_contacts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    plain = output(capsys, "now", "child-image")
    assert "Your designated safeguarding lead" in plain and "Mrs A. Patel" not in plain
    assert "Good practice: it helps with what section 7 of the code asks." in plain
    text = output(capsys, "--policy", EXAMPLE, "now", "child-image")
    lines = text.splitlines()
    assert lines[0].startswith("I was sent, or came across, an image or video of a child")
    assert "If it shows a child, do not copy it" in text
    for heading in ("What to do now", "What not to do", "Who to tell"):
        assert heading in lines
    assert "Designated safeguarding lead: Mrs A. Patel" in text
    assert "Phone 01632 960 214" in text and "E-mail dsl@riverside-federation.example" in text
    # the example policy names its own code: its sections in its numbering (7 is its 4)
    assert "Good practice: it helps with what section 4 of your employer's code asks." in text
    assert "Record it" not in text
    assert "!" not in text
    found = output(capsys, "--policy", EXAMPLE, "now", "found-friend")
    assert "Your line manager" in found and "Tell them if you accepted" in found
    flowing = " ".join(found.split())
    assert (
        "Your employer's code, section 4. In the words of the code this app was built from: "
        "“you remove this access as soon as you become aware of their status”." in flowing
    )
    unshaped = " ".join(output(capsys, "now", "found-friend").split())
    assert "Code of practice, section 7: “you remove this access as soon as you become" in unshaped
    assert "selfaudit now found-friend --note" in found
    assert "to do within 7 days" in flowing
    abuse = output(capsys, "now", "abuse")
    assert "Professionals Online Safety Helpline (UK Safer Internet Centre)" in abuse
    assert "Phone 0344 381 4772" in abuse


def test_now_id_json_is_the_one_page(capsys: pytest.CaptureFixture[str]) -> None:
    page = json.loads(output(capsys, "--policy", EXAMPLE, "now", "contact", "--json"))
    assert page["id"] == "contact"
    assert [t["role"] for t in page["tell"]] == [
        "Your line manager",
        "Designated safeguarding lead",
    ]


def test_the_note_has_today_s_date_and_no_name(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(now_command, "today", lambda: date(2027, 3, 4))
    note = output(capsys, "now", "friend-request", "--note")
    assert note.startswith("Subject: A friend request from a service user\n\nHello,\n")
    assert "On 4 March 2027, a service user sent me a friend or follow request." in note
    data = json.loads(
        output(capsys, "--policy", EXAMPLE, "now", "found-friend", "--note", "--json")
    )
    assert data["to"] is None  # the example's line manager has no e-mail address
    assert data["words"] < 150 and data["mailto"].startswith("mailto:?subject=A%20service")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["now", "pupil-message"],
            "selfaudit: no situation 'pupil-message'; the situations are: friend-request, "
            "contact, abuse, found-friend, child-image, allegation",
        ),
        (
            ["now", "child-image", "--note"],
            "selfaudit: there is no note for child-image; notes are for: friend-request, "
            "contact, found-friend",
        ),
        (["now", "--note"], "selfaudit: --note needs a situation: selfaudit now ID --note"),
    ],
)
def test_a_wrong_id_is_one_line_listing_the_ids_with_exit_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == message + "\n"


def test_now_never_loads_qt_or_reads_the_checklist() -> None:
    code = (
        "import sys; from selfaudit.cli import run\n"
        f"assert run(['--policy', {EXAMPLE!r}, 'now', 'contact']) == 0\n"
        "assert run(['now', '--json']) == 0\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
        "assert 'selfaudit.vault.vault' not in sys.modules, 'the checklist was opened'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
