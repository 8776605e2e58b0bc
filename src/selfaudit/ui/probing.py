"""Runs the computer's probes in the background for the wizard and records their results in the
session, where they decide the detected checks."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from selfaudit.audit.session import AuditSession
from selfaudit.content import ContentError
from selfaudit.content.guides import ComputerGuide, load_computer_guides
from selfaudit.probes import SCREEN_LOCK, Probe, run_probe
from selfaudit.probes.probe import ProbeResult, describe_duration
from selfaudit.ui.background import Background, Job


class ProbeChecker(QObject):
    """`started(probe_id)` when a check begins, `finished(probe_id)` once its result is in the
    session. A probe this computer does not have is never started: the person answers."""

    started = Signal(str)
    finished = Signal(str)

    def __init__(
        self,
        session: AuditSession,
        probes: Sequence[Probe],
        max_lock_minutes: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.probes = {probe.id: probe for probe in probes}
        self.limit_text = describe_duration(max_lock_minutes * 60)
        self.background = Background(self, threads=max(1, len(self.probes)))
        self._running: dict[str, Job] = {}
        self.checked: set[str] = set()  # run at least once since the window opened

    def can_check(self, probe_id: str) -> bool:
        return probe_id in self.probes

    def is_running(self, probe_id: str) -> bool:
        return probe_id in self._running

    def check(self, probe_id: str) -> None:
        probe = self.probes.get(probe_id)
        if probe is None or probe_id in self._running:
            return
        self._running[probe_id] = self.background.run(
            lambda: run_probe(probe),
            lambda result: self._finished(probe_id, result),
            lambda _error: self._finished(probe_id, None),  # run_probe never raises: a bug
        )
        self.started.emit(probe_id)

    def check_once(self, probe_id: str) -> None:
        """Checks when the page is first shown; after that only the re-check button does."""
        if probe_id not in self.checked:
            self.check(probe_id)

    def _finished(self, probe_id: str, result: object) -> None:
        self._running.pop(probe_id, None)
        self.checked.add(probe_id)
        if isinstance(result, ProbeResult):  # run_probe never raises; anything else is a bug
            self.session.record_probe(result)
        self.finished.emit(probe_id)

    def guide(self, probe_id: str, system: str) -> ComputerGuide | None:
        try:
            return load_computer_guides().for_system(probe_id, system)
        except ContentError:
            return None  # the steps are missing; the check itself still works

    def system_of(self, probe_id: str) -> str | None:
        probe = self.probes.get(probe_id)
        return probe.system if probe is not None else None

    def system_hint(self, hint_id: str) -> str | None:
        """A question's hint for this computer's system (the key to lock it, say), as the screen
        lock probe names the system; None without probes, when the general hint stands."""
        system = self.system_of(SCREEN_LOCK)
        if system is None:
            return None
        try:
            return load_computer_guides().hint(hint_id, system)
        except ContentError:
            return None
