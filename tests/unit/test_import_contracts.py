"""The import-linter contracts in pyproject.toml catch what they are there for. `scripts/dev.py
test` runs `lint-imports` on the code as it is; here a copy of the package is broken on purpose,
once for each contract, and `lint-imports` must name the import that broke it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "selfaudit"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def top_level_modules() -> set[str]:
    """selfaudit's direct children: its packages and modules."""
    return {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    }


def test_every_module_but_the_windows_is_kept_free_of_qt() -> None:
    """The Qt contract lists its modules one by one (import-linter has no "all but ui"): a new
    module of the package must be added to it as well as to the layers."""
    sources = set(contracts()["qt"]["source_modules"])  # type: ignore[arg-type]
    assert {s.removeprefix("selfaudit.") for s in sources} == top_level_modules() - {"ui"}


def broken_copy(tmp_path: Path, offences: dict[str, str]) -> Path:
    """A copy of the package with each offence's line added at the end of its module."""
    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / "selfaudit", ignore=shutil.ignore_patterns("__pycache__"))
    for module, line in offences.items():
        path = copy / "selfaudit" / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return copy


def test_each_contract_names_the_import_that_breaks_it(tmp_path: Path) -> None:
    offences = {
        # a domain module that draws something on screen
        "audit/findings.py": "from PySide6.QtWidgets import QMessageBox",
        # a report module other than the one PDF writer that lays out text with Qt
        "report/html.py": "from PySide6.QtGui import QTextDocument",
        # a domain module that reaches up into the windows
        "vault/lock.py": "from selfaudit.ui import background",
        # a lower layer importing a higher one
        "content/loader.py": "from selfaudit.audit import state",
        # two siblings of one layer that must stay independent
        "probes/runner.py": "from selfaudit.evidence import models",
        # the command line reaching into a window other than through the launcher
        "cli/status.py": "from selfaudit.ui import dashboard",
    }
    src = broken_copy(tmp_path, offences)
    env = dict(os.environ, PYTHONPATH=str(src))
    result = subprocess.run(
        [str(LINT_IMPORTS), "--config", "pyproject.toml", "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 1, report
    names = {c["id"]: str(c["name"]) for c in contracts().values()}
    assert f"{names['qt']} BROKEN" in report
    assert f"{names['layers']} BROKEN" in report
    assert f"{names['cli-to-ui']} BROKEN" in report
    for importer, imported in (
        ("selfaudit.audit.findings", "PySide6"),
        ("selfaudit.report.html", "PySide6"),
        ("selfaudit.vault.lock", "selfaudit.ui.background"),
        ("selfaudit.content.loader", "selfaudit.audit.state"),
        ("selfaudit.probes.runner", "selfaudit.evidence.models"),
        ("selfaudit.cli.status", "selfaudit.ui.dashboard"),
    ):
        assert f"{importer} -> {imported}" in report, f"{importer} not reported:\n{report}"


def test_no_module_is_over_500_lines() -> None:
    """Small modules named for what they do: a module that grows past this is split."""
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert not long, f"split these modules: {long}"
