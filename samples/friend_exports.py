"""Builds realistic platform exports, in the shapes each platform has used over the years, so
the importers are tested on what people download (written here, never downloaded)."""

from __future__ import annotations

import html
import io
import json
import zipfile
from pathlib import Path

T0 = 1_600_000_000


def meta_mojibake(text: str) -> str:
    """How Facebook and Instagram write text in their JSON: each UTF-8 byte as a character."""
    return text.encode("utf-8").decode("latin-1")


def meta_json(doc: object) -> bytes:
    """Meta writes \\u escapes for every non-ASCII character, pretty-printed with two spaces."""
    return json.dumps(doc, indent=2, ensure_ascii=True).encode("ascii")


def _entries(names: list[str]) -> list[dict[str, object]]:
    return [{"name": meta_mojibake(n), "timestamp": T0 + i} for i, n in enumerate(names)]


# Facebook ---------------------------------------------------------------------------------------
def facebook_friends_2023(names: list[str]) -> bytes:
    """connections/friends/your_friends.json"""
    return meta_json({"friends_v2": _entries(names)})


def facebook_friends_2021(names: list[str]) -> bytes:
    """friends_and_followers/friends.json"""
    return meta_json({"friends_v2": _entries(names)})


def facebook_friends_2019(names: list[str]) -> bytes:
    """friends/friends.json"""
    return meta_json({"friends": _entries(names)})


def facebook_followers(names: list[str], key: str = "followers_v3") -> bytes:
    """connections/followers/people_who_followed_you.json"""
    return meta_json({key: _entries(names)})


def facebook_following(names: list[str], key: str = "following_v3") -> bytes:
    """connections/followers/who_you've_followed.json"""
    return meta_json({key: _entries(names)})


def facebook_removed(names: list[str]) -> bytes:
    return meta_json({"deleted_friends_v2": _entries(names)})


def facebook_friends_html(names: list[str]) -> bytes:
    """connections/friends/your_friends.html (2023 on)."""
    sections = "\n".join(
        f'<section class="_a6-g" aria-labelledby="u{i}"><h2 class="_2ph_ _a6-h _a6-i" '
        f'id="u{i}">{html.escape(n)}</h2><div class="_2pin"></div><footer class="_a6-o">'
        f'<div class="_a72d">Oct 19, 2023 1:47:55 pm</div></footer></section>'
        for i, n in enumerate(names)
    )
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8" /><title>Your friends</title>'
        '<style>._a6-g{margin:0}</style></head><body><div class="_a705"><div class="_a706">'
        '<h1 class="_a6-h">Your friends</h1>'
        f"{sections}</div></div></body></html>"
    )
    return page.encode("utf-8")


def facebook_friends_htm_2015(names: list[str]) -> bytes:
    """html/friends.htm of the oldest exports."""
    items = "".join(f"<li>{html.escape(n)} ({i}@example.com)</li>" for i, n in enumerate(names))
    page = (
        '<html><head><title>Friends</title></head><body><div class="nav"><ul><li>Profile</li>'
        '</ul></div><div class="contents"><h1>Jo Bloggs</h1><h2>Friends</h2>'
        f'<ul>{items}</ul></div><div class="footer">Downloaded by Jo Bloggs</div></body></html>'
    )
    return page.encode("utf-8")


# Instagram --------------------------------------------------------------------------------------
def instagram_followers(usernames: list[str]) -> bytes:
    """connections/followers_and_following/followers_1.json: a bare list, "value" style."""
    return meta_json(
        [
            {
                "title": "",
                "media_list_data": [],
                "string_list_data": [
                    {
                        "href": f"https://www.instagram.com/{u}",
                        "value": u,
                        "timestamp": T0 + i,
                    }
                ],
            }
            for i, u in enumerate(usernames)
        ]
    )


def instagram_html(usernames: list[str], title: str = "Followers", u_style: bool = False) -> bytes:
    """followers_1.html / following.html, the format Instagram offers first: a box per person
    with a link to the profile (late-2025 style: the username in an <h2>, the link via /_u/)."""
    boxes = []
    for i, u in enumerate(usernames):
        href = f"https://www.instagram.com/{'_u/' if u_style else ''}{u}"
        heading = f'<h2 class="_3-95 _2pim _a6-h _a6-i">{u}</h2>' if u_style else ""
        link_text = href if u_style else u
        boxes.append(
            f'<div class="pam _3-95 _2ph- _a6-g uiBoxWhite noborder">{heading}'
            f'<div class="_a6-p"><div><div><a target="_blank" href="{href}">{link_text}</a>'
            f"</div><div>Jan {i % 28 + 1:02d}, 2024 9:14 pm</div></div></div></div>"
        )
    page = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8" /><title>{title}</title></head>'
        '<body class="_5vb_ _2yq _a7o5"><div class="clearfix _ikh"><div class="_4bl9">'
        f'<div class="_li"><div class="_a705"><div class="_a706" role="main">{"".join(boxes)}'
        "</div></div></div></div></div></body></html>"
    )
    return page.encode("utf-8")


def instagram_following(usernames: list[str], title_style: bool = True) -> bytes:
    """following.json: {"relationships_following": [...]}; late-2025 style puts the username
    in "title" and the href ends /_u/<username>."""
    if title_style:
        entries = [
            {
                "title": u,
                "string_list_data": [
                    {"href": f"https://www.instagram.com/_u/{u}", "timestamp": T0 + i}
                ],
            }
            for i, u in enumerate(usernames)
        ]
    else:
        entries = [
            {
                "title": "",
                "media_list_data": [],
                "string_list_data": [
                    {"href": f"https://www.instagram.com/{u}", "value": u, "timestamp": T0}
                ],
            }
            for u in usernames
        ]
    return meta_json({"relationships_following": entries})


