"""What this computer can tell about itself: screen lock and disk encryption, one module per OS
behind one interface (`Probe`). `computer_probes` is the only place that looks at the OS."""

from __future__ import annotations

import sys

from selfaudit.probes.probe import (
    DISK_ENCRYPTION,
    SCREEN_LOCK,
    Probe,
    ProbeResult,
    ProbeStatus,
)
from selfaudit.probes.runner import run_probe, run_probes

PROBE_IDS = (SCREEN_LOCK, DISK_ENCRYPTION)

# Every system a probe can name in its result; each has its own steps in computer-guides.toml.
SYSTEMS = {
    SCREEN_LOCK: ("windows", "macos", "gnome", "kde", "cinnamon", "mate", "linux"),
    DISK_ENCRYPTION: ("windows", "macos", "linux"),
}


def computer_probes(max_screen_lock_minutes: int, platform: str = sys.platform) -> list[Probe]:
    """The probes for the OS this runs on; none on an OS we do not know (each check is then
    answered by hand)."""
    limit = max_screen_lock_minutes * 60
    if platform.startswith("linux"):
        from selfaudit.probes.linux import LinuxScreenLockProbe
        from selfaudit.probes.linux_disk import LinuxDiskEncryptionProbe

        return [LinuxScreenLockProbe(limit), LinuxDiskEncryptionProbe()]
    if platform == "darwin":
        from selfaudit.probes.macos import MacDiskEncryptionProbe, MacScreenLockProbe

        return [MacScreenLockProbe(limit), MacDiskEncryptionProbe()]
    if platform == "win32":
        from selfaudit.probes.windows import WindowsDiskEncryptionProbe, WindowsScreenLockProbe

        return [WindowsScreenLockProbe(limit), WindowsDiskEncryptionProbe()]
    return []


__all__ = [
    "DISK_ENCRYPTION",
    "PROBE_IDS",
    "SCREEN_LOCK",
    "SYSTEMS",
    "Probe",
    "ProbeResult",
    "ProbeStatus",
    "computer_probes",
    "run_probe",
    "run_probes",
]
