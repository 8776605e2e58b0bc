"""Each platform's importer on the files of each era, as the platform writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import friend_exports as ex

from selfaudit.measures.friends.importers import FormatError
from selfaudit.measures.friends.importers.facebook import FacebookImporter
from selfaudit.measures.friends.importers.instagram import InstagramImporter
from selfaudit.measures.friends.importers.linkedin import LinkedInImporter
from selfaudit.measures.friends.importers.namelist import NameListImporter
from selfaudit.measures.friends.importers.snapchat import SnapchatImporter
from selfaudit.measures.friends.importers.tiktok import TikTokImporter
from selfaudit.measures.friends.importers.x import XImporter
from selfaudit.measures.friends.model import Relation
from selfaudit.measures.friends.reader import read_export

NAMES = ["José Álvarez", "Łukasz Żółć", "🌸 Chloé 🌸", "Mary-Jane O'Neil"]


# Facebook ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "data", "relation"),
    [
        ("connections/friends/your_friends.json", ex.facebook_friends_2023(NAMES), "friend"),
        ("friends_and_followers/friends.json", ex.facebook_friends_2021(NAMES), "friend"),
        ("friends/friends.json", ex.facebook_friends_2019(NAMES), "friend"),
        (
            "connections/followers/people_who_followed_you.json",
            ex.facebook_followers(NAMES),
            "follower",
        ),
        (
            "connections/followers/people_who_followed_you.json",
            ex.facebook_followers(NAMES, key="followers_v2"),
            "follower",
        ),
        (
            "connections/followers/who_you've_followed.json",
            ex.facebook_following(NAMES),
            "following",
        ),
        ("who_you_follow.json", ex.facebook_following(NAMES, key="following_v2"), "following"),
    ],
)
def test_facebook_json_every_era(path: str, data: bytes, relation: str) -> None:
    importer = FacebookImporter()
    assert importer.claims(path)
    people = importer.parse(path, data)
    assert [p.name for p in people] == NAMES  # mojibake repaired
    assert all(p.relations == {Relation(relation)} for p in people)


def test_facebook_html_current_layout() -> None:
    data = ex.facebook_friends_html(["José Álvarez", "O'Brien & Smith", "Jo Bloggs"])
    people = FacebookImporter().parse("your_friends.html", data)
    assert [p.name for p in people] == ["José Álvarez", "O'Brien & Smith", "Jo Bloggs"]


def test_facebook_html_oldest_layout() -> None:
    data = ex.facebook_friends_htm_2015(["Jo Bloggs", "Ann O'Neil"])
    assert FacebookImporter().claims("html/friends.htm")
    people = FacebookImporter().parse("html/friends.htm", data)
    assert [p.name for p in people] == ["Jo Bloggs", "Ann O'Neil"]


def test_facebook_html_of_an_unknown_layout_is_refused() -> None:
    with pytest.raises(FormatError, match="layout"):
        FacebookImporter().parse("your_friends.html", b"<html><p>Hello</p></html>")


def test_snapchat_friends_html_is_not_taken_for_facebook() -> None:
    assert not FacebookImporter().claims("mydata~1/html/friends.html")
    assert FacebookImporter().claims("facebook/friends/friends.html")


def test_facebook_removed_friends_are_not_friends() -> None:
    assert not FacebookImporter().claims("connections/friends/removed_friends.json")


# Instagram --------------------------------------------------------------------------------------
def test_instagram_followers_value_style() -> None:
    people = InstagramImporter().parse(
        "followers_1.json", ex.instagram_followers(["olivia.b", "kieran_w"])
    )
    assert [(p.handle, p.relations) for p in people] == [
        ("olivia.b", {Relation.FOLLOWER}),
        ("kieran_w", {Relation.FOLLOWER}),
    ]


@pytest.mark.parametrize("title_style", [True, False])
def test_instagram_following_both_styles(title_style: bool) -> None:
    data = ex.instagram_following(["olivia.b", "kieran_w"], title_style=title_style)
    people = InstagramImporter().parse("following.json", data)
    assert [p.handle for p in people] == ["olivia.b", "kieran_w"]
    assert all(p.relations == {Relation.FOLLOWING} for p in people)


def test_instagram_username_from_the_address_alone() -> None:
    people = InstagramImporter().parse("following.json", ex.instagram_href_only(["liv.b"]))
    assert [p.handle for p in people] == ["liv.b"]


@pytest.mark.parametrize(
    "name", ["followers_1.json", "followers_12.json", "followers.json", "following_1.json"]
)
def test_instagram_claims_every_part(name: str) -> None:
    assert InstagramImporter().claims(f"connections/followers_and_following/{name}")


@pytest.mark.parametrize("u_style", [False, True])
def test_instagram_html_followers_and_following(u_style: bool) -> None:
    importer = InstagramImporter()
    names = ["olivia.b", "Kieran_W", "penny.ash99"]
    assert importer.claims("connections/followers_and_following/followers_1.html")
    followers = importer.parse("followers_1.html", ex.instagram_html(names, u_style=u_style))
    assert [(p.handle, p.relations) for p in followers] == [
        (name, {Relation.FOLLOWER}) for name in names
    ]
    following = importer.parse(
        "following.html", ex.instagram_html(names[:1], "Following", u_style=u_style)
    )
    assert [(p.handle, p.relations) for p in following] == [("olivia.b", {Relation.FOLLOWING})]


def test_instagram_html_skips_links_that_are_not_people() -> None:
    page = (
        b'<a href="https://www.instagram.com/accounts/privacy_and_security/">settings</a>'
        b'<a href="https://www.instagram.com/explore/">explore</a>'
        b'<a href="https://www.instagram.com/liv.b/">liv.b</a>'
        b'<a href="https://www.facebook.com/liv.b">not Instagram</a>'
    )
    assert [p.handle for p in InstagramImporter().parse("followers_1.html", page)] == ["liv.b"]


def test_a_page_from_another_site_is_not_an_instagram_list() -> None:
    page = b'<html><body><a href="https://www.facebook.com/jo.bloggs">Jo Bloggs</a></body></html>'
    with pytest.raises(FormatError) as caught:
        InstagramImporter().parse("following.html", page)
    assert caught.value.wrong_kind


def test_instagram_blocked_and_close_friends_are_not_followers() -> None:
    for name in ("blocked_profiles.json", "close_friends.json", "pending_follow_requests.json"):
        assert not InstagramImporter().claims(name)


# X ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("wrapped", [True, False])
def test_x_followers_and_following(wrapped: bool) -> None:
    importer = XImporter()
    followers = importer.parse("data/follower.js", ex.x_js("follower", ["12", "34"], wrapped))
    following = importer.parse("data/following.js", ex.x_js("following", ["56"], wrapped))
    assert [(p.handle, p.relations) for p in followers] == [
        ("12", {Relation.FOLLOWER}),
        ("34", {Relation.FOLLOWER}),
    ]
    assert [p.handle for p in following] == ["56"]
    assert following[0].label == "X account 56"


def test_x_split_files_and_empty_lists() -> None:
    assert XImporter().claims("data/follower-part2.js")
    assert XImporter().parse("data/follower.js", b"window.YTD.follower.part0 = [ ]") == []


def test_x_block_list_is_not_followers() -> None:
    assert not XImporter().claims("data/block.js")
    with pytest.raises(FormatError):
        XImporter().parse("follower.js", b"window.YTD.block.part0 = [ ]")


# LinkedIn ---------------------------------------------------------------------------------------
PEOPLE = [("Grace", "Obi-Nwosu", "Grace-Obi-12"), ("Ravi", 'Mehta "RM"', ""), ("Søren", "", "")]


@pytest.mark.parametrize("notes", [True, False])
@pytest.mark.parametrize("with_url", [True, False])
def test_linkedin_connections_every_header(notes: bool, with_url: bool) -> None:
    data = ex.linkedin_connections(PEOPLE, with_url=with_url, notes=notes)
    people = LinkedInImporter().parse("Connections.csv", data)
    assert [p.name for p in people] == ["Grace Obi-Nwosu", 'Ravi Mehta "RM"', "Søren"]
    assert all(p.relations == {Relation.CONNECTION} for p in people)
    handles = [p.handle for p in people]
    assert handles == (["grace-obi-12", "", ""] if with_url else ["", "", ""])


def test_linkedin_with_byte_order_mark_and_undefined() -> None:
    data = "\ufeffFirst Name,Last Name,URL\nundefined,Bloggs,\n,,\n".encode()
    people = LinkedInImporter().parse("Connections.csv", data)
    assert [p.name for p in people] == ["Bloggs"]


def test_a_csv_without_the_header_is_not_linkedin() -> None:
    with pytest.raises(FormatError) as info:
        LinkedInImporter().parse("Connections.csv", b"name\nJo\n")
    assert info.value.wrong_kind


# TikTok -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("build", [ex.tiktok_new, ex.tiktok_old])
def test_tiktok_both_eras(build: object) -> None:
    assert callable(build)
    people = TikTokImporter().parse("user_data_tiktok.json", build(["fan_1", "Fan2"], ["idol"]))
    assert sorted((p.handle, *p.relations) for p in people) == [
        ("Fan2", Relation.FOLLOWER),
        ("fan_1", Relation.FOLLOWER),
        ("idol", Relation.FOLLOWING),
    ]


def test_tiktok_without_lists_says_so() -> None:
    with pytest.raises(FormatError, match="no followers") as info:
        TikTokImporter().parse("user_data.json", b'{"Profile": {}}')
    assert not info.value.wrong_kind


# Snapchat ---------------------------------------------------------------------------------------
def test_snapchat_friends_only() -> None:
    data = ex.snapchat_friends([("livb", "Liv 🌸"), ("nobody", "")])
    people = SnapchatImporter().parse("json/friends.json", data)
    assert [(p.handle, p.name) for p in people] == [("livb", "Liv 🌸"), ("nobody", "")]
    assert people[1].label == "@nobody"


def test_friends_json_goes_to_the_platform_whose_content_it_is(tmp_path: Path) -> None:
    for data, platform in (
        (ex.facebook_friends_2021(["Jo Bloggs"]), "facebook"),
        (ex.snapchat_friends([("jo", "Jo Bloggs")]), "snapchat"),
    ):
        path = tmp_path / "friends.json"
        path.write_bytes(data)
        assert {c.platform for c in read_export(path).connections} == {platform}


# A list of names --------------------------------------------------------------------------------
def test_name_list_text_and_csv() -> None:
    importer = NameListImporter()
    text = importer.parse("friends.txt", "• Jo Bloggs\r\n2. Ann Lee\n\n# note\n".encode())
    assert [p.name for p in text] == ["Jo Bloggs", "Ann Lee"]
    table = importer.parse("friends.csv", b"First Name,Last Name\nJo,Bloggs\n")
    assert [p.name for p in table] == ["Jo Bloggs"]
