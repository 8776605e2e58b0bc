"""Names and handles brought to one form before they are compared.

A name is folded to plain lower-case ASCII words: accents and letters such as ł, ø and ß are
transliterated (anyascii, ISC licence: Unidecode is GPL), emoji and symbols dropped, apostrophes
removed (O'Neil = ONeil), hyphens and other punctuation made spaces (Mary-Jane = Mary Jane).
Word order is handled by the matcher, which compares sorted words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qs, unquote, urlsplit

# Symbols, emoji, their modifiers and joiners, private-use and unassigned code points: not part
# of anyone's name (anyascii would turn an emoji into ":smile:").
_DROPPED_CATEGORIES = frozenset({"So", "Sk", "Cf", "Co", "Cs", "Cn", "Cc"})
_APOSTROPHES = re.compile(r"['`´’‘ʼʻ]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_ASCII_CLEAN = re.compile(r"^[A-Za-z0-9 .,'\-]*$")


def repair_mojibake(text: str) -> str:
    """Undoes the way Facebook and Instagram write names in their JSON: each UTF-8 byte as its
    own character ("JosÃ©" for "José"). Text that was not written that way is left alone: it
    either has a character above U+00FF ("Łukasz") or is not valid UTF-8 once re-encoded."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


def _transliterate(text: str) -> str:
    from anyascii import anyascii

    kept: list[str] = []
    for char in unicodedata.normalize("NFKC", text):
        if char.isascii():
            kept.append(char)
        elif unicodedata.category(char) in _DROPPED_CATEGORIES:
            kept.append(" ")
        elif _is_cjk(char):
            # anyascii runs CJK syllables together ("WangXiaoMing"); keep them apart as words
            kept.append(f" {anyascii(char)} ")
        else:
            kept.append(anyascii(char))
    return "".join(kept)


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, folded: "Mary-Jane O'Neil 🌸" -> ("mary", "jane", "oneil")."""
    folded = name if _ASCII_CLEAN.match(name) else _transliterate(name)
    folded = _APOSTROPHES.sub("", folded.casefold())
    return tuple(_NOT_ALNUM.sub(" ", folded).split())


def normalise_name(name: str) -> str:
    return " ".join(name_words(name))


_SKIPPED_SEGMENTS = frozenset({"_u", "in", "pub", "add", "u", "intent", "user", "profile.php"})


def _handle_from_url(platform: str, text: str) -> str:
    parts = urlsplit(text if "://" in text else f"https://{text}")
    query = parse_qs(parts.query)
    for key in ("user_id", "id"):  # x.com/intent/user?user_id=1, facebook profile.php?id=1
        if query.get(key):
            return query[key][0]
    segments = [unquote(s) for s in parts.path.split("/") if s]
    segments = [s for s in segments if s.casefold() not in _SKIPPED_SEGMENTS]
    return segments[0] if segments else ""


def normalise_handle(platform: str, raw: str) -> str:
    """A handle, profile address or account id in one form: "@Olivia.Brown",
    "https://www.instagram.com/_u/olivia.brown/" and "olivia.brown" are all "olivia.brown"."""
    text = raw.strip()
    lowered = text.casefold()
    from selfaudit.measures.friends.guides import profile_hosts  # platforms' data, read once

    hosts = profile_hosts(platform)
    if "/" in text or any(host in lowered for host in hosts):
        text = _handle_from_url(platform, text)
    text = text.strip().lstrip("@").strip()
    return unicodedata.normalize("NFKC", text).casefold()
