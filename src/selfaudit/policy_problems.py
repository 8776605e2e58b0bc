"""What is wrong with a policy file, said so that IT can fix it: every problem at once, each
with its line and key, what was expected (each field's description), "did you mean" for a
misspelt name, and the measures, platforms, checks and sections the app does not have.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from selfaudit.toml_lines import KeyPath, line_of

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

    from selfaudit.content.models import Catalog

NESTED_TABLES = ("contacts", "links")  # lists of tables whose `measures` name sections


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a policy file: where (line, key) and what was expected."""

    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = [f"line {self.line}"] if self.line else []
        if self.key:
            where.append(f"key `{self.key}`")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class PolicyError(Exception):
    """A policy file cannot be used. `problems` lists every problem found, in line order."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = sorted(problems, key=lambda p: (p.line is None, p.line or 0, p.key))
        count = len(self.problems)
        super().__init__(f"{path}: {count} problem{'s' if count != 1 else ''}")


class PolicyFileMissingError(PolicyError):
    """There is no file at the path: normal at a default place, a mistake with --policy."""


def key_name(path: KeyPath) -> str:
    """('contacts', 1, 'email') -> 'contacts[2].email': elements counted from 1, as people do."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text


def did_you_mean(word: str, choices: list[str]) -> str | None:
    from rapidfuzz import fuzz, process  # only when a key is wrong: keeps start-up light

    match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=70)
    return None if match is None else str(match[0])


def _quoted(text: str) -> str:
    """Text as TOML writes it, in double quotes, cut short if long."""
    return json.dumps(text if len(text) <= 40 else text[:37] + "...", ensure_ascii=False)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list" if value else "an empty list"
    return str(value)


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds ([code], [[contacts]], [[checks.extra]]), if it holds one."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _field_model(loc: KeyPath) -> tuple[type[BaseModel], str | None]:
    """The model whose field `loc` names, and that field (None when loc names no field of it,
    such as an unknown key). ("checks", "extra", 0, "why") is ExtraCheck's `why`."""
    from selfaudit.policy import Policy

    model: type[BaseModel] = Policy
    name: str | None = None
    for part in loc:
        if isinstance(part, int):
            continue  # an element of a list of tables
        if name is not None:
            nested = _nested_model(model.model_fields[name].annotation)
            if nested is None:
                break  # a key of a table of values, such as [due_days]
            model, name = nested, None
        if part not in model.model_fields:
            break
        name = part
    return model, name


def _explain(err: ErrorDetails) -> str:
    loc = tuple(part for part in err["loc"] if part != "[key]")
    model, name = _field_model(loc)
    fields = model.model_fields
    kind = err["type"]
    if kind == "extra_forbidden":
        known = list(fields)
        guess = did_you_mean(str(loc[-1]), known)
        hint = (
            f" Did you mean `{guess}`?" if guess else f" The settings here are: {', '.join(known)}."
        )
        return f"this is not a policy setting.{hint}"
    expected = fields[name].description if name in fields else None
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "missing":
        return f"this setting is required: {expected or err['msg']}."
    if expected is None:
        return f"{err['msg']}."
    return f"{_show(err['input'])} is not allowed here; expected {expected}."


