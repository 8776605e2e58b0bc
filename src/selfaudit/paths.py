"""Where selfaudit keeps things. The only module that asks platformdirs; nothing here touches the
disk at import time, so tests can point everything at a temporary folder before anything is made."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from selfaudit import APP_NAME


@dataclass(frozen=True)
class AppPaths:
    """The per-user and system folders the app uses. Whoever writes to a folder creates it."""

    data_dir: Path  # the encrypted vault and its backups
    config_dir: Path  # the user's own policy file, autostart is elsewhere (OS-defined)
    site_config_dirs: tuple[Path, ...]  # IT's machine-wide policy file
    # the validated content catalog (content/cache.py): nothing of the person's, ever; None: no
    # cache
    cache_dir: Path | None = None

    @classmethod
    def for_user(cls) -> AppPaths:
        import platformdirs

        site = platformdirs.site_config_dir(APP_NAME, appauthor=False, multipath=True)
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            site_config_dirs=tuple(Path(p) for p in site.split(os.pathsep) if p),
            cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        )


def resources_dir() -> Path:
    """The folder holding content, reference text and icons, wherever the app was installed from.

    A wheel carries it inside the package; a source checkout (editable install, tests) has it at
    the top of the repository; a PyInstaller bundle unpacks it under sys._MEIPASS.
    """
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "content").is_dir():
            return candidate
    raise FileNotFoundError(
        "selfaudit's resources folder is missing; looked in: " + ", ".join(map(str, candidates))
    )


def xdg_config_home() -> Path:
    """$XDG_CONFIG_HOME, else ~/.config: where XDG desktops look for per-user autostart entries.

    Asked of platformdirs' Unix rules on purpose, whatever the OS: only XDG desktops use it."""
    from platformdirs.unix import Unix

    return Path(Unix().user_config_dir)
