"""Reads the content catalog from resources/content and checks it hangs together.

Every problem is reported as a ContentError naming the file, the item (check id) and the key, so a
maintainer editing a TOML file can find and fix it without reading code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from selfaudit.content.models import (
    Basis,
    Catalog,
    Check,
    Clause,
    Guidance,
    ImageWarning,
    Measure,
    MeasureGuidance,
    OutsideHelp,
    Platform,
    PlatformGuide,
    PlatformKind,
    PlatformPage,
    Source,
)
from selfaudit.content.remedies import finish_checks
from selfaudit.paths import resources_dir

M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """A content file is missing, unreadable or does not match its model."""

    def __init__(self, file: Path, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(f"{file}: " + "; ".join(problems))


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ContentError(path, ["file is missing"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(path, [f"not valid TOML: {exc}"]) from None


def _describe(item: dict[str, Any], table: str, index: int) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    return f"{table} {ident!r}" if ident else f"{table} #{index + 1}"


def validation_problems(exc: ValidationError, what: str) -> list[str]:
    problems = []
    for err in exc.errors():
        key = ".".join(str(part) for part in err["loc"]) or "(whole item)"
        problems.append(f"{what}: key `{key}`: {err['msg']}")
    return problems


def parse_items(path: Path, table: str, model: type[M], data: dict[str, Any]) -> list[M]:
    """Validates each [[table]] entry of a file, collecting every problem before raising."""
    raw = data.get(table)
    if not isinstance(raw, list) or not raw:
        raise ContentError(path, [f"expected one or more [[{table}]] tables"])
    items: list[M] = []
    problems: list[str] = []
    for index, item in enumerate(raw):
        try:
            items.append(model.model_validate(item))
        except ValidationError as exc:
            problems.extend(validation_problems(exc, _describe(item, table, index)))
    unknown = sorted(set(data) - {table})
    if unknown:
        problems.append(f"unknown top-level key(s): {', '.join(unknown)}")
    if problems:
        raise ContentError(path, problems)
    return items


def _check_files(content: Path) -> Iterator[Path]:
    yield from sorted((content / "checks").glob("*.toml"))


# Keys of a platform file (resources/content/platforms/<platform>.toml) besides its items.
PLATFORM_FILE_KEYS = {
    "platform",
    "reconfirm_days",
    "not_sure_help",
    "basis",
    "no_web_page",
    "guide",
    "item",
}


def _item_table(
    raw: dict[str, Any], platform: Platform, defaults: dict[str, Any]
) -> dict[str, Any]:
    """What a platform item leaves implicit, filled in: its platform, answer, measure (from its
    kind), the file's defaults, and a remedy built from its steps so the plan can attach them."""
    item = {**defaults, **raw, "platform": platform.id}
    item.setdefault("answer", "confirm")
    kind = item.get("kind")
    if kind in {k.value for k in PlatformKind}:
        item.setdefault("measure", PlatformKind(kind).measure)
    if "remedy" not in item and isinstance(item.get("question"), str):
        item["remedy"] = {
            "title": f"{platform.name}: {item['question']}",
            "steps": item.get("steps_app", ()),
            "steps_web": item.get("steps_web", ()),
            "link": item.get("link"),
        }
    return item


