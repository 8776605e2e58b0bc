"""Reads one export the person chose: finds its friends files by name, hands each to the
importer for its platform, and turns anything unreadable into a clear ExportError."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from selfaudit.measures.friends.importers import (
    NAME_LIST_IMPORTER,
    PLATFORM_IMPORTERS,
    FormatError,
    FriendsImporter,
)
from selfaudit.measures.friends.importers.namelist import names_to_connections
from selfaudit.measures.friends.model import (
    Connection,
    ExportError,
    ExportScan,
    Monitor,
    merge_connections,
)
from selfaudit.measures.friends.sources import ExportSource, FileSource, Member, open_source


def _wanted(path: str) -> bool:
    """Files of an unpacked folder worth listing: friends files and platform signatures."""
    return any(
        importer.claims(path) or importer.recognises([path]) for importer in PLATFORM_IMPORTERS
    )


def _recognised(label: str, members: list[Member]) -> list[str]:
    """The platforms whose exports this looks like, from its file names and its own name."""
    paths = [label, *(m.path for m in members)]
    return [imp.platform for imp in PLATFORM_IMPORTERS if imp.recognises(paths)]


def _reading_plan(
    source: ExportSource, members: list[Member], preferred: list[str]
) -> list[tuple[Member, list[FriendsImporter]]]:
    plan = []
    for member in members:
        importers = [imp for imp in PLATFORM_IMPORTERS if imp.claims(member.path)]
        if importers:
            plan.append((member, importers))
    if not plan and isinstance(source, FileSource) and members:
        # one file the person chose, maybe renamed, or a plain list of names
        member = members[0]
        suffix = PurePosixPath(member.path).suffix.casefold()
        importers = [imp for imp in PLATFORM_IMPORTERS if suffix in imp.suffixes]
        if suffix in NAME_LIST_IMPORTER.suffixes:
            importers.append(NAME_LIST_IMPORTER)
        if importers:
            plan.append((member, importers))
    for _, importers in plan:
        importers.sort(key=lambda imp: imp.platform not in preferred)
    return plan


# The platforms' guides are validated content, slower to load than a small export is to read:
# the reading worker loads them only to word a refusal.
def download_help(platform: str) -> str:
    """How to download the right export, for a message about a file the check cannot read."""
    from selfaudit.measures.friends import guides

    return guides.download_help(platform)


def platform_name(platform: str) -> str:
    from selfaudit.measures.friends import guides

    return guides.platform_name(platform)


def what_we_read() -> str:
    from selfaudit.measures.friends import guides

    return guides.what_we_read()


def _no_friends_file(label: str, recognised: list[str], single: bool) -> ExportError:
    if recognised:
        platform = recognised[0]
        return ExportError(
            label,
            f"this {platform_name(platform)} export has no friends list in it",
            download_help(platform),
        )
    if single:
        return ExportError(label, "this is not a friends list selfaudit can read", what_we_read())
    return ExportError(label, "no friends list that selfaudit can read was found", what_we_read())


def read_export(path: Path, monitor: Monitor | None = None) -> ExportScan:
    """Everyone in the friends, followers and connections files of one export."""
    monitor = monitor or Monitor()
    with open_source(path, _wanted) as source:
        members = source.members()
        recognised = _recognised(source.label, members)
        plan = _reading_plan(source, members, recognised)
        single = isinstance(source, FileSource)
        if not plan:
            raise _no_friends_file(source.label, recognised, single)
        total = sum(member.size for member, _ in plan) or 1
        done = 0
        connections: list[Connection] = []
        files: list[str] = []
        problems: list[tuple[str, str, FormatError]] = []  # file, platform, problem
        for member, importers in plan:

            def advance(size: int) -> None:
                nonlocal done
                done += size
                monitor.report(done / total, f"Reading {source.label}")

            data = source.read(member, advance)
            found: list[Connection] | None = None
            failures: list[tuple[str, FormatError]] = []
            for importer in importers:
                try:
                    found = importer.parse(member.path, data)
                    break
                except FormatError as problem:
                    failures.append((importer.platform, problem))
            monitor.check()
            if found is None:
                # a damaged file of a kind we read says more than "not my kind"
                failures.sort(key=lambda failure: failure[1].wrong_kind)
                problems.append((member.path, *failures[0]))
                continue
            files.append(member.path)
            connections.extend(found)
        if not files:
            where, platform, first = problems[0]
            if first.wrong_kind:
                raise _no_friends_file(source.label, recognised, single)
            subject = "this file" if single else PurePosixPath(where).name
            raise ExportError(source.label, f"{subject} {first.reason}", download_help(platform))
        merged = merge_connections(connections)
        scan = ExportScan.of(
            source.label,
            merged,
            tuple(files),
            tuple(f"{PurePosixPath(p).name} {f.reason}" for p, _, f in problems),
        )
        return scan


def scan_pasted_names(text: str, label: str = "Pasted names") -> ExportScan:
    """A list of friends' names typed or pasted in the app, one a line."""
    names = [line.strip() for line in text.splitlines()]
    return ExportScan.of(label, merge_connections(names_to_connections(names)), ())
