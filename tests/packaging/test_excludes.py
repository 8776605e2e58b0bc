"""The bundle leaves out Qt modules by name (packaging/excludes.py). An app module importing one
would work in development and fail only in the bundle, so this finds such an import first."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def excluded_qt_modules() -> set[str]:
    spec = importlib.util.spec_from_file_location("excludes", ROOT / "packaging" / "excludes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {f"PySide6.{name}" for name in module.UNUSED_QT_MODULES}


def imported_modules(source: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_app_imports_no_qt_module_the_bundle_leaves_out() -> None:
    excluded = excluded_qt_modules()
    assert "PySide6.QtWebEngineCore" in excluded and "PySide6.QtWidgets" not in excluded
    found = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / "src" / "selfaudit").rglob("*.py")
        for name in imported_modules(path) & excluded
    }
    assert not found, "take it off packaging/excludes.py: " + "; ".join(sorted(found))


def test_the_scan_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "late.py"
    source.write_text("def show():\n    from PySide6 import QtPdf\n", encoding="utf-8")
    assert "PySide6.QtPdf" in imported_modules(source) & excluded_qt_modules()
