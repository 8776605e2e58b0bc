"""Finding the friends files in an export, and clear messages for the wrong file."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import friend_check as scenario
from samples import friend_exports as ex

from selfaudit.measures.friends.model import ExportError
from selfaudit.measures.friends.reader import read_export, scan_pasted_names


@pytest.mark.parametrize(
    ("build", "platform"),
    [
        (scenario.facebook_files, "facebook"),
        (scenario.instagram_files, "instagram"),
        (scenario.instagram_html_files, "instagram"),
        (scenario.x_files, "x"),
        (scenario.linkedin_files, "linkedin"),
        (scenario.tiktok_files, "tiktok"),
        (scenario.tiktok_txt_files, "tiktok"),
        (scenario.snapchat_files, "snapchat"),
    ],
)
def test_zip_folder_and_single_file_give_the_same_people(
    tmp_path: Path, build: object, platform: str
) -> None:
    assert callable(build)
    files: dict[str, bytes] = build()
    from_zip = read_export(ex.write_zip(tmp_path / "export.zip", files))
    from_folder = read_export(ex.write_folder(tmp_path / "unpacked", files))
    assert from_zip.connections == from_folder.connections
    assert {c.platform for c in from_zip.connections} == {platform}
    assert from_zip.files  # names the files it read
    everyone = {c.key() for c in from_zip.connections}
    for name in from_zip.files:
        single = read_export(tmp_path / "unpacked" / name)
        assert {c.key() for c in single.connections} <= everyone


def test_follower_and_following_is_one_person_with_two_relations(tmp_path: Path) -> None:
    files = {
        "followers_1.json": ex.instagram_followers(["liv.b", "other"]),
        "following.json": ex.instagram_following(["Liv.B"]),
    }
    scan = read_export(ex.write_zip(tmp_path / "instagram.zip", files))
    (liv,) = [c for c in scan.connections if c.handle.casefold() == "liv.b"]
    assert {r.value for r in liv.relations} == {"follower", "following"}
    assert scan.counts() == {"instagram": 2}


def test_an_instagram_html_export_reads_followers_and_following_not_blocked(
    tmp_path: Path,
) -> None:
    scan = read_export(ex.write_zip(tmp_path / "instagram.zip", scenario.instagram_html_files()))
    found = {c.handle: {r.value for r in c.relations} for c in scan.connections}
    assert found == {
        "kieran.walsh99": {"follower"},
        "penny_ash": {"follower"},
        "Ethan_Wright2012": {"following"},
    }


def test_a_tiktok_txt_export_reads_its_follower_and_following_lists_only(tmp_path: Path) -> None:
    scan = read_export(ex.write_zip(tmp_path / "tiktok.zip", scenario.tiktok_txt_files()))
    found = {c.handle: {r.value for r in c.relations} for c in scan.connections}
    assert found == {
        "TomRiley_07": {"follower"},
        "tomriles": {"follower"},
        "desmond_ok": {"following"},
    }


def test_a_plain_list_named_following_txt_is_still_a_list_of_names(tmp_path: Path) -> None:
    path = tmp_path / "following.txt"
    path.write_text("Jo Bloggs\nAnn Lee\n")
    scan = read_export(path)
    assert {(c.platform, c.name) for c in scan.connections} == {
        ("other", "Jo Bloggs"),
        ("other", "Ann Lee"),
    }


def test_a_tiktok_list_chosen_on_its_own_is_read_as_tiktok(tmp_path: Path) -> None:
    path = tmp_path / "Following List.txt"
    path.write_bytes(ex.tiktok_txt(["desmond_ok"]))
    scan = read_export(path)
    assert [(c.platform, c.handle) for c in scan.connections] == [("tiktok", "desmond_ok")]


def test_a_facebook_following_page_is_not_taken_for_instagram(tmp_path: Path) -> None:
    files = {
        "facebook-jobloggs/connections/friends/your_friends.html": ex.facebook_friends_html(
            ["Jo Bloggs"]
        ),
        "facebook-jobloggs/connections/followers/following.html": (
            b'<html><body><a href="https://www.facebook.com/ann.lee">Ann Lee</a></body></html>'
        ),
    }
    scan = read_export(ex.write_zip(tmp_path / "facebook.zip", files))
    assert {(c.platform, c.name) for c in scan.connections} == {("facebook", "Jo Bloggs")}


def test_a_renamed_friends_file_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "my facebook friends.json"
    path.write_bytes(ex.facebook_friends_2023(["Jo Bloggs"]))
    assert [c.name for c in read_export(path).connections] == ["Jo Bloggs"]


def test_an_export_without_a_friends_file_says_how_to_get_one(tmp_path: Path) -> None:
    files = {
        "facebook-jo/your_facebook_activity/posts/your_posts_1.json": b"[]",
        "facebook-jo/personal_information/profile_information/profile_information.json": b"{}",
    }
    with pytest.raises(ExportError) as info:
        read_export(ex.write_zip(tmp_path / "download.zip", files))
    error = info.value
    assert error.source == "download.zip"
    assert error.reason == "this Facebook export has no friends list in it"
    assert "Download your information" in error.help and '"JSON"' in error.help


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0JFIF"),
        ("notes.pdf", b"%PDF-1.7\n"),
        ("data.json", b'{"hello": "world"}'),
        ("script.js", b"console.log(1)"),
    ],
)
def test_the_wrong_kind_of_file_says_what_was_expected(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ExportError) as info:
        read_export(path)
    assert info.value.reason == "this is not a friends list selfaudit can read"
    assert "your_friends.json" in info.value.help and "Connections.csv" in info.value.help


def test_a_damaged_friends_file_names_the_place(tmp_path: Path) -> None:
    broken = ex.facebook_friends_2023(["Jo Bloggs", "Ann Lee"])[:-20]
    files = {"connections/friends/your_friends.json": broken}
    with pytest.raises(ExportError) as info:
        read_export(ex.write_zip(tmp_path / "facebook.zip", files))
    assert info.value.reason.startswith("your_friends.json is damaged: the JSON breaks at line")
    assert "To download your Facebook friends list" in info.value.help


def test_one_damaged_file_does_not_lose_the_others(tmp_path: Path) -> None:
    files = {
        "followers_1.json": ex.instagram_followers(["liv.b"]),
        "followers_2.json": b'[{"title": "", "string_list_data": [',
    }
    scan = read_export(ex.write_zip(tmp_path / "instagram.zip", files))
    assert [c.handle for c in scan.connections] == ["liv.b"]
    assert scan.problems and scan.problems[0].startswith("followers_2.json is damaged")


def test_pasted_names() -> None:
    scan = scan_pasted_names("Jo Bloggs\n\n  Ann Lee \nJo Bloggs\n")
    assert [c.name for c in scan.connections] == ["Jo Bloggs", "Ann Lee"]
    assert scan.counts() == {"other": 2}


def test_counts_are_counted_once(tmp_path: Path) -> None:
    export = ex.write_zip(
        tmp_path / "facebook.zip",
        {"your_friends.json": ex.facebook_friends_2023(["Olivia Brown", "Jo Bloggs"])},
    )
    from selfaudit.measures.friends.isolation import read_export_in_worker

    scan = read_export_in_worker(export)
    assert "_counts" in vars(scan)  # counted by the reader, on its own thread
    assert scan.counts() == {"facebook": 2}
    scan.counts()["facebook"] = 99  # a copy: the scan's own count is not changed
    assert scan.counts() == {"facebook": 2}
