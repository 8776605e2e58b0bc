"""The developer scripts still import: a renamed module or function breaks them loudly here,
not the next time someone wants a screenshot."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.mark.parametrize("script", sorted(p.stem for p in SCRIPTS.glob("*.py")))
def test_script_imports(script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    module = importlib.import_module(script)
    if script != "shots":  # the screenshot scripts' shared helpers
        assert callable(getattr(module, "main", None)), f"scripts/{script}.py has no main()"
    sys.modules.pop(script, None)