def parse_platform_file(
    path: Path, platforms: dict[str, Platform]
) -> tuple[list[Check], PlatformGuide | None, PlatformPage]:
    """One platform's items and blocking comparison, each problem named by item id and key."""
    data = read_toml(path)
    problems: list[str] = []
    platform_id = data.get("platform")
    if platform_id != path.stem:
        problems.append(
            f"key `platform`: expected {path.stem!r} (the file's name), not {platform_id!r}"
        )
    if path.stem not in platforms:
        raise ContentError(path, [*problems, f"no platform {path.stem!r} in platforms.toml"])
    platform = platforms[path.stem]
    unknown = sorted(set(data) - PLATFORM_FILE_KEYS)
    if unknown:
        problems.append(f"unknown top-level key(s): {', '.join(unknown)}")
    defaults: dict[str, Any] = {
        k: data[k] for k in ("reconfirm_days", "not_sure_help", "basis") if k in data
    }
    page = PlatformPage(platform=platform.id, no_web_page=str(data.get("no_web_page", "")))

    raw_items = data.get("item")
    if not isinstance(raw_items, list) or not raw_items:
        raise ContentError(path, [*problems, "expected one or more [[item]] tables"])
    items: list[Check] = []
    for index, raw in enumerate(raw_items):
        what = _describe(raw, "item", index)
        if not isinstance(raw, dict):
            problems.append(f"{what}: expected a table")
            continue
        try:
            check = Check.model_validate(_item_table(raw, platform, defaults))
        except ValidationError as exc:
            problems.extend(validation_problems(exc, what))
            continue
        if not check.id.startswith(f"{platform.id}."):
            problems.append(f"{what}: key `id`: must start with {platform.id + '.'!r}")
        if check.kind is None:
            problems.append(f"{what}: key `kind`: a platform item needs a kind")
        if check.link is None and not check.no_link.strip() and not page.no_web_page:
            problems.append(
                f"{what}: key `link`: give `link` (https) or `no_link` (why there is none)"
            )
        items.append(check)

    guide: PlatformGuide | None = None
    raw_guide = data.get("guide")
    if raw_guide is not None:
        try:
            guide = PlatformGuide.model_validate(
                {**raw_guide, "platform": platform.id} if isinstance(raw_guide, dict) else raw_guide
            )
        except ValidationError as exc:
            problems.extend(validation_problems(exc, "[guide]"))
    if problems:
        raise ContentError(path, problems)
    return items, guide, page


@dataclass(frozen=True)
class GuidanceFile:
    """guidance.toml: advice shown rather than asked."""

    before_blocking: Guidance
    image_warning: ImageWarning
    measure_guidance: tuple[MeasureGuidance, ...]


def parse_guidance(path: Path) -> GuidanceFile:
    data = read_toml(path)
    known = {"before_blocking", "image_warning", "measure_guidance"}
    problems = [f"unknown top-level key(s): {k}" for k in sorted(set(data) - known)]
    before = _one_table(path, data, "before_blocking", Guidance, problems)
    warning = _one_table(path, data, "image_warning", ImageWarning, problems)
    measure_guidance: list[MeasureGuidance] = []
    raw = data.get("measure_guidance", [])
    for index, item in enumerate(raw if isinstance(raw, list) else [raw]):
        try:
            measure_guidance.append(MeasureGuidance.model_validate(item))
        except ValidationError as exc:
            what = f"measure_guidance #{index + 1}"
            problems.extend(validation_problems(exc, what))
    if problems or before is None or warning is None:
        raise ContentError(path, problems)
    return GuidanceFile(before, warning, tuple(measure_guidance))


def _one_table(
    path: Path, data: dict[str, Any], table: str, model: type[M], problems: list[str]
) -> M | None:
    raw = data.get(table)
    if not isinstance(raw, dict):
        problems.append(f"expected a [{table}] table")
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, f"[{table}]"))
        return None


def _source_problems(
    what: str, verified: object, source: str | None, sources: tuple[Source, ...]
) -> list[str]:
    """A date of checking is only as good as the page it names: that page must be one of the
    hosts in sources.toml (a platform's own help, or a named reputable body)."""
    if verified is None or source is None:
        return []
    host = urlsplit(source).hostname or ""
    if any(s.covers(host) for s in sources):
        return []
    return [
        f"{what}: key `source`: {host!r} is not in sources.toml. Check the steps against the "
        "platform's own help or a body listed there, or leave out `verified_on` and `source`"
    ]


ORGANISATION_PREFIX = "org."  # an organisation's own checks (policy [[checks.extra]])


@dataclass(frozen=True)
class _Known:
    """What a check may refer to: the clauses, measures and platforms of the catalog."""

    clauses: set[str]
    measures: set[str]
    platforms: set[str]


