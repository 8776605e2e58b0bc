"""Opening exports: zip, folder or file; zip members read in memory; guards against zip bombs,
path traversal and links out of a folder."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from samples import friend_exports as ex

from selfaudit.bounded import zip_directory_size
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
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1024 * 1024)
    bomb = b'{"friends_v2": [' + b" " * (3 * 1024 * 1024) + b"]}"
    path = ex.write_zip(tmp_path / "export.zip", {"your_friends.json": bomb})
    assert path.stat().st_size < 20_000  # tiny on disk, huge once unpacked
    with pytest.raises(ExportError, match="too large to be a friends list"):
        read_export(path)


def test_a_member_that_lies_about_its_size_is_cut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chunked read stops at the limit whatever the zip's directory says."""
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(sources, "CHUNK", 64 * 1024)
    source = sources.ExportSource("export.zip")
    member = sources.Member("your_friends.json", size=10)
    with pytest.raises(ExportError, match=r"your_friends\.json is too large"):
        source._read_bounded(member, io.BytesIO(b"x" * (2 * 1024 * 1024)), None)


def test_the_limit_is_for_the_whole_export_not_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight files each under the limit do not add up to eight times as much memory."""
    monkeypatch.setattr(sources, "MAX_EXPORT_BYTES", 300 * 1024)
    one = ex.instagram_followers([f"follower.{n:06d}" for n in range(1000)])
    assert 40 * 1024 < len(one) < 300 * 1024
    files = {f"followers_{n}.json": one for n in range(1, 9)}
    with pytest.raises(ExportError, match="add up to more than the 300 KB") as info:
        read_export(ex.write_zip(tmp_path / "instagram.zip", files))
    assert "far larger than any friends list" in info.value.help
    with pytest.raises(ExportError, match="add up to more than"):
        read_export(ex.write_folder(tmp_path / "instagram", files))


def test_a_zip_of_too_many_files_is_refused_before_its_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_ZIP_MEMBERS", 10)
    files = {f"photos/{n}.jpg": b"x" for n in range(11)}
    path = ex.write_zip(tmp_path / "export.zip", files)
    read_directory = []
    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", lambda *a: read_directory.append(1))
    with pytest.raises(ExportError, match="this zip holds 11 files, more than any export"):
        read_export(path)
    assert read_directory == []


def test_the_size_of_a_zip64_directory_is_read_from_its_end(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for n in range(70_000):  # past 65,535: the counts move to the zip64 records
            archive.writestr(f"{n}", b"")
    with path.open("rb") as stream:
        entries, directory = zip_directory_size(stream)  # type: ignore[misc]
    assert entries == 70_000 and directory > 70_000 * 46


@pytest.mark.parametrize(
    ("flags", "method", "reason"),
    [(1, None, "is protected by a password"), (0, 99, "is packed in a way selfaudit cannot read")],
    ids=["encrypted", "aes"],
)
def test_zips_that_cannot_be_unpacked_here_say_how_to(
    tmp_path: Path, flags: int, method: int | None, reason: str
) -> None:
    path = tmp_path / "facebook.zip"
    files = {"your_friends.json": ex.facebook_friends_2023(["Jo Bloggs"])}
    path.write_bytes(ex.zip_marked(files, flags, method))
    with pytest.raises(ExportError, match=f"your_friends.json {reason}") as info:
        read_export(path)
    assert "Unpack the export with your computer's own tools" in info.value.help


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and devices")
def test_special_files_are_refused_by_type_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "your_friends.json"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="this is a named pipe"):
        read_export(fifo)
    with pytest.raises(ExportError, match="this is a device"):
        read_export(Path("/dev/zero"))
    export = ex.write_folder(tmp_path / "export", {"connections/friends/x.txt": b""})
    os.mkfifo(export / "connections" / "friends" / "your_friends.json")
    with pytest.raises(ExportError, match="no friends list"):
        read_export(export)  # the FIFO is skipped, not read


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_links_that_go_nowhere_are_explained(tmp_path: Path) -> None:
    (tmp_path / "export.zip").symlink_to(tmp_path / "gone.zip")
    with pytest.raises(ExportError, match=r"a symbolic link to .*gone\.zip, which does not"):
        read_export(tmp_path / "export.zip")
    (tmp_path / "a.zip").symlink_to(tmp_path / "b.zip")
    (tmp_path / "b.zip").symlink_to(tmp_path / "a.zip")
    with pytest.raises(ExportError, match="leads round in a circle"):
        read_export(tmp_path / "a.zip")


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
