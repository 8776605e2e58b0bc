"""Realistic friend-check data for the benchmarks: service users and friends with names from
many languages, some planted among the friends, written as a Facebook export (.zip) and a
service-user list (.csv). Names go through Meta's mojibake (UTF-8 read as Latin-1) as in real
exports."""

from __future__ import annotations

import json
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path


def words(text: str) -> list[str]:
    """A paragraph of names reads better than a list of 130 quoted strings."""
    return text.split()


FIRST = words(
    "Olivia Amelia Isla Ava Ivy Freya Lily Florence Mia Willow Rosie Sophia Isabella Grace "
    "Daisy Sienna Poppy Elsie Emily Ella Evelyn Phoebe Sofia Evie Charlotte Harper Millie "
    "Matilda Maya Sophie Alice Emilia Isabelle Ruby Luna Maisie Aria Penelope Mila Bonnie Eva "
    "Hallie Eliza Ada Violet Esme Arabella Imogen Jessica Delilah Noah Muhammad Oliver George "
    "Leo Arthur Oscar Harry Archie Jack Henry Charlie Freddie Theodore Thomas Finley Theo "
    "Alfie Jacob William Isaac Tommy Lucas Elijah Arlo James Roman Mohammed Albie Edward "
    "Lucca Ezra Joshua Jude Hugo Reggie Louie Rory Tobias Sebastian Max Teddy Ronnie Ethan "
    "José Zoë Chloé Łukasz Søren Aoife Siobhán Niamh Oisín Kasia Agnieszka Nguyễn Mehmet "
    "Ayşe Björn Ægir Renée Dóra Zsófia Ciarán Seán Róisín Bartłomiej Małgorzata Jürgen"
)
SYLLABLES = words(
    "ab ack al an ar ash ber bing bor bridge brook by car ces chester cliff coll cot dale "
    "den ding don dridge ell er ers ett ey field ford gate gill good ham hart hay hill holm "
    "hurst ing ington kin lan land ley lock low man mar mer mill mond more ner nett ney "
    "nor over pen per pool ridge rigg ring ross rowe ry sall shaw son stead stone ter thorn "
    "ton tree vale ville wall ward well wick win wood worth yard zak ski wicz ová ñez ez"
)
PLANTED = 50  # service users who are among the friends


def make_surname(rng: random.Random) -> str:
    parts = rng.randint(2, 3)
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_names(count: int, rng: random.Random, surnames: list[str]) -> list[str]:
    names = []
    for _ in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(surnames)}"
        roll = rng.random()
        if roll < 0.03:
            name = f"🌸 {name}"
        elif roll < 0.06:
            name = name.replace(" ", "-", 1) + f" {rng.choice(surnames)}"
        names.append(name)
    return names


@dataclass
class People:
    users: list[str]  # the service users
    friends: list[str]  # 50 of them are service users
    rng: random.Random
    surnames: list[str]

    def more(self, count: int) -> list[str]:
        return make_names(count, self.rng, self.surnames)


def people(users: int = 1000, friends: int = 5000, seed: int = 2024) -> People:
    rng = random.Random(seed)
    surnames = sorted({make_surname(rng) for _ in range(4000)})
    service_users = make_names(users, rng, surnames)
    their_friends = make_names(friends, rng, surnames)
    step = users // PLANTED
    for index in range(0, users, step):
        their_friends[(index * 5) % friends] = service_users[index]
    return People(service_users, their_friends, rng, surnames)


def meta_mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def friends_json(names: list[str], key: str = "friends_v2") -> bytes:
    entries = [
        {"name": meta_mojibake(n), "timestamp": 1_600_000_000 + i} for i, n in enumerate(names)
    ]
    return json.dumps({key: entries}, indent=2, ensure_ascii=True).encode("ascii")


def facebook_files(friends: list[str], followers: list[str]) -> dict[str, bytes]:
    files = {"connections/friends/your_friends.json": friends_json(friends)}
    if followers:
        files["connections/followers/people_who_followed_you.json"] = friends_json(
            followers, key="followers_v3"
        )
    return files


def write_export(path: Path, files: dict[str, bytes], filler_bytes: int = 0) -> None:
    """A Facebook export: the friends files, posts, and `filler_bytes` of photos (which do not
    compress, so the .zip is that much bigger)."""
    rng = random.Random(7)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(f"facebook-jobloggs-2024/{name}", data)
        done = 0
        number = 0
        while done < filler_bytes:
            size = min(2 * 1024 * 1024, filler_bytes - done)
            archive.writestr(
                f"facebook-jobloggs-2024/your_facebook_activity/posts/media/{number}.jpg",
                rng.randbytes(size),
                compress_type=zipfile.ZIP_STORED,
            )
            done += size
            number += 1
        archive.writestr(
            "facebook-jobloggs-2024/your_facebook_activity/posts/your_posts_1.json",
            json.dumps([{"timestamp": i, "data": [{"post": "x" * 80}]} for i in range(5000)]),
        )


def write_names(path: Path, names: list[str]) -> None:
    path.write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")


PHOTOS_MB = 48  # with the friends files and posts: a 50 MB export
FOLLOWERS = 20_000
BIG_LIST_FOLLOWERS = 380_000  # friends and followers files of 30 MB (the limit is 32 MB)


@dataclass
class Exports:
    names: Path  # the service users, .csv
    small: Path  # 5,000 friends
    large: Path  # 50 MB: photos, 5,000 friends, 20,000 followers
    large_files: dict[str, bytes]  # its friends and followers files
    people: People
    followers: list[str]


def write_exports(folder: Path) -> Exports:
    found = people()
    names = folder / "service-users.csv"
    write_names(names, found.users)
    small = folder / "facebook-1000x5000.zip"
    write_export(small, facebook_files(found.friends, []))
    followers = found.more(FOLLOWERS)
    large = folder / "facebook-50mb.zip"
    files = facebook_files(found.friends, followers)
    write_export(large, files, PHOTOS_MB * 1024 * 1024)
    return Exports(names, small, large, files, found, followers)


def write_big_lists(folder: Path, found: People) -> tuple[Path, dict[str, bytes]]:
    """An export whose friends and followers files alone are 30 MB (a very public account)."""
    files = facebook_files(found.friends, found.more(BIG_LIST_FOLLOWERS))
    path = folder / "facebook-big-lists.zip"
    write_export(path, files)
    return path, files