def _cross_problems(
    checks: list[Check], table: str, path: Path, seen: dict[str, Path], known: _Known
) -> list[str]:
    """A file's checks against each other, earlier files and the rest of the catalog; records
    their ids in `seen`."""
    problems = []
    for check in checks:
        where = f"{table} {check.id!r}"
        if check.id in seen:
            problems.append(f"{where}: key `id`: already used in {seen[check.id].name}")
        if check.id.startswith(ORGANISATION_PREFIX):
            problems.append(
                f"{where}: key `id`: ids starting {ORGANISATION_PREFIX!r} are kept for "
                "organisations' own checks (their policy's [[checks.extra]])"
            )
        if check.basis is Basis.ORGANISATION:
            problems.append(
                f'{where}: key `basis`: "organisation" is only for an organisation\'s own '
                'checks; the app\'s content rests on the code or on "good_practice"'
            )
        seen[check.id] = path
        if check.measure not in known.measures:
            problems.append(
                f"{where}: key `measure`: no measure {check.measure!r} in measures.toml"
            )
        if check.seed_ref not in known.clauses:
            problems.append(
                f"{where}: key `seed_ref`: no clause {check.seed_ref!r} in clauses.toml"
            )
        if check.platform is not None and check.platform not in known.platforms:
            problems.append(
                f"{where}: key `platform`: no platform {check.platform!r} in platforms.toml"
            )
    return problems


def parse_sources(path: Path) -> tuple[Source, ...]:
    return tuple(parse_items(path, "source", Source, read_toml(path)))


def parse_outside_help(path: Path) -> tuple[OutsideHelp, ...]:
    return tuple(parse_items(path, "service", OutsideHelp, read_toml(path)))


@cache
def load_catalog(root: Path | None = None) -> Catalog:
    """Loads and cross-checks the whole catalog. Cached: content does not change while running.
    The app's own content (no `root`) is read from the validated copy in the app's cache folder
    when it is there and matches the content files (content/cache.py), else from the TOML."""
    if root is not None:
        return read_catalog(root / "content")
    from selfaudit.content import cache as catalog_cache
    from selfaudit.paths import AppPaths

    content = resources_dir() / "content"
    cache_dir = AppPaths.for_user().cache_dir
    try:
        key = catalog_cache.fingerprint(content)
    except OSError:
        return read_catalog(content)  # an unreadable file: the TOML read says which
    cached = None if cache_dir is None else catalog_cache.read(cache_dir, key)
    if cached is not None:
        return cached
    catalog = read_catalog(content)
    if cache_dir is not None:
        catalog_cache.write(cache_dir, key, catalog)
    return catalog


def catalog_problems(catalog: Catalog) -> list[str]:
    """What must hold of any catalog the app runs on, however it was read (the TOML read checks
    each file as it goes; a cached copy is checked whole): every id once, every reference
    known, checks in the order of their measures, no measure without checks."""
    clause_refs = {c.ref for c in catalog.clauses}
    measure_ids = [m.id for m in catalog.measures]
    platform_ids = {p.id for p in catalog.platforms}
    problems = [
        f"measure {m.id!r}: no clause {m.seed_ref!r}"
        for m in catalog.measures
        if m.seed_ref not in clause_refs
    ]
    for what, ids in (("clause", list(clause_refs)), ("measure", measure_ids)):
        if len(set(ids)) != len(ids):
            problems.append(f"a {what} id is used twice")
    if len(platform_ids) != len(catalog.platforms):
        problems.append("a platform id is used twice")
    known = _Known(clause_refs, set(measure_ids), platform_ids)
    problems += _cross_problems(list(catalog.checks), "check", Path(), {}, known)
    for check in catalog.checks:
        if check.kind is not None and not check.id.startswith(f"{check.platform}."):
            problems.append(f"item {check.id!r}: not of its platform {check.platform!r}")
    order = [measure_ids.index(c.measure) for c in catalog.checks if c.measure in measure_ids]
    if order != sorted(order):
        problems.append("checks are not in the order of their measures")
    asked = {c.measure for c in catalog.checks}
    problems += [f"measure {m!r} has no checks" for m in measure_ids if m not in asked]
    check_ids = {c.id for c in catalog.checks}
    problems += [
        f"template {t.id!r}: no such check" for t in catalog.templates if t.id not in check_ids
    ]
    problems += [
        f"guide for unknown platform {g.platform!r}"
        for g in catalog.guides
        if g.platform not in platform_ids
    ]
    problems += [
        f"page for unknown platform {p.platform!r}"
        for p in catalog.platform_pages
        if p.platform not in platform_ids
    ]
    problems += [
        f"measure_guidance {g.measure!r}: no such measure, or a point's clause unknown"
        for g in catalog.measure_guidance
        if g.measure not in measure_ids or any(p.seed_ref not in clause_refs for p in g.points)
    ]
    checked = [
        (f"item {c.id!r}", c.verified_on, c.source) for c in catalog.checks if c.kind is not None
    ]
    checked += [(f"guide {g.platform!r}", g.verified_on, g.source) for g in catalog.guides]
    for what, verified, source in checked:
        problems += _source_problems(what, verified, source, catalog.sources)
    return problems


