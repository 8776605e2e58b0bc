"""Entry points. `selfaudit` is the command line (opens the app when given no command);
`selfaudit-gui` is for desktop launchers and always opens the app."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from selfaudit.cli import run

    return run(sys.argv[1:] if argv is None else argv)


def gui_main() -> int:
    from selfaudit.cli import run

    return run(sys.argv[1:], force_gui=True)


if __name__ == "__main__":
    sys.exit(main())
