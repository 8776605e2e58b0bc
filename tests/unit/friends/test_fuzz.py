"""Broken input of every kind gives a clean error, never a traceback."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import friend_check as scenario
from samples import friend_exports as ex

from selfaudit.measures.friends.importers import (
    NAME_LIST_IMPORTER,
    PLATFORM_IMPORTERS,
    FormatError,
    FriendsImporter,
)
from selfaudit.measures.friends.importers.instagram import InstagramImporter
from selfaudit.measures.friends.importers.tiktok import TikTokImporter
from selfaudit.measures.friends.model import ExportError, ListError
from selfaudit.measures.friends.reader import read_export
from selfaudit.measures.friends.service_users import parse_service_users

IMPORTERS = [*PLATFORM_IMPORTERS, NAME_LIST_IMPORTER]
FILE_NAMES = {
    "facebook": "your_friends.json",
    "instagram": "followers_1.json",
    "x": "follower.js",
    "linkedin": "Connections.csv",
    "tiktok": "user_data_tiktok.json",
    "snapchat": "friends.json",
    "other": "friends.txt",
}
GOOD = {
    "facebook": ex.facebook_friends_2023(["José Álvarez", "Jo Bloggs"]),
    "instagram": ex.instagram_followers(["liv.b", "kieran_w"]),
    "x": ex.x_js("follower", ["12", "34"]),
    "linkedin": ex.linkedin_connections([("Grace", "Obi", "grace-obi")]),
    "tiktok": ex.tiktok_new(["fan_1"], ["idol"]),
    "snapchat": ex.snapchat_friends([("livb", "Liv")]),
    "other": b"Jo Bloggs\nAnn Lee\n",
}
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "friends_v2",
                    "name",
                    "Friends",
                    "FansList",
                    "UserName",
                    "string_list_data",
                    "value",
                    "title",
                    "href",
                    "relationships_following",
                    "Activity",
                    "follower",
                    "accountId",
                    "x",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


def parse_cleanly(importer: FriendsImporter, data: bytes) -> None:
    try:
        people = importer.parse(FILE_NAMES[importer.platform], data)
    except FormatError as problem:
        assert problem.reason and "\n" not in problem.reason
    else:
        assert all(p.name or p.handle for p in people)


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda i: i.platform)
@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(importer: FriendsImporter, data: bytes) -> None:
    parse_cleanly(importer, data)


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda i: i.platform)
@FUZZ
@given(doc=json_values)
def test_json_of_the_wrong_shape(importer: FriendsImporter, doc: object) -> None:
    text = json.dumps(doc)
    if importer.platform == "x":
        text = f"window.YTD.follower.part0 = {text}"
    parse_cleanly(importer, text.encode())


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda i: i.platform)
@FUZZ
@given(cut=st.integers(min_value=0), flip=st.integers(min_value=0), byte=st.integers(0, 255))
def test_damaged_real_files(importer: FriendsImporter, cut: int, flip: int, byte: int) -> None:
    data = bytearray(GOOD[importer.platform])
    data[flip % len(data)] = byte
    parse_cleanly(importer, bytes(data[: len(data) - cut % len(data)]))


def test_deep_nesting_is_a_clean_error() -> None:
    for importer in IMPORTERS:
        parse_cleanly(importer, b"[" * 100_000)
        parse_cleanly(importer, b'{"a":' * 100_000)


@FUZZ
@given(cut=st.integers(min_value=0), flip=st.integers(min_value=0), byte=st.integers(0, 255))
def test_damaged_instagram_web_pages(cut: int, flip: int, byte: int) -> None:
    data = bytearray(ex.instagram_html(["liv.b", "kieran_w"], u_style=True))
    data[flip % len(data)] = byte
    try:
        people = InstagramImporter().parse(
            "followers_1.html", bytes(data[: len(data) - cut % len(data)])
        )
    except FormatError as problem:
        assert problem.reason and "\n" not in problem.reason
    else:
        assert all(p.handle for p in people)


@FUZZ
@given(text=st.text(max_size=400))
def test_tiktok_text_lists_of_any_content(text: str) -> None:
    try:
        people = TikTokImporter().parse("Activity/Following List.txt", text.encode("utf-8"))
    except FormatError as problem:
        assert problem.reason and "\n" not in problem.reason
    else:
        assert people and all(p.handle.strip() for p in people)


@FUZZ
@given(cut=st.integers(min_value=1), flip=st.integers(min_value=0), byte=st.integers(0, 255))
def test_damaged_zip_exports(cut: int, flip: int, byte: int) -> None:
    data = bytearray(ex.zip_bytes(scenario.instagram_files()))
    data[flip % len(data)] = byte
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "instagram.zip"
        path.write_bytes(bytes(data[: len(data) - cut % 200]))
        try:
            read_export(path)
        except ExportError as error:
            assert error.reason and "\n" not in error.reason


@FUZZ
@given(text=st.text(max_size=300))
def test_service_user_lists(text: str) -> None:
    try:
        users = parse_service_users(text)
    except ListError as error:
        assert str(error)
    else:
        assert all(u.name or u.handles for u in users)
