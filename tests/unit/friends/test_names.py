"""Name and handle normalisation, and the repair of Meta's mojibake."""

from __future__ import annotations

import pytest
from samples.friend_exports import meta_mojibake

from selfaudit.measures.friends.names import (
    name_words,
    normalise_handle,
    normalise_name,
    repair_mojibake,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("José Álvarez", "jose alvarez"),
        ("Łukasz Żółć", "lukasz zolc"),
        ("Søren Ærø", "soren aero"),
        ("Straße Müller", "strasse muller"),
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("Mary-Jane O'Neil", "mary jane oneil"),
        ("Mary–Jane O’Neil", "mary jane oneil"),  # en dash, typographic apostrophe
        ("🌸 Chloé  Dubois 🌸", "chloe dubois"),
        ("Zoë 👩‍👩‍👧 Smith 🇬🇧", "zoe smith"),
        ("ﬁona Ｋｉｍ", "fiona kim"),
        ("Brown, Olivia", "brown olivia"),
        ("王小明", "wang xiao ming"),
        ("Дмитрий Иванов", "dmitriy ivanov"),
        ("🙂", ""),
    ],
)
def test_names_fold_to_plain_words(raw: str, folded: str) -> None:
    assert normalise_name(raw) == folded


def test_words_keep_their_order_for_display_but_compare_sorted_elsewhere() -> None:
    assert name_words("Brown Olivia") == ("brown", "olivia")


@pytest.mark.parametrize("name", ["José Álvarez", "Łukasz", "Chloé 🌸", "Nguyễn", "O'Neil"])
def test_mojibake_is_repaired(name: str) -> None:
    assert repair_mojibake(meta_mojibake(name)) == name


@pytest.mark.parametrize("name", ["Łukasz Żółć", "José", "Plain Name", "Ærø", "王小明"])
def test_correct_text_is_left_alone(name: str) -> None:
    assert repair_mojibake(name) == name


@pytest.mark.parametrize(
    ("platform", "raw", "handle"),
    [
        ("instagram", "@Olivia.Brown", "olivia.brown"),
        ("instagram", " https://www.instagram.com/_u/Olivia.Brown/ ", "olivia.brown"),
        ("instagram", "instagram.com/olivia.brown?igsh=abc", "olivia.brown"),
        ("x", "https://twitter.com/intent/user?user_id=1252851", "1252851"),
        ("x", "@OliviaB", "oliviab"),
        ("x", "https://x.com/OliviaB", "oliviab"),
        ("linkedin", "https://www.linkedin.com/in/Olivia-Brown-1a2b/?trk=abc", "olivia-brown-1a2b"),
        ("linkedin", "linkedin.com/in/olivia-brown", "olivia-brown"),
        ("tiktok", "https://www.tiktok.com/@Liv.B", "liv.b"),
        ("snapchat", "https://www.snapchat.com/add/LivB", "livb"),
        ("facebook", "https://www.facebook.com/profile.php?id=1000123", "1000123"),
        ("facebook", "facebook.com/olivia.brown.77", "olivia.brown.77"),
    ],
)
def test_handles_in_any_form_become_one(platform: str, raw: str, handle: str) -> None:
    assert normalise_handle(platform, raw) == handle
