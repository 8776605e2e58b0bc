"""Running the system's own tools for a probe: short timeouts, no shell, and every way a command
can fail turned into a reason the probe can show ("not installed", "took too long")."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from selfaudit.probes.probe import ReadError

COMMAND_TIMEOUT = 5.0  # seconds; every tool a probe runs answers in well under one


@dataclass(frozen=True)
class CommandOutput:
    returncode: int
    stdout: str
    stderr: str


class CommandRunner(Protocol):
    def __call__(self, argv: Sequence[str]) -> CommandOutput: ...


def run_command(argv: Sequence[str], timeout: float = COMMAND_TIMEOUT) -> CommandOutput:
    """Runs a tool with the C locale (so its output is not translated), without a console window
    on Windows. Raises ReadError when it is missing, not allowed, or too slow."""
    env = dict(os.environ, LC_ALL="C", LANG="C")
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
    try:
        done = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
            creationflags=flags,
        )
    except FileNotFoundError:
        raise ReadError(f"{argv[0]} is not installed") from None
    except PermissionError:
        raise ReadError(f"not allowed to run {argv[0]}") from None
    except subprocess.TimeoutExpired:
        raise ReadError(f"{argv[0]} took longer than {timeout:g} seconds") from None
    except OSError as exc:
        raise ReadError(f"{argv[0]} could not be run: {exc.strerror or exc}") from None
    return CommandOutput(done.returncode, done.stdout, done.stderr)
