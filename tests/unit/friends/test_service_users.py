"""The service-user list: typed, pasted, .txt or .csv with per-platform handles."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfaudit.measures.friends.model import ListError, ServiceUser
from selfaudit.measures.friends.service_users import load_service_users, parse_service_users


def test_one_name_a_line() -> None:
    users = parse_service_users("Olivia Brown\n  Jo Bloggs  \n\n- Ann Lee\n1) Sam Patel\n")
    assert [u.name for u in users] == ["Olivia Brown", "Jo Bloggs", "Ann Lee", "Sam Patel"]


def test_a_name_with_a_comma_is_one_name_not_a_table() -> None:
    assert [u.name for u in parse_service_users("Brown, Olivia\nLee, Ann")] == [
        "Brown, Olivia",
        "Lee, Ann",
    ]


def test_csv_with_handles_in_any_form() -> None:
    text = (
        "Name,Instagram,X,TikTok,Snapchat,LinkedIn,Facebook\n"
        'Olivia Brown,@Liv.B,https://x.com/intent/user?user_id=99,@Liv_TT,LIVB,"linkedin.com/in/'
        'olivia-b",\n'
        "Jo Bloggs,,,,,,\n"
    )
    users = parse_service_users(text)
    assert users == [
        ServiceUser(
            "Olivia Brown",
            {
                "instagram": "liv.b",
                "x": "99",
                "tiktok": "liv_tt",
                "snapchat": "livb",
                "linkedin": "olivia-b",
            },
        ),
        ServiceUser("Jo Bloggs", {}),
    ]


def test_twitter_column_is_x_and_first_last_columns_make_a_name() -> None:
    users = parse_service_users("First Name,Last Name,Twitter\nOlivia,Brown,@LivB\n")
    assert users == [ServiceUser("Olivia Brown", {"x": "livb"})]


def test_the_same_person_twice_is_listed_once() -> None:
    assert len(parse_service_users("Olivia Brown\nolivia  brown\nBROWN Olivia\n")) == 2


def test_csv_file_from_a_spreadsheet_in_windows_encoding(tmp_path: Path) -> None:
    path = tmp_path / "service users.csv"
    path.write_bytes("name,instagram\r\nJosé Álvarez,@jose\r\n".encode("cp1252"))
    assert load_service_users(path) == [ServiceUser("José Álvarez", {"instagram": "jose"})]


def test_utf16_text_file(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_bytes("Łukasz Żółć\r\nSøren\r\n".encode("utf-16"))
    assert [u.name for u in load_service_users(path)] == ["Łukasz Żółć", "Søren"]


def test_single_column_csv_without_header(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Olivia Brown\nJo Bloggs\n")
    assert [u.name for u in load_service_users(path)] == ["Olivia Brown", "Jo Bloggs"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "list.csv",
            b"first,second\nOlivia,Brown\n",
            'line 1: expected a header row with a column called "name"',
        ),
        ("list.txt", b"\x00\x01\x02binary", "not a text file"),
        ("list.txt", b"\n\n# only a comment\n", "holds no names"),
        ("list.csv", b'name\n"Olivia Brown\n', "list.csv: line"),
    ],
)
def test_bad_lists_say_which_file_and_line(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ListError) as info:
        load_service_users(path)
    assert message in str(info.value)
    assert str(info.value).startswith(name)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ListError, match=r"names\.txt: this does not exist"):
        load_service_users(tmp_path / "names.txt")