def instagram_href_only(usernames: list[str]) -> bytes:
    """Entries with neither value nor title: only the profile address."""
    return meta_json(
        {
            "relationships_following": [
                {"title": "", "string_list_data": [{"href": f"https://www.instagram.com/_u/{u}"}]}
                for u in usernames
            ]
        }
    )


# X ----------------------------------------------------------------------------------------------
def x_js(kind: str, ids: list[str], wrapped: bool = True) -> bytes:
    """data/follower.js or data/following.js."""
    entries = [
        {kind: {"accountId": i, "userLink": f"https://twitter.com/intent/user?user_id={i}"}}
        if wrapped
        else {"accountId": i, "userLink": f"https://twitter.com/intent/user?user_id={i}"}
        for i in ids
    ]
    return f"window.YTD.{kind}.part0 = {json.dumps(entries, indent=2)}".encode()


# LinkedIn ---------------------------------------------------------------------------------------
LINKEDIN_NOTES = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here: "
    'https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
)


def _csv_cell(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def linkedin_connections(
    people: list[tuple[str, str, str]], with_url: bool = True, notes: bool = True
) -> bytes:
    """Connections.csv: (first, last, slug) rows, CRLF line ends, quoted fields."""
    header = ["First Name", "Last Name"]
    if with_url:
        header.append("URL")
    header += ["Email Address", "Company", "Position", "Connected On"]
    lines = [",".join(header)]
    for first, last, slug in people:
        row = [first, last]
        if with_url:
            row.append(f"https://www.linkedin.com/in/{slug}" if slug else "")
        row += ["", "Talent Partner, Product", 'Head of "Care"', "07 Dec 2025"]
        lines.append(",".join(_csv_cell(c) for c in row))
    text = (LINKEDIN_NOTES if notes else "") + "\r\n".join(lines) + "\r\n"
    return text.encode("utf-8")


# TikTok -----------------------------------------------------------------------------------------
def tiktok_new(followers: list[str], following: list[str]) -> bytes:
    """user_data_tiktok.json (2024 on)."""
    return json.dumps(
        {
            "Profile": {"Profile Info": {"ProfileMap": {"userName": "me"}}},
            "Your Activity": {
                "Follower": {
                    "FansList": [{"Date": "2024-01-01 00:00:00", "UserName": u} for u in followers]
                },
                "Following": {
                    "Following": [{"Date": "2024-01-01 00:00:00", "UserName": u} for u in following]
                },
                "Watch History": {"VideoList": [{"Date": "2024-01-02", "Link": "https://x"}]},
            },
            "App Settings": {"Block List": {"BlockList": []}},
        },
        indent=2,
    ).encode("utf-8")


def tiktok_txt(usernames: list[str]) -> bytes:
    """Activity/Follower List.txt or Following List.txt of the TXT export: a block a person."""
    blocks = [
        f"Date: 2024-01-{i % 28 + 1:02d} 18:0{i % 10}:00 UTC\nUsername: {u}\n"
        for i, u in enumerate(usernames)
    ]
    return "\n".join(blocks).encode("utf-8")


def tiktok_old(followers: list[str], following: list[str]) -> bytes:
    """user_data.json (before 2024)."""
    return json.dumps(
        {
            "Activity": {
                "Follower List": {
                    "FansList": [{"Date": "2021-01-01 00:00:00", "UserName": u} for u in followers]
                },
                "Following List": {
                    "Following": [{"Date": "2021-01-01 00:00:00", "UserName": u} for u in following]
                },
            },
            "Video": {"Videos": {"VideoList": []}},
        }
    ).encode("utf-8")


# Snapchat ---------------------------------------------------------------------------------------
def snapchat_friends(people: list[tuple[str, str]]) -> bytes:
    """json/friends.json: (username, display name)."""
    return json.dumps(
        {
            "Friends": [
                {
                    "Username": u,
                    "Display Name": d,
                    "Creation Timestamp": "2019-01-01 00:00:00 UTC",
                    "Last Modified Timestamp": "2019-01-01 00:00:00 UTC",
                    "Source": "Added by username",
                }
                for u, d in people
            ],
            "Friend Requests Sent": [],
            "Blocked Users": [{"Username": "blocked1", "Display Name": "Blocked Person"}],
            "Deleted Friends": [{"Username": "gone1", "Display Name": "Deleted Person"}],
            "Hidden Friend Suggestions": [],
            "Ignored Snapchatters": [],
            "Pending Requests": [],
            "Shortcuts": [],
        },
        indent=2,
        ensure_ascii=False,
    ).encode("utf-8")


# archives ---------------------------------------------------------------------------------------
def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_marked(files: dict[str, bytes], flags: int = 0, method: int | None = None) -> bytes:
    """A stored zip whose every member claims `flags` (1: encrypted) and, if given, the
    compression `method` (99: AES, which zipfile cannot read), in both of its headers."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + flag_at] |= flags
            if method is not None:
                data[at + flag_at + 2 : at + flag_at + 4] = method.to_bytes(2, "little")
            at = data.find(signature, at + 4)
    return bytes(data)


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(files))
    return path


def write_folder(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root
