"""A realistic friend check: one export from every platform, with service users planted among
ordinary friends (accents, Meta's mojibake, swapped word order, hyphens, emoji, handles typed
with @ and capitals, nicknames) and look-alikes that must not be matched."""

from __future__ import annotations

from pathlib import Path

from samples import friend_exports as ex

SERVICE_USERS_CSV = """\
name,facebook,instagram,x,tiktok,snapchat,linkedin
José Álvarez,,,,,,
Łukasz Żółć,,,,,,
Olivia Brown,,,,,,
Mary-Jane O'Neil,,,,,,
Chloé Dubois,,,,,,
William Hughes,,,,,,
Kieran Walsh,,@Kieran.Walsh99,,,,
Aisha Khan,,,https://twitter.com/intent/user?user_id=1234567,,,
Tom Riley,,,,@TomRiley_07,,
Sam Patel,,,,,SamP2010,
Grace Obi,,,,,,https://www.linkedin.com/in/Grace-Obi-12/
Elizabeth Carter,,,,,,
Søren Nielsen,,,,,,
Ethan Wright,,,,,,
Nguyễn Thị Hoa,,,,,,
"""

# ordinary friends: nobody on the list, nobody like them
FILLER = [
    "Harriet Pemberton",
    "Rajesh Venkataraman",
    "Bronwen Llewellyn",
    "Fergus McAllister",
    "Imogen Thistlethwaite",
    "Desmond Okonkwo",
    "Penelope Ashworth",
    "Cormac Doyle",
    "Yusuf Demir",
    "Agnieszka Wiśniewska",
]

# (platform, the friend as shown, the service user it must be matched with)
PLANTED = [
    ("facebook", "José Álvarez", "José Álvarez"),  # mojibake in the export, accents
    ("facebook", "Łukasz Żółć", "Łukasz Żółć"),  # mojibake of letters with no ASCII base
    ("facebook", "Brown Olivia", "Olivia Brown"),  # word order
    ("facebook", "Mary Jane ONeil", "Mary-Jane O'Neil"),  # hyphen, apostrophe
    ("facebook", "🌸 Chloe Dubois 🌸", "Chloé Dubois"),  # emoji, accent
    ("facebook", "Bill Hughes", "William Hughes"),  # nickname
    ("instagram", "@kieran.walsh99", "Kieran Walsh"),  # handle typed with @ and capitals
    ("instagram", "@ethan_wright2012", "Ethan Wright"),  # the name inside a username
    ("x", "X account 1234567", "Aisha Khan"),  # account id from an intent link
    ("tiktok", "@tomriley_07", "Tom Riley"),  # handle with @ and capitals
    ("snapchat", "Sammy ⚽", "Sam Patel"),  # handle; the display name is no help
    ("snapchat", "Liz Carter", "Elizabeth Carter"),  # nickname
    ("linkedin", "Grace Obi-Nwosu", "Grace Obi"),  # profile address; double-barrelled name
    ("linkedin", "Soren Nielsen", "Søren Nielsen"),  # ø
    ("other", "Hoa Thi Nguyen", "Nguyễn Thị Hoa"),  # Vietnamese diacritics, order
]

# look-alikes: close to someone on the list, but not them
DECOYS = [
    ("facebook", "Olivia Smith"),
    ("facebook", "Oliver Brown"),
    ("facebook", "Jose Alvarado"),
    ("facebook", "Lukas Zolciak"),
    ("facebook", "Chloe Duval"),
    ("facebook", "Will Hughson"),
    ("instagram", "@kieran_wallace"),
    ("x", "X account 12345678"),
    ("tiktok", "@tomriles"),
    ("snapchat", "Liz Cartwright"),
    ("linkedin", "Grace O'Brien"),
    ("linkedin", "Soren Nilsson"),
]


def facebook_files() -> dict[str, bytes]:
    root = "facebook-jobloggs-2024-06-01-Xy12/"
    friends = [
        "José Álvarez",
        "Łukasz Żółć",
        "Brown Olivia",
        "Mary Jane ONeil",
        "🌸 Chloe Dubois 🌸",
        "Olivia Smith",
        "Oliver Brown",
        "Jose Alvarado",
        "Lukas Zolciak",
        "Chloe Duval",
        *FILLER,
    ]
    return {
        f"{root}connections/friends/your_friends.json": ex.facebook_friends_2023(friends),
        f"{root}connections/friends/removed_friends.json": ex.facebook_removed(["Gone Person"]),
        f"{root}connections/followers/people_who_followed_you.json": ex.facebook_followers(
            ["Bill Hughes", "Will Hughson", "Harriet Pemberton"]
        ),
        f"{root}connections/followers/who_you've_followed.json": ex.facebook_following(
            ["Local Library", "Harriet Pemberton"]
        ),
        f"{root}your_facebook_activity/posts/your_posts_1.json": b'[{"timestamp": 1}]',
        f"{root}personal_information/profile_information/profile_information.json": b"{}",
    }


