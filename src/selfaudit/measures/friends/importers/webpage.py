"""Reading the tags and text of an exported web page in one pass, in time proportional to its
length whatever it holds.

html.parser is not: given a page full of "<a" that never close, it looks for each tag's end
from each "<" again, and a 20 MB page takes minutes. The pages read here (Facebook's and
Instagram's friends lists) are plain markup, and what is needed from them is tags, their
attributes and the text between them. Each character is looked at a bounded number of times:
an unclosed tag, quote or comment ends the page rather than being searched for again.
"""

from __future__ import annotations

import html
import re

_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*")
# the rest of a tag up to its ">", quoted values taken whole (a ">" inside quotes does not end
# it); possessive, so a tag without its end fails in one pass
_TAG_REST = re.compile(r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_RAW_TEXT = ("script", "style")


class PageReader:
    """What a page is handed to: override the handlers (the names html.parser uses)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A start tag, its name and attribute names in lower case, values unescaped."""

    def handle_endtag(self, tag: str) -> None:
        """An end tag, its name in lower case."""

    def handle_data(self, data: str) -> None:
        """Text between tags, with character references (&amp;) replaced."""


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for match in _ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        value = next((v for v in (double, single, bare) if v is not None), None)
        found.append((name.lower(), html.unescape(value) if value is not None else None))
    return found


def read_page(text: str, reader: PageReader) -> None:
    """Hands every tag and piece of text of `text` to `reader`, in order."""
    at, end = 0, len(text)
    while at < end:
        opening = text.find("<", at)
        if opening < 0:
            reader.handle_data(html.unescape(text[at:]))
            return
        if opening > at:
            reader.handle_data(html.unescape(text[at:opening]))
        at = opening + 1
        if text.startswith("!--", at):  # a comment, to its end
            close = text.find("-->", at + 3)
            if close < 0:
                return
            at = close + 3
            continue
        if text.startswith(("!", "?"), at):  # <!DOCTYPE ...>, <?xml ...?>
            close = text.find(">", at)
            if close < 0:
                return
            at = close + 1
            continue
        closing = text.startswith("/", at)
        name = _TAG_NAME.match(text, at + closing)
        if name is None:  # "<" that starts no tag is text
            reader.handle_data("<")
            continue
        rest = _TAG_REST.match(text, name.end())
        if rest is None:  # a tag that never ends: nothing after it can be read as markup
            return
        tag = name.group().lower()
        at = rest.end()
        if closing:
            reader.handle_endtag(tag)
            continue
        reader.handle_starttag(tag, _attributes(text[name.end() : rest.end() - 1]))
        if tag in _RAW_TEXT:  # a script's or style's text is not markup
            raw_end = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(text, at)
            if raw_end is None:
                return
            at = raw_end.end()
            reader.handle_endtag(tag)
