"""Qt's own command-line options (`-platform xcb`, `-style fusion`, `-reverse`,
`-qwindowgeometry 800x600+0+0`…), which desktops, launchers and people pass to any Qt program.
They are not commands: they are taken out before the command line is read and handed to Qt when
the window opens (ui/app.py).

The options are Qt's (QGuiApplication's and QApplication's documentation), with one dash, as Qt
documents them (`-style fusion` or `-style=fusion`). Qt would also take two dashes, but those are
left alone: `--platform` is one of `selfaudit evidence add`'s own options."""

from __future__ import annotations

# options that take a value
WITH_VALUE = frozenset(
    {
        "platform",
        "platformpluginpath",
        "platformtheme",
        "plugin",
        "qwindowgeometry",
        "qwindowicon",
        "qwindowtitle",
        "style",
        "stylesheet",
        "session",
        "display",
        "geometry",
        "title",
        "qmljsdebugger",
    }
)
# options that stand alone
FLAGS = frozenset({"reverse", "widgetcount", "nograb", "dograb", "sync"})


def _name(argument: str) -> str:
    """ "style" for -style and -style=fusion; "" for anything else."""
    if not argument.startswith("-") or argument.startswith("--"):
        return ""
    return argument[1:].partition("=")[0]


def split_qt_options(argv: list[str]) -> tuple[list[str], list[str]]:
    """`argv` without Qt's options, and Qt's options (with their values) in their order. Stops
    at "--", after which everything is an argument."""
    rest: list[str] = []
    qt: list[str] = []
    index = 0
    while index < len(argv):
        argument = argv[index]
        if argument == "--":
            rest += argv[index:]
            break
        name = _name(argument)
        if name in FLAGS and "=" not in argument:
            qt.append(argument)
        elif name in WITH_VALUE:
            qt.append(argument)
            if "=" not in argument and index + 1 < len(argv):
                index += 1
                qt.append(argv[index])
        else:
            rest.append(argument)
        index += 1
    return rest, qt
