"""`selfaudit evidence`: record an incident, list the log, and save a report, without the window.

    selfaudit evidence add --platform P --sender S [--url U] [--when ISO8601] [--attach FILE]...
    selfaudit evidence list [--json]
    selfaudit evidence export -o FILE.pdf|FILE.html [--all | ID...]

`add` reads what the message said from standard input. The log lives in the encrypted vault:
`open_evidence` is the one place these commands reach it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from selfaudit.audit.state import AppState
from selfaudit.bounded import KB, ReadRefusedError, read_stdin
from selfaudit.cli import CommandError, add_passphrase_file_option, command_input
from selfaudit.evidence.attachments import (
    PICTURE_NAMES,
    AttachmentError,
    PictureInfo,
    describe_size,
    read_attachment,
)
from selfaudit.evidence.blob_store import BlobError, BlobStore
from selfaudit.evidence.incident_wording import local_when, short_when, when_text
from selfaudit.evidence.log import IncidentError, IncidentLog
from selfaudit.evidence.models import Action, Attachment, Channel, Incident, IncidentDetails
from selfaudit.safe_text import valid_text
from selfaudit.vault.errors import VaultError, describe_os_error

CHANNEL_WORDS = {
    "text": Channel.TEXT,
    "sms": Channel.TEXT,
    "email": Channel.EMAIL,
    "e-mail": Channel.EMAIL,
    "phone": Channel.PHONE,
    "call": Channel.PHONE,
}


@dataclass
class EvidenceAccess:
    """What the evidence commands need: the person's state (holding the log), the encrypted
    store for attachments, and a way to save the state."""

    state: AppState
    blobs: BlobStore
    save: Callable[[], None]


MAX_MESSAGE_BYTES = 512 * KB  # a long e-mail pasted whole is a few tens of kilobytes


@contextmanager
def _vault_evidence(write: bool) -> Iterator[EvidenceAccess]:
    from selfaudit.cli.vault_access import holding_lock, open_checklist

    if not write:  # reading needs no lock (the app may be open, the disk may be read-only)
        opened = open_checklist(write=False)

        def refuse() -> None:
            raise CommandError("the evidence log was opened for reading only.")

        yield EvidenceAccess(opened.state, opened.vault.blobs, refuse)
        return
    with holding_lock("evidence add"):
        opened = open_checklist(write=True)
        yield EvidenceAccess(
            state=opened.state,
            blobs=opened.vault.blobs,
            save=lambda: opened.vault.save(opened.state),
        )


def open_evidence(write: bool = True) -> AbstractContextManager[EvidenceAccess]:
    """Opens the person's checklist in the encrypted vault for the evidence commands: to
    write, holding the app's lock so the app cannot write at the same time; to read, without
    it. The one place these commands reach the vault; tests replace it with an in-memory state
    and blob store. Raises CommandError with a clear message when it cannot be opened (no
    checklist yet, app open, no key)."""
    return _vault_evidence(write)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "evidence",
        help="record incidents of online abuse and save a report of them",
        description="Your private evidence log: record incidents, list them, and save a report "
        "to hand to your manager, the site or app, or the police.",
    )
    actions = parser.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="record an incident; what the message said is read from standard input",
        description="Record an incident. Type or paste what the message said, then press Ctrl-D "
        "(on Windows, Ctrl-Z then Enter), or pipe it in.",
    )
    add.add_argument(
        "--platform",
        required=True,
        type=valid_text,
        help="where it happened: a site or app (facebook, instagram, x, whatsapp …), "
        "or text, email, phone",
    )
    add.add_argument(
        "--sender", required=True, type=valid_text, help="their name, username, e-mail or number"
    )
    add.add_argument(
        "--url", default="", type=valid_text, help="the whole web address of the post or profile"
    )
    add.add_argument(
        "--when",
        type=valid_text,
        help="when it happened, such as 2025-03-12T21:31 or 2025-03-12T21:31+01:00 "
        "(default: now, on this computer's clock)",
    )
    add.add_argument(
        "--did",
        action="append",
        default=[],
        choices=[a.value for a in Action],
        help="what you did about it (repeat for more than one)",
    )
    add.add_argument("--notes", default="", type=valid_text, help="anything else to remember")
    add.add_argument(
        "--attach",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="a screenshot or file to keep with it, encrypted (repeat for more)",
    )
    add_passphrase_file_option(add)
    add.set_defaults(handler=handle_add)

    listing = actions.add_parser("list", help="list the incidents in the log")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_passphrase_file_option(listing)
    listing.set_defaults(handler=handle_list)

    export = actions.add_parser(
        "export",
        help="save a report of incidents as PDF or HTML",
        description="Save a report of incidents, with their screenshots and fingerprints, as a "
        "PDF or a web page (decided by the file name). The report is not encrypted.",
    )
    export.add_argument(
        "-o", "--output", required=True, type=Path, help="the file to save: NAME.pdf or NAME.html"
    )
    export.add_argument("--all", action="store_true", help="every incident in the log")
    export.add_argument(
        "ids", nargs="*", metavar="ID", type=valid_text, help="incidents to include (see list)"
    )
    add_passphrase_file_option(export)
    export.set_defaults(handler=handle_export)


# add ------------------------------------------------------------------------------------------
def parse_where(value: str) -> tuple[Channel, str]:
    """'facebook' -> a social site named as the catalog names it; 'text' -> a text message."""
    from selfaudit.content import load_catalog

    key = value.strip().casefold()
    if key in CHANNEL_WORDS:
        return CHANNEL_WORDS[key], ""
    if key in ("other", ""):
        return Channel.OTHER, ""
    for platform in load_catalog().platforms:
        if key in (platform.id, platform.name.casefold()):
            return Channel.SOCIAL, platform.name
    return Channel.SOCIAL, value.strip()


EARLIEST = datetime(2000, 1, 1).astimezone()


def parse_when(value: str | None) -> datetime:
    """When it happened: from 2000 until now (a few minutes' grace for a clock that is out)."""
    if not value:
        return datetime.now().astimezone()
    typed = value
    value = value.replace("\n", "\\n")  # as it is said back: the refusal stays one line
    try:
        moment = datetime.fromisoformat(typed.strip())
    except ValueError:
        raise CommandError(
            f"--when: “{value}” is not a date and time. Write it like 2025-03-12T21:31, or "
            "2025-03-12T21:31+01:00 to give the time zone."
        ) from None
    if moment.year < EARLIEST.year:  # before any offset is applied: year 1 has no day before
        raise CommandError(f"--when: “{value}” is before 2000. Give the day it happened.")
    # without an offset, it is a time on this computer's clock
    moment = moment if moment.tzinfo else moment.astimezone()
    if moment < EARLIEST:
        raise CommandError(f"--when: “{value}” is before 2000. Give the day it happened.")
    if moment > datetime.now().astimezone() + timedelta(minutes=10):
        raise CommandError(f"--when: “{value}” is in the future. Give when it happened.")
    return moment


def qt_picture_check(data: bytes, media_type: str, file_name: str) -> PictureInfo:
    """Pictures are opened with Qt (QtGui only), imported only when a picture is attached."""
    from selfaudit.ui.app import picture_check

    return picture_check()(data, media_type, file_name)


def read_content() -> str:
    """What the message said, from standard input: at most MAX_MESSAGE_BYTES, made valid text.
    A passphrase is then never taken from standard input (it carries the message)."""
    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        print(
            "Type or paste what the message said. When you have finished, press Ctrl-D "
            "(on Windows, Ctrl-Z then Enter).",
            file=sys.stderr,
        )
    else:
        command_input.stdin_holds_data = True
    try:
        data = read_stdin(MAX_MESSAGE_BYTES, "What the message said")
    except ReadRefusedError as exc:
        raise CommandError(
            f"{exc}: keep the whole message as an attached file (--attach FILE) and paste the "
            "part that matters. Nothing was recorded."
        ) from None
    return valid_text(data.decode("utf-8", "replace")).strip("\n")


def handle_add(args: argparse.Namespace) -> int:
    channel, platform = parse_where(args.platform)
    when = parse_when(args.when)
    try:
        # every file is checked before anything is stored, so a refusal records nothing
        prepared = [read_attachment(path, qt_picture_check) for path in args.attach]
    except AttachmentError as exc:
        raise CommandError(f"{exc} Nothing was recorded.") from None
    content = read_content()
    with open_evidence() as access:
        log = IncidentLog(access.state.evidence, access.blobs)
        log.subscribe(access.save)
        stored: list[Attachment] = []
        recorded = False
        try:
            for item in prepared:
                stored.append(log.store_attachment(item))
            details = IncidentDetails(
                occurred_at=when,
                channel=channel,
                platform=platform,
                sender=args.sender,
                url=args.url,
                content=content,
                actions=tuple(Action(a) for a in args.did),
                notes=args.notes,
                attachments=tuple(stored),
            )
            incident = log.add(details)  # saves the checklist
            recorded = True
        except IncidentError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:  # storing an attachment: a full disk, say
            raise CommandError(
                f"The incident could not be recorded: {describe_os_error(exc)}. Nothing was "
                "recorded."
            ) from None
        except VaultError as exc:
            recorded = bool(getattr(exc, "replaced", False))  # saved, if not yet flushed
            raise CommandError(f"{exc}{'' if recorded else ' Nothing was recorded.'}") from None
        finally:
            if not recorded:  # its attachments' files go too: nothing refers to them
                _discard(access.blobs, stored)
    print(
        f"Recorded incident {incident.id}: {when_text(when)}, {details.where()}, "
        f"from {details.sender}."
    )
    for attachment in stored:
        print(f"  Kept {describe(attachment)}, SHA-256 {attachment.sha256}")
    return 0


def _discard(blobs: BlobStore, stored: list[Attachment]) -> None:
    for attachment in stored:
        with contextlib.suppress(OSError, BlobError):
            blobs.delete(attachment.blob_id)


def describe(attachment: Attachment) -> str:
    kind = PICTURE_NAMES.get(attachment.media_type, attachment.media_type)
    return f"{attachment.file_name} ({kind}, {describe_size(attachment.size)})"


# list -----------------------------------------------------------------------------------------
def incident_json(incident: Incident) -> dict[str, Any]:
    details = incident.details
    return {
        "id": incident.id,
        "occurred_at": details.occurred_at.isoformat(),
        "time_zone": details.time_zone,
        "channel": details.channel.value,
        "platform": details.platform,
        "sender": details.sender,
        "url": details.url,
        "content": details.content,
        "actions": [a.value for a in details.actions],
        "notes": details.notes,
        "recorded_at": incident.recorded_at.isoformat(),
        "times_changed": len(incident.history),
        "attachments": [
            {
                "file_name": a.file_name,
                "media_type": a.media_type,
                "size": a.size,
                "sha256": a.sha256,
            }
            for a in details.attachments
        ],
    }


def handle_list(args: argparse.Namespace) -> int:
    with open_evidence(write=False) as access:
        log = IncidentLog(access.state.evidence, access.blobs)
        incidents = log.incidents()
        deleted = log.deleted()
    if args.json:
        document = {
            "incidents": [incident_json(i) for i in incidents],
            "deleted": [
                {
                    "id": d.incident.id,
                    "deleted_at": d.deleted_at.isoformat(),
                    "kept_until": d.kept_until.isoformat(),
                }
                for d in deleted
            ],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    if not incidents:
        print("No incidents recorded yet.")
    else:
        rows = [("ID", "When", "Where", "From", "Files")] + [
            (
                i.id,
                short_when(i.details.occurred_at),
                i.details.where(),
                i.details.sender,
                str(len(i.details.attachments)),
            )
            for i in incidents
        ]
        widths = [min(28, max(len(row[c]) for row in rows)) for c in range(4)]
        for row in rows:
            cells = [cell[:width].ljust(width) for cell, width in zip(row, widths, strict=False)]
            print("  ".join([*cells, row[4]]).rstrip())
    if deleted:
        noun = "incident" if len(deleted) == 1 else "incidents"
        print(
            f"{len(deleted)} deleted {noun} can be restored in the app's Evidence log "
            f"until {local_when(deleted[-1].kept_until)} or later."
        )
    return 0


# export ---------------------------------------------------------------------------------------
def handle_export(args: argparse.Namespace) -> int:
    from selfaudit.cli.context import load_policy
    from selfaudit.evidence.report import gather_report
    from selfaudit.output_files import OutputRefusedError, check_target
    from selfaudit.report.evidence_export import ExportError, check_format, save_report

    if args.all and args.ids:
        raise CommandError("Give either --all or the ids of incidents, not both.")
    if not args.all and not args.ids:
        raise CommandError(
            "Say which incidents to include: --all, or their ids (see selfaudit evidence list)."
        )
    target: Path = args.output
    try:
        check_format(target)  # before the vault is opened
        check_target(target, (".pdf", ".html", ".htm"), "a report")
        policy = load_policy(args)  # its organisation heads the report
        with open_evidence(write=False) as access:
            log = IncidentLog(access.state.evidence, access.blobs)
            ids = None if args.all else [log.find(prefix).id for prefix in args.ids]
            report = gather_report(log, ids, organisation=policy.organisation)
        save_report(report, target)
    except (IncidentError, ExportError, OutputRefusedError) as exc:
        raise CommandError(str(exc)) from None
    count = len(report.incidents)
    noun = "incident" if count == 1 else "incidents"
    print(f"Saved a report of {count} {noun} to {target}.")
    for problem in report.problems.values():
        print(f"  {problem}", file=sys.stderr)
    print(
        "The report is not encrypted. Keep it somewhere safe, and delete it when you no longer "
        "need it."
    )
    return 0
