"""`selfaudit plan`: the personal action plan as Markdown (the default), HTML or PDF."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfaudit.report.structure import Document

from selfaudit.cli import add_passphrase_file_option

FORMATS = ("md", "html", "pdf")
SUFFIXES = {"md": (".md", ".markdown", ".txt"), "html": (".html", ".htm"), "pdf": (".pdf",)}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "pdf": "PDF"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="print or save your action plan",
        description="Prints your action plan as Markdown, or saves it as Markdown, HTML or PDF. "
        "Saved plans never include the names of service users the friend check found.",
    )
    parser.add_argument("--format", choices=FORMATS, help="md (the default), html or pdf")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="save to FILE instead of printing"
    )
    add_passphrase_file_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from selfaudit.cli import CommandError
    from selfaudit.cli.context import NO_AUDIT_YET, catalog, load_policy, load_state
    from selfaudit.output_files import OutputRefusedError, check_target
    from selfaudit.report.document import plan_document, plan_report
    from selfaudit.report.files import ExportError, write_text_atomic

    output: Path | None = args.output
    fmt = args.format or _format_of(output)
    if fmt == "pdf" and output is None:
        raise CommandError("a PDF cannot be printed as text: add -o FILE.pdf to save it")
    if output is not None:
        try:  # before any work: the ending fits the format, nothing but a file is replaced
            check_target(output, SUFFIXES[fmt], f"a plan in {FORMAT_NAMES[fmt]}")
        except OutputRefusedError as exc:
            raise CommandError(str(exc)) from None
    state = load_state()
    if not state.audits and not state.answers:
        raise CommandError(NO_AUDIT_YET)
    policy = load_policy(args)
    document = plan_document(plan_report(catalog(policy), state, policy, date.today()))
    try:
        if fmt == "pdf":
            from selfaudit.report.pdf import write_pdf

            assert output is not None
            pages = write_pdf(document, output)
            print(f"Saved your plan to {output} ({pages} page{'s' if pages != 1 else ''}).")
            return 0
        text = _render(document, fmt)
        if output is None:
            sys.stdout.write(text)
        else:
            write_text_atomic(output, text)
            print(f"Saved your plan to {output}.")
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    return 0


def _format_of(output: Path | None) -> str:
    """The format a file name asks for: plan.pdf is a PDF, plan.html HTML, anything else
    Markdown (which check_target then holds to its endings)."""
    suffix = output.suffix.lower() if output else ""
    return next((fmt for fmt, endings in SUFFIXES.items() if suffix in endings), "md")


def _render(document: Document, fmt: str) -> str:
    if fmt == "html":
        from selfaudit.report.html import render_html

        return render_html(document)
    from selfaudit.report.markdown import render_markdown

    return render_markdown(document)
