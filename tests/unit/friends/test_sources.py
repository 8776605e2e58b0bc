"""Opening exports: zip, folder or file; zip members read in memory; guards against zip bombs,
path traversal and links out of a folder."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from samples import friend_exports as ex

from selfaudit.measures.friends import sources
from selfaudit.measures.friends.model import ExportError
from selfaudit.measures.friends.reader import read_export
from selfaudit.measures.friends.sources import open_source, safe_member_path


def everything(_: str) -> bool:
    return True


def test_zip_members_are_read_without_extracting(tmp_path: Path) -> None:
    archive = ex.write_zip(tmp_path / "export.zip", {"a/b/your_friends.json": b"{}"})
    before = set(tmp_path.rglob("*"))
    with open_source(archive, everything) as source:
        (member,) = source.members()
        assert member.path == "a/b/your_friends.json"
        assert source.read(member) == b"{}"
    assert set(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("a/b.json", "a/b.json"),
        ("./a//b.json", "a/b.json"),
        ("a\\b.json", "a/b.json"),
        ("../b.json", None),
        ("a/../../b.json", None),
        ("/etc/passwd", None),
        ("C:/Windows/b.json", None),
        ("..\\..\\b.json", None),
    ],
)
def test_member_paths_never_climb_out(raw: str, safe: str | None) -> None:
    assert safe_member_path(raw) == safe


def test_traversing_members_are_skipped(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../your_friends.json", ex.facebook_friends_2023(["Evil Twin"]))
        archive.writestr("ok/your_friends.json", ex.facebook_friends_2023(["Jo Bloggs"]))
    path = tmp_path / "export.zip"
    path.write_bytes(buffer.getvalue())
    scan = read_export(path)
    assert [c.name for c in scan.connections] == ["Jo Bloggs"]


def test_a_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1024 * 1024)
    bomb = b'{"friends_v2": [' + b" " * (3 * 1024 * 1024) + b"]}"
    path = ex.write_zip(tmp_path / "export.zip", {"your_friends.json": bomb})
    assert path.stat().st_size < 20_000  # tiny on disk, huge once unpacked
    with pytest.raises(ExportError, match="too large"):
        read_export(path)


def test_a_member_that_lies_about_its_size_is_cut_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chunked read stops at the limit whatever the zip's directory says."""
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1024 * 1024)
    monkeypatch.setattr(sources, "CHUNK", 64 * 1024)
    data = b"x" * (2 * 1024 * 1024)
    with pytest.raises(OverflowError):
        sources._read_limited(io.BytesIO(data).read, lambda _: None)


def test_a_damaged_zip_says_so(tmp_path: Path) -> None:
    good = ex.zip_bytes({"your_friends.json": ex.facebook_friends_2023(["Jo Bloggs"])})
    path = tmp_path / "facebook.zip"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ExportError, match="damaged or incomplete") as info:
        read_export(path)
    assert "Download the export again" in info.value.help


def test_a_folder_is_walked_without_following_links(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    ex.write_folder(outside, {"your_friends.json": ex.facebook_friends_2023(["Not Mine"])})
    export = ex.write_folder(
        tmp_path / "export",
        {"connections/friends/your_friends.json": ex.facebook_friends_2023(["Jo Bloggs"])},
    )
    (export / "linked").symlink_to(outside, target_is_directory=True)
    (export / "connections" / "followers.json").symlink_to(outside / "your_friends.json")
    scan = read_export(export)
    assert [c.name for c in scan.connections] == ["Jo Bloggs"]


def test_a_folder_lists_only_the_files_worth_reading(tmp_path: Path) -> None:
    export = ex.write_folder(
        tmp_path / "export",
        {
            "connections/friends/your_friends.json": b"{}",
            "photos/1.jpg": b"\xff\xd8",
            "messages/inbox/a/message_1.json": b"{}",
        },
    )
    with open_source(export, lambda p: p.endswith("your_friends.json")) as source:
        assert [m.path for m in source.members()] == ["connections/friends/your_friends.json"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such file"):
        read_export(tmp_path / "nowhere.zip")
