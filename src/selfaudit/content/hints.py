"""What the first frame needs from the content before the catalog is loaded, read without
validating it (no pydantic): only to size and label what is drawn at once. The catalog, loaded
and checked by `content.loader`, decides what is shown after."""

from __future__ import annotations

import tomllib

from selfaudit.paths import resources_dir


def measure_titles_hint() -> list[str]:
    """The measures' titles as `resources/content/measures.toml` gives them; [] if the file
    cannot be read."""
    try:
        with (resources_dir() / "content" / "measures.toml").open("rb") as fh:
            measures = tomllib.load(fh).get("measure", [])
        return [m["title"] for m in measures if isinstance(m.get("title"), str)]
    except (OSError, tomllib.TOMLDecodeError, AttributeError, TypeError):
        return []
