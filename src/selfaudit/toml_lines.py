"""Where each key of a TOML document is: the line numbers tomllib does not give.

tomllib says only that a document is valid; pydantic then names a bad key by its path, such as
("contacts", 1, "email"). To tell IT *which line* to fix we scan the text once and record the
line on which every table, key and array element starts, under the same kind of path.

The scanner follows the TOML grammar for what matters here (comments, the four kinds of
strings, arrays and inline tables over several lines, dotted and quoted keys, [tables] and
[[arrays of tables]]) and skips values without interpreting them. It is run only on text tomllib
has already accepted; should it still meet something it does not expect, it returns what it has
found so far rather than raising, because a missing line number must never hide the problem.
"""

from __future__ import annotations

import contextlib

KeyPath = tuple[str | int, ...]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_VALUE_END = frozenset(",]}#\n\r")


class _UnexpectedTextError(Exception):
    """The text ended or held something unexpected: keep what was found."""


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.found: dict[KeyPath, int] = {}
        # how many [[name]] tables have been seen per path, to give each its index
        self.array_tables: dict[KeyPath, int] = {}

    # characters -----------------------------------------------------------------------------
    def peek(self, length: int = 1) -> str:
        return self.text[self.pos : self.pos + length]

    def advance(self, count: int = 1) -> None:
        chunk = self.text[self.pos : self.pos + count]
        if len(chunk) < count:
            raise _UnexpectedTextError
        self.line += chunk.count("\n")
        self.pos += count

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise _UnexpectedTextError
        self.advance()

    def skip_blank(self, newlines: bool) -> None:
        """Skips spaces, tabs and comments; also newlines inside arrays and between items."""
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char in " \t" or (newlines and char in "\r\n"):
                self.advance()
            elif char == "#":
                end = self.text.find("\n", self.pos)
                self.advance((len(self.text) if end < 0 else end) - self.pos)
            else:
                return

    def remember(self, path: KeyPath) -> None:
        self.found.setdefault(path, self.line)

    # keys -----------------------------------------------------------------------------------
    def key_part(self) -> str:
        char = self.peek()
        if char in ('"', "'"):
            start = self.pos + 1
            self.string()
            raw = self.text[start : self.pos - 1]
            return raw if char == "'" else _unescape(raw)
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in _BARE_KEY_CHARS:
            self.pos += 1
        if self.pos == start:
            raise _UnexpectedTextError
        return self.text[start : self.pos]

    def dotted_key(self) -> tuple[str, ...]:
        parts = [self.key_part()]
        self.skip_blank(newlines=False)
        while self.peek() == ".":
            self.advance()
            self.skip_blank(newlines=False)
            parts.append(self.key_part())
            self.skip_blank(newlines=False)
        return tuple(parts)

    # values ---------------------------------------------------------------------------------
    def string(self) -> None:
        for quotes in ('"""', "'''"):
            if self.peek(3) == quotes:
                self.advance(3)
                self._until_closing(quotes, escapes=quotes == '"""')
                return
        quote = self.peek()
        self.advance()
        self._until_closing(quote, escapes=quote == '"')

    def _until_closing(self, closing: str, escapes: bool) -> None:
        while True:
            if self.pos >= len(self.text):
                raise _UnexpectedTextError
            if escapes and self.peek() == "\\":
                self.advance(2)
            elif self.peek(len(closing)) == closing:
                self.advance(len(closing))
                # a multi-line string may end with up to two extra quotes of its own
                while len(closing) == 3 and self.peek() == closing[0]:
                    self.advance()
                return
            else:
                self.advance()

    def value(self, path: KeyPath) -> None:
        char = self.peek()
        if char in ('"', "'"):
            self.string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:
            start = self.pos
            while self.pos < len(self.text) and self.text[self.pos] not in _VALUE_END:
                self.pos += 1
            if self.pos == start:
                raise _UnexpectedTextError

    def array(self, path: KeyPath) -> None:
        self.expect("[")
        index = 0
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.advance()
                return
            self.remember((*path, index))
            self.value((*path, index))
            index += 1
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance()
            elif self.peek() != "]":
                raise _UnexpectedTextError

    def inline_table(self, path: KeyPath) -> None:
        self.expect("{")
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "}":
                self.advance()
                return
            self.key_value(path)
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance()
            elif self.peek() != "}":
                raise _UnexpectedTextError

    def key_value(self, table: KeyPath) -> None:
        key = self.dotted_key()
        for end in range(1, len(key) + 1):
            self.remember((*table, *key[:end]))
        self.expect("=")
        self.skip_blank(newlines=False)
        self.value((*table, *key))

    # tables ---------------------------------------------------------------------------------
    def resolve(self, names: tuple[str, ...]) -> KeyPath:
        """A header's names as a path: each array of tables on the way is its latest element."""
        path: list[str | int] = []
        for name in names:
            path.append(name)
            count = self.array_tables.get(tuple(path), 0)
            if count:
                path.append(count - 1)
        return tuple(path)

    def header(self) -> KeyPath:
        is_array = self.peek(2) == "[["
        self.advance(2 if is_array else 1)
        self.skip_blank(newlines=False)
        names = self.dotted_key()
        self.expect("]")
        if not is_array:
            table = self.resolve(names)
            self.remember(table)
            return table
        self.expect("]")
        parent = self.resolve(names[:-1])
        array_path = (*parent, names[-1])
        index = self.array_tables.get(array_path, 0)
        self.array_tables[array_path] = index + 1
        self.remember(array_path)
        self.remember((*array_path, index))
        return (*array_path, index)

    def document(self) -> None:
        table: KeyPath = ()
        while True:
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)


def _unescape(raw: str) -> str:
    """The common escapes of a quoted key; a key with rarer ones simply gets no line number."""
    return raw.replace('\\"', '"').replace("\\\\", "\\")


def key_lines(text: str) -> dict[KeyPath, int]:
    """Maps the path of every table, key and array element in `text` to its 1-based line.

    Array elements (arrays of tables included) are numbered from 0, as pydantic numbers them.
    """
    scanner = _Scanner(text)
    with contextlib.suppress(_UnexpectedTextError):
        scanner.document()
    return scanner.found


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of `path`, or of the nearest enclosing key that has one (a problem with a whole
    table, such as a missing key, is reported at the table's header)."""
    for end in range(len(path), 0, -1):
        line = lines.get(path[:end])
        if line is not None:
            return line
    return None
