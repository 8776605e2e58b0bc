"""No third-party pydantic plugin ever sees the checklist: selfaudit turns them off before
pydantic can look for them."""

from __future__ import annotations

import subprocess
import sys


def test_pydantic_plugins_are_off_before_any_model_is_built() -> None:
    code = (
        "import selfaudit.content, pydantic.plugin._loader as loader;"
        "selfaudit.content.load_catalog();"
        "print(repr(loader._plugins))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    # None: pydantic never looked for plugins ({} once it has looked and found none)
    assert done.stdout.strip() == "None"