def instagram_files() -> dict[str, bytes]:
    root = "instagram-jobloggs-2024-06-01/connections/followers_and_following/"
    return {
        f"{root}followers_1.json": ex.instagram_followers(["kieran.walsh99", "penny_ash"]),
        f"{root}followers_2.json": ex.instagram_followers(["kieran_wallace", "fergus.mc"]),
        f"{root}following.json": ex.instagram_following(["ethan_wright2012", "bbcnews"]),
        f"{root}blocked_profiles.json": ex.instagram_following(["someone_blocked"]),
    }


def instagram_html_files() -> dict[str, bytes]:
    """The same kind of export in HTML, the format Instagram offers first."""
    root = "instagram-jobloggs-2025-11-02/connections/followers_and_following/"
    return {
        "instagram-jobloggs-2025-11-02/start_here.html": b"<html><body>Your information</body>",
        f"{root}followers_1.html": ex.instagram_html(["kieran.walsh99", "penny_ash"]),
        f"{root}following.html": ex.instagram_html(["Ethan_Wright2012"], "Following", True),
        f"{root}blocked_profiles.html": ex.instagram_html(["someone_blocked"], "Blocked"),
    }


def x_files() -> dict[str, bytes]:
    return {
        "Your archive.html": b"<html><body>Your archive</body></html>",
        "data/manifest.js": b"window.__THAR_CONFIG = {}",
        "data/follower.js": ex.x_js("follower", ["1234567", "998877"]),
        "data/following.js": ex.x_js("following", ["12345678", "554433"], wrapped=False),
        "data/block.js": b"window.YTD.block.part0 = [ ]",
    }


def linkedin_files() -> dict[str, bytes]:
    people = [
        ("Grace", "Obi-Nwosu", "Grace-Obi-12"),
        ("Soren", "Nielsen", "soren-nielsen"),
        ("Grace", "O'Brien", "grace-obrien-9"),
        ("Soren", "Nilsson", ""),
        ("Bronwen", "Llewellyn", "bronwenl"),
    ]
    return {
        "Basic_LinkedInDataExport_06-01-2024/Connections.csv": ex.linkedin_connections(people),
        "Basic_LinkedInDataExport_06-01-2024/Profile.csv": b"First Name,Last Name\r\nJo,Bloggs\r\n",
    }


def tiktok_files() -> dict[str, bytes]:
    return {
        "user_data_tiktok.json": ex.tiktok_new(["TomRiley_07", "tomriles"], ["desmond_ok"]),
    }


def tiktok_txt_files() -> dict[str, bytes]:
    """The TXT export: one file per list, beside other lists that are not people."""
    root = "TikTok_Data_1730000000/Activity/"
    return {
        f"{root}Follower List.txt": ex.tiktok_txt(["TomRiley_07", "tomriles"]),
        f"{root}Following List.txt": ex.tiktok_txt(["desmond_ok"]),
        f"{root}Like List.txt": b"Date: 2024-01-01 18:00:00 UTC\nLink: https://www.tiktok.com/v/1\n",
        "TikTok_Data_1730000000/Profile/Profile Info.txt": b"Username: me\nBio: hello\n",
    }


def snapchat_files() -> dict[str, bytes]:
    people = [
        ("samp2010", "Sammy ⚽"),
        ("lizcarter", "Liz Carter"),
        ("lizcw", "Liz Cartwright"),
        ("yusufd", "🙂"),
    ]
    return {
        "mydata~1717171717/json/friends.json": ex.snapchat_friends(people),
        "mydata~1717171717/json/account.json": b"{}",
        "mydata~1717171717/html/friends.html": b"<html><body><table></table></body></html>",
    }


def names_list() -> bytes:
    return b"Hoa Thi Nguyen\nCormac Doyle\n\n# from my phone contacts\nYusuf Demir\n"


def build_exports(folder: Path) -> list[Path]:
    """One export per platform, as people download them, plus a list of names."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        ex.write_zip(folder / "facebook-jobloggs-2024-06-01-Xy12.zip", facebook_files()),
        ex.write_zip(folder / "instagram-jobloggs-2024-06-01.zip", instagram_files()),
        ex.write_zip(folder / "twitter-2024-06-01-abc.zip", x_files()),
        ex.write_zip(folder / "Basic_LinkedInDataExport_06-01-2024.zip", linkedin_files()),
        ex.write_zip(folder / "TikTok_Data_1717171717.zip", tiktok_files()),
        ex.write_zip(folder / "mydata~1717171717.zip", snapchat_files()),
        _write(folder / "other-friends.txt", names_list()),
    ]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
