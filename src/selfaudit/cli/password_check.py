"""`selfaudit password-check`: how strong a password is. The password is read from standard input
(never from the command line, where other users and the shell history could see it), estimated
in memory and forgotten; it is never printed, stored or logged."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from selfaudit.safe_text import valid_text


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "password-check",
        help="say how strong a password is (type it, or pipe it in; it is never stored)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--name",
        default="",
        type=valid_text,
        help="your name, so a password made from it counts as weak (not stored)",
    )
    parser.set_defaults(handler=handle)


MAX_PASSWORD_BYTES = 4096  # the meter reads the first 72 characters; this is plenty


def read_password() -> str:
    """One line from standard input (at most MAX_PASSWORD_BYTES, made valid text); typed
    without echo when it is a terminal."""
    from selfaudit.bounded import ReadRefusedError, read_line
    from selfaudit.cli import CommandError

    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        import getpass

        from selfaudit.cli.terminal import typed_at_prompt

        prompt = "Password (it will not show as you type): "
        typed = typed_at_prompt(lambda: getpass.getpass(prompt))
        if typed is None:
            raise CommandError("no password was typed (Ctrl-D), so there is nothing to check.")
        return valid_text(typed)
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        return valid_text(sys.stdin.readline(MAX_PASSWORD_BYTES).rstrip("\r\n"))
    try:
        line = read_line(raw, MAX_PASSWORD_BYTES, "the line on standard input")
    except ReadRefusedError as exc:
        raise CommandError(f"{exc}: a password is one line.") from None
    return valid_text(line.decode("utf-8", "replace"))


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError
    from selfaudit.cli.context import load_policy
    from selfaudit.content import ContentError
    from selfaudit.measures.passwords import PasswordMeter, personal_words

    policy = load_policy(args)  # its lowest score and its words count, as in the app
    password = read_password()
    if not password:
        raise CommandError("no password given: type one, or pipe one line into standard input")
    try:
        meter = PasswordMeter(personal_words(args.name, policy.organisation, policy.password_words))
        strength = meter.measure(password)
    except ContentError as exc:
        raise CommandError(f"the content files are damaged: {exc}") from None
    del password
    minimum = policy.min_password_score
    wanted = meter.texts.score_labels[minimum]
    if args.json:
        print(
            json.dumps(
                {
                    "score": strength.score,
                    "label": strength.label,
                    "crack_time": strength.crack_time,
                    "crack_seconds": strength.crack_seconds,
                    "warning": strength.warning,
                    "suggestions": list(strength.suggestions),
                    "truncated": strength.truncated,
                    "min_score": minimum,
                    "meets_policy": strength.meets(minimum),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    print(f"Strength: {strength.label} ({strength.score} out of 4)")
    print(strength.crack_time)
    if strength.truncated:
        print(meter.texts.truncated)
    if strength.warning:
        print(strength.warning)
    if strength.suggestions:
        print("What you can do:")
        for suggestion in strength.suggestions:
            print(f"  - {suggestion}")
    if not strength.meets(minimum):
        print(f'Your employer asks for passwords that are at least "{wanted}".')
    return 0