def validation_problems(exc: ValidationError, lines: dict[KeyPath, int]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(part for part in err["loc"] if part != "[key]")
        problems.append(Problem(line_of(lines, loc), key_name(loc), _explain(err)))
    return problems


def _unknown_ids(
    values: Any,
    known: dict[str, str],
    what: str,
    base: KeyPath,
    lines: dict[KeyPath, int],
    whole: bool = False,
) -> list[Problem]:
    """Names of measures or platforms (in a list or as a table's keys) the catalog lacks;
    `whole`: `values` holds one value, at `base` itself."""
    if whole and isinstance(values, list):
        items: list[tuple[KeyPath, Any]] = [(base, value) for value in values]
    elif isinstance(values, dict):
        items = [((*base, key), key) for key in values]
    elif isinstance(values, list):
        items = [((*base, index), value) for index, value in enumerate(values)]
    else:
        return []  # a wrong type: pydantic has already said so
    problems = []
    for path, value in items:
        if not isinstance(value, str) or value in known:
            continue
        guess = did_you_mean(value, list(known))
        hint = f"Did you mean {_quoted(guess)}? " if guess else ""
        problems.append(
            Problem(
                line_of(lines, path),
                key_name(path),
                f"{_quoted(value)} is not one of the {what}. {hint}They are: {', '.join(known)}.",
            )
        )
    return problems


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _extras(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """The [[checks.extra]] tables, with their places in the list."""
    extra = _table(data, "checks").get("extra")
    if not isinstance(extra, list):
        return []
    return [(index, item) for index, item in enumerate(extra) if isinstance(item, dict)]


def _check_problems(
    data: dict[str, Any], catalog: Catalog, lines: dict[KeyPath, int]
) -> list[Problem]:
    """[checks] require and skip name checks the app has (or the policy's own), leave nothing
    out the app needs, and leave every section something to ask; the code's sections exist."""
    rules = _table(data, "checks")
    ids = [check.id for check in catalog.checks]
    own = [str(item.get("id")) for _, item in _extras(data)]
    problems: list[Problem] = []

    def unknown(path: KeyPath, value: str, choices: list[str]) -> Problem:
        guess = did_you_mean(value, choices)
        hint = f" Did you mean {_quoted(guess)}?" if guess else ""
        return Problem(
            line_of(lines, path),
            key_name(path),
            f"{_quoted(value)} is not one of the app's checks nor one of your own "
            f"([[checks.extra]]).{hint} `selfaudit checks` lists them all.",
        )

    for key in ("require", "skip"):
        values = rules.get(key)
        for index, value in enumerate(values if isinstance(values, list) else []):
            path: KeyPath = ("checks", key, index)
            if not isinstance(value, str):
                continue
            if key == "skip" and value in own:
                problems.append(
                    Problem(
                        line_of(lines, path),
                        key_name(path),
                        f"{_quoted(value)} is one of your own checks: take its [[checks.extra]] "
                        "table out instead.",
                    )
                )
            elif value not in ids and value not in own:
                problems.append(unknown(path, value, ids + own if key == "require" else ids))
            elif key == "skip" and catalog.check(value).always_asked:
                problems.append(
                    Problem(
                        line_of(lines, path),
                        key_name(path),
                        f"{_quoted(value)} cannot be left out: "
                        f"{catalog.check(value).always_asked}.",
                    )
                )
    skip = rules.get("skip")
    skipped = {v for v in skip if isinstance(v, str)} if isinstance(skip, list) else set()
    for measure in catalog.measures:
        left = [c.id for c in catalog.checks_for(measure.id) if c.id not in skipped]
        left += [
            str(item.get("id")) for _, item in _extras(data) if item.get("measure") == measure.id
        ]
        if not left and isinstance(skip, list):
            index = max(
                i for i, v in enumerate(skip) if v in skipped and _in(catalog, v, measure.id)
            )
            path = ("checks", "skip", index)
            problems.append(
                Problem(
                    line_of(lines, path),
                    key_name(path),
                    f"this leaves the section {_quoted(measure.title)} with no questions: keep "
                    "at least one of its checks.",
                )
            )
    measures = {m.id: m.title for m in catalog.measures}
    for index, item in _extras(data):
        problems += _unknown_ids(
            [item.get("measure")],
            measures,
            "audit's sections",
            ("checks", "extra", index, "measure"),
            lines,
            whole=True,
        )
    clauses = {c.ref: c.title for c in catalog.clauses}
    problems += _unknown_ids(
        _table(data, "code").get("sections"),
        clauses,
        "sections of the code the app cites",
        ("code", "sections"),
        lines,
    )
    return problems


def _in(catalog: Catalog, check_id: str, measure: str) -> bool:
    return catalog.has_check(check_id) and catalog.check(check_id).measure == measure


def rule_problems(data: dict[str, Any], lines: dict[KeyPath, int]) -> list[Problem]:
    """What no single setting shows: a check both required and left out, an own check's id
    used twice."""
    problems = []
    rules = _table(data, "checks")
    require, skip = rules.get("require"), rules.get("skip")
    if isinstance(require, list) and isinstance(skip, list):
        for index, value in enumerate(skip):
            if isinstance(value, str) and value in require:
                path: KeyPath = ("checks", "skip", index)
                problems.append(
                    Problem(
                        line_of(lines, path),
                        key_name(path),
                        f"{_quoted(value)} is also in `checks.require`: a check cannot be both "
                        "required and left out.",
                    )
                )
    seen: set[str] = set()
    for index, item in _extras(data):
        ident = item.get("id")
        if isinstance(ident, str) and ident in seen:
            path = ("checks", "extra", index, "id")
            problems.append(
                Problem(
                    line_of(lines, path),
                    key_name(path),
                    f"{_quoted(ident)} is the id of an earlier [[checks.extra]]: give each of "
                    "your own checks its own id.",
                )
            )
        if isinstance(ident, str):
            seen.add(ident)
    return problems


def catalog_problems(
    data: dict[str, Any], catalog: Catalog, lines: dict[KeyPath, int]
) -> list[Problem]:
    measures = {m.id: m.title for m in catalog.measures}
    platforms = {p.id: p.name for p in catalog.platforms}
    sections = "audit's sections"
    problems = [
        *_unknown_ids(
            data.get("required_measures"), measures, sections, ("required_measures",), lines
        ),
        *_unknown_ids(
            data.get("reaudit_days_by_measure"),
            measures,
            sections,
            ("reaudit_days_by_measure",),
            lines,
        ),
        *_unknown_ids(data.get("platforms"), platforms, "platforms", ("platforms",), lines),
    ]
    for table in NESTED_TABLES:
        items = data.get(table)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    path = (table, index, "measures")
                    problems += _unknown_ids(item.get("measures"), measures, sections, path, lines)
    return problems + _check_problems(data, catalog, lines)
