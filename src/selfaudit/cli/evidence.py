"""`selfaudit evidence`: record an incident, list the log, and save a report, without the window.

    selfaudit evidence add --platform P --sender S [--url U] [--when ISO8601] [--attach FILE]...
    selfaudit evidence list [--json]
    selfaudit evidence export -o FILE.pdf|FILE.html [--all | ID...]

`add` reads what the message said from standard input. The log lives in the encrypted vault:
`open_evidence` is the one place these commands reach it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from selfaudit.audit.state import AppState
from selfaudit.cli import CommandError
from selfaudit.evidence.attachments import (
    PICTURE_NAMES,
    AttachmentError,
    PictureInfo,
    describe_size,
    read_attachment,
)
from selfaudit.evidence.blob_store import BlobStore
from selfaudit.evidence.incident_wording import local_when, short_when, when_text
from selfaudit.evidence.log import IncidentError, IncidentLog
from selfaudit.evidence.models import Action, Attachment, Channel, Incident, IncidentDetails
from selfaudit.policy import DEFAULT_POLICY, Policy

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
    store for attachments, a way to save the state, and the organisation's policy."""

    state: AppState
    blobs: BlobStore
    save: Callable[[], None]
    policy: Policy = DEFAULT_POLICY


@contextmanager
def _vault_evidence(write: bool) -> Iterator[EvidenceAccess]:
    from selfaudit.cli.vault_access import holding_lock, open_checklist

    with holding_lock():
        opened = open_checklist(write=write)
        yield EvidenceAccess(
            state=opened.state,
            blobs=opened.vault.blobs,
            save=lambda: opened.vault.save(opened.state),
        )


def open_evidence(write: bool = True) -> AbstractContextManager[EvidenceAccess]:
    """Opens the person's checklist in the encrypted vault for the evidence commands, holding
    the app's lock so the app cannot write at the same time. The one place these commands reach
    the vault; tests replace it with an in-memory state and blob store. Raises CommandError
    with a clear message when it cannot be opened (no checklist yet, app open, no key)."""
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
        help="where it happened: a site or app (facebook, instagram, x, whatsapp …), "
        "or text, email, phone",
    )
    add.add_argument("--sender", required=True, help="their name, username, e-mail or number")
    add.add_argument("--url", default="", help="the whole web address of the post or profile")
    add.add_argument(
        "--when",
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
    add.add_argument("--notes", default="", help="anything else to remember")
    add.add_argument(
        "--attach",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="a screenshot or file to keep with it, encrypted (repeat for more)",
    )
    add.set_defaults(handler=handle_add)

    listing = actions.add_parser("list", help="list the incidents in the log")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
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
    export.add_argument("ids", nargs="*", metavar="ID", help="incidents to include (see list)")
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


def parse_when(value: str | None) -> datetime:
    if not value:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"--when: “{value}” is not a date and time. Write it like 2025-03-12T21:31, or "
            "2025-03-12T21:31+01:00 to give the time zone."
        ) from None
    # without an offset, it is a time on this computer's clock
    return moment if moment.tzinfo else moment.astimezone()


def qt_picture_check(data: bytes, media_type: str, file_name: str) -> PictureInfo:
    """Pictures are opened with Qt (QtGui only), imported only when a picture is attached."""
    from selfaudit.ui.app import picture_check

    return picture_check()(data, media_type, file_name)


def read_content() -> str:
    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        print(
            "Type or paste what the message said. When you have finished, press Ctrl-D "
            "(on Windows, Ctrl-Z then Enter).",
            file=sys.stderr,
        )
    return sys.stdin.read().strip("\n")


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
        stored = [log.store_attachment(item) for item in prepared]
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
        try:
            incident = log.add(details)
        except IncidentError as exc:
            log.discard_unused(a.blob_id for a in stored)
            raise CommandError(str(exc)) from None
    print(
        f"Recorded incident {incident.id}: {when_text(when)}, {details.where()}, "
        f"from {details.sender}."
    )
    for attachment in stored:
        print(f"  Kept {describe(attachment)}, SHA-256 {attachment.sha256}")
    return 0


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
    with open_evidence() as access:
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
    from selfaudit.evidence.report import gather_report
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
        with open_evidence() as access:
            log = IncidentLog(access.state.evidence, access.blobs)
            ids = None if args.all else [log.find(prefix).id for prefix in args.ids]
            report = gather_report(log, ids, organisation=access.policy.organisation)
        save_report(report, target)
    except (IncidentError, ExportError) as exc:
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