def read_catalog(content: Path) -> Catalog:
    """Reads and cross-checks the catalog from the TOML files in `content`."""
    clauses = parse_items(
        content / "clauses.toml", "clause", Clause, read_toml(content / "clauses.toml")
    )
    measures = parse_items(
        content / "measures.toml", "measure", Measure, read_toml(content / "measures.toml")
    )
    platforms = parse_items(
        content / "platforms.toml", "platform", Platform, read_toml(content / "platforms.toml")
    )
    clause_refs = {c.ref for c in clauses}
    measure_ids = [m.id for m in measures]
    platform_ids = {p.id for p in platforms}

    bad_refs = [
        f"measure {m.id!r}: key `seed_ref`: no clause {m.seed_ref!r} in clauses.toml"
        for m in measures
        if m.seed_ref not in clause_refs
    ]
    if bad_refs:
        raise ContentError(content / "measures.toml", bad_refs)

    sources = parse_sources(content / "sources.toml")
    guidance = parse_guidance(content / "guidance.toml")
    unknown_measures = [
        f"measure_guidance {g.measure!r}: key `measure`: no measure {g.measure!r} in measures.toml"
        for g in guidance.measure_guidance
        if g.measure not in measure_ids
    ]
    unknown_measures += [
        f"measure_guidance {g.measure!r}: key `seed_ref`: no clause {point.seed_ref!r}"
        for g in guidance.measure_guidance
        for point in g.points
        if point.seed_ref not in clause_refs
    ]
    if unknown_measures:
        raise ContentError(content / "guidance.toml", unknown_measures)

    checks: list[Check] = []
    seen: dict[str, Path] = {}
    known = _Known(clause_refs, set(measure_ids), platform_ids)
    for path in _check_files(content):
        file_checks = parse_items(path, "check", Check, read_toml(path))
        problems = _cross_problems(file_checks, "check", path, seen, known)
        if problems:
            raise ContentError(path, problems)
        checks.extend(file_checks)

    # platform items, in the order of platforms.toml: their steps, links and blocking tables
    by_id = {p.id: p for p in platforms}
    order = {platform_id: index for index, platform_id in enumerate(by_id)}
    guides: list[PlatformGuide] = []
    pages: list[PlatformPage] = []
    platform_files = sorted(
        (content / "platforms").glob("*.toml"),
        key=lambda f: (order.get(f.stem, len(order)), f.stem),
    )
    for path in platform_files:
        items, guide, page = parse_platform_file(path, by_id)
        problems = _cross_problems(items, "item", path, seen, known)
        for item in items:
            problems += _source_problems(
                f"item {item.id!r}", item.verified_on, item.source, sources
            )
        if guide is not None:
            problems += _source_problems("[guide]", guide.verified_on, guide.source, sources)
        if by_id[path.stem].help is None:
            problems.append(
                f"no `help` for {path.stem!r} in platforms.toml: the address of its help centre"
            )
        if problems:
            raise ContentError(path, problems)
        checks.extend(items)
        pages.append(page)
        if guide is not None:
            guides.append(guide)

    # the audit asks measure by measure, in the order of measures.toml; within one, in file order
    order = {measure_id: index for index, measure_id in enumerate(measure_ids)}
    checks.sort(key=lambda c: order[c.measure])
    empty = [m for m in measure_ids if not any(c.measure == m for c in checks)]
    if empty:
        raise ContentError(
            content / "measures.toml", [f"measure {m!r} has no checks" for m in empty]
        )
    finished, templates = finish_checks(checks, guidance.image_warning, by_id)
    return Catalog(
        clauses=tuple(clauses),
        measures=tuple(measures),
        platforms=tuple(platforms),
        checks=finished,
        templates=templates,
        guides=tuple(guides),
        before_blocking=guidance.before_blocking,
        image_warning=guidance.image_warning,
        measure_guidance=guidance.measure_guidance,
        platform_pages=tuple(pages),
        sources=sources,
        outside_help=parse_outside_help(content / "outside-help.toml"),
    )
