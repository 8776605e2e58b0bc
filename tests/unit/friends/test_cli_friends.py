"""`selfaudit friends --names FILE [--json] EXPORT...`"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from samples import friend_check as scenario
from samples import friend_exports as ex

from selfaudit.cli import run


@pytest.fixture
def names(tmp_path: Path) -> Path:
    path = tmp_path / "service-users.csv"
    path.write_text(scenario.SERVICE_USERS_CSV, encoding="utf-8")
    return path


def test_json_lists_every_match_and_what_was_scanned(
    tmp_path: Path, names: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = scenario.build_exports(tmp_path / "exports")
    assert run(["friends", "--names", str(names), "--json", *map(str, exports)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"matches", "scanned", "errors"}
    assert out["scanned"]["facebook"] == 23 and out["scanned"]["x"] == 4
    rows = {(m["platform"], m["friend"].casefold(), m["service_user"]) for m in out["matches"]}
    assert rows == {(p, f.casefold(), u) for p, f, u in scenario.PLANTED}
    for match in out["matches"]:
        assert 0 <= match["score"] <= 100
        assert match["confidence"] in {"certain", "likely", "possible"}


def test_table(tmp_path: Path, names: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exports = scenario.build_exports(tmp_path / "exports")
    assert run(["friends", "--names", str(names), str(exports[0])]) == 0
    out = capsys.readouterr().out
    assert "Checked 23 on Facebook." in out
    assert "Bill Hughes" in out and "on your list as: William Hughes" in out


def test_bad_files_exit_2_with_one_line_each_and_good_files_still_checked(
    tmp_path: Path, names: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = ex.write_zip(tmp_path / "facebook.zip", scenario.facebook_files())
    damaged = tmp_path / "instagram.zip"
    damaged.write_bytes(ex.zip_bytes(scenario.instagram_files())[:300])
    photo = tmp_path / "holiday.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0")
    argv = ["friends", "--names", str(names), "--json", str(damaged), str(good), str(photo)]
    assert run(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "selfaudit: instagram.zip: the zip file is damaged or incomplete",
        "selfaudit: holiday.jpg: this is not a friends list selfaudit can read",
    ]
    out = json.loads(captured.out)
    assert out["scanned"] == {"facebook": 23}
    assert any(m["friend"] == "Bill Hughes" for m in out["matches"])


def test_a_bad_names_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = tmp_path / "names.csv"
    names.write_text("first,second\nOlivia,Brown\n")
    export = ex.write_zip(tmp_path / "facebook.zip", scenario.facebook_files())
    assert run(["friends", "--names", str(names), str(export)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("selfaudit: names.csv: line 1: expected a header row")
    assert len(err.splitlines()) == 1


def test_names_from_standard_input_and_nothing_written(tmp_path: Path) -> None:
    """Run as a person would, in a fresh process with its own home: the list comes from
    standard input and no file anywhere in the home folder holds a name from it."""
    export = ex.write_zip(tmp_path / "facebook.zip", scenario.facebook_files())
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "selfaudit", "friends", "--names", "-", "--json", str(export)],
        input="William Hughes\nCanary Quillfeather\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["matches"][0]["service_user"] == "William Hughes"
    for path in home.rglob("*"):
        if path.is_file():
            assert b"Quillfeather" not in path.read_bytes()


def test_friends_command_does_not_import_qt(tmp_path: Path, names: Path) -> None:
    export = ex.write_zip(tmp_path / "facebook.zip", scenario.facebook_files())
    code = (
        "import sys; from selfaudit.cli import run; "
        f"run(['friends', '--names', {str(names)!r}, {str(export)!r}]); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_the_table_says_how_sure_each_match_is_and_counts_in_thousands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.txt"
    names.write_text("José Núñez\nЗоя Иванова\n", encoding="utf-8")
    friends = tmp_path / "friends.txt"
    people = ["Jose Nunez", "Zoya Ivanova"] + [f"Person {n} Example" for n in range(1200)]
    friends.write_text("\n".join(people) + "\n", encoding="utf-8")
    assert run(["friends", "--names", str(names), str(friends)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Checked 1,202 on another site."
    # every match here is certain: the summary never calls them all "possible"
    assert lines[1] == "2 matches: 2 certain. Look at each one: are they the same person?"
