"""Linux: whether the disk the system runs from (and the home folder's) is encrypted with
dm-crypt (LUKS), found by following `/` and `/home` down sysfs to their block devices.

Read as the user, without root: /proc/self/mountinfo and /sys/class/block. A disk layout we
cannot follow is "unknown".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from selfaudit.probes.linux import UNKNOWN_DESKTOP, as_evidence
from selfaudit.probes.probe import (
    DISK_ENCRYPTION,
    EvidenceLog,
    ProbeResult,
    ProbeStatus,
    unknown,
)

# dm-crypt device types (the second part of dm/uuid) that encrypt. INTEGRITY and VERITY also come
# from cryptsetup but only protect against tampering: they do not hide anything.
ENCRYPTING_TYPES = {"LUKS1", "LUKS2", "LUKS", "PLAIN", "LOOPAES", "TCRYPT", "BITLK", "FVAULT2"}
YES, NO, CANT_TELL = "yes", "no", "can't tell"


@dataclass(frozen=True)
class Mount:
    mount_point: str
    device_number: str  # "major:minor"
    fstype: str
    source: str


def parse_mountinfo(text: str) -> list[Mount]:
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields or len(fields) < 5:
            continue
        dash = fields.index("-")
        if len(fields) < dash + 3:
            continue
        point = fields[4].replace("\\040", " ")
        mounts.append(Mount(point, fields[2], fields[dash + 1], fields[dash + 2]))
    return mounts


class BlockDevices:
    """The block devices sysfs knows: names, numbers, device-mapper names and uuids, and which
    devices each one is built on ("slaves")."""

    def __init__(self, sys_class_block: Path) -> None:
        self.root = sys_class_block
        self.by_number: dict[str, str] = {}
        self.by_dm_name: dict[str, str] = {}
        for entry in sorted(sys_class_block.iterdir()) if sys_class_block.is_dir() else []:
            number = self._read(entry / "dev")
            if number:
                self.by_number[number] = entry.name
            dm_name = self._read(entry / "dm" / "name")
            if dm_name:
                self.by_dm_name[dm_name] = entry.name

    @staticmethod
    def _read(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return ""

    def exists(self, name: str) -> bool:
        return (self.root / name).exists()

    def dm_uuid(self, name: str) -> str:
        return self._read(self.root / name / "dm" / "uuid")

    def slaves(self, name: str) -> list[str]:
        folder = self.root / name / "slaves"
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

    def crypt_devices(self) -> list[str]:
        return [n for n in self.by_dm_name.values() if self.dm_uuid(n).startswith("CRYPT-")]


def device_of(mount: Mount, devices: BlockDevices) -> str | None:
    """The block device a mount lives on, by number, else by its source path (Btrfs reports a
    private device number, but its source is the real device)."""
    if not mount.device_number.startswith("0:") and mount.device_number in devices.by_number:
        return devices.by_number[mount.device_number]
    source = mount.source
    if source.startswith("/dev/mapper/"):
        return devices.by_dm_name.get(source.removeprefix("/dev/mapper/"))
    if source.startswith("/dev/"):
        name = source.removeprefix("/dev/")
        if devices.exists(name):
            return name
    return None


def encryption_of(name: str, devices: BlockDevices, path: list[str], depth: int = 0) -> str:
    """YES when every path from this device down to the disks passes through dm-crypt."""
    uuid = devices.dm_uuid(name)
    kind = uuid.split("-")[1] if uuid.startswith("CRYPT-") and uuid.count("-") >= 1 else ""
    label = "-".join(uuid.split("-")[:2]) if kind else uuid.split("-")[0]  # CRYPT-LUKS2, LVM
    path.append(f"{name} ({label})" if label else name)
    if kind in ENCRYPTING_TYPES:
        return YES
    if kind and kind not in {"INTEGRITY", "VERITY"}:
        return CANT_TELL  # a dm-crypt type we do not know: never guess it encrypts
    below = devices.slaves(name)
    if not below:
        return NO  # a plain partition or disk (INTEGRITY and VERITY alone do not encrypt)
    if depth > 16:
        return CANT_TELL
    results = [encryption_of(b, devices, path, depth + 1) for b in below]
    if all(r == YES for r in results):
        return YES
    return NO if NO in results else CANT_TELL


class LinuxDiskEncryptionProbe:
    id = DISK_ENCRYPTION
    system = UNKNOWN_DESKTOP

    def __init__(self, root: Path = Path("/")) -> None:
        self.root = root

    def run(self) -> ProbeResult:
        evidence: dict[str, object] = {}
        try:
            mountinfo = (self.root / "proc/self/mountinfo").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            evidence["/proc/self/mountinfo"] = f"could not be read: {exc.__class__.__name__}"
            return unknown(
                DISK_ENCRYPTION,
                self.system,
                "We couldn't see which disks this computer uses.",
                as_evidence(evidence),
            )
        mounts = {m.mount_point: m for m in parse_mountinfo(mountinfo)}
        devices = BlockDevices(self.root / "sys/class/block")
        if "/" not in mounts:
            evidence["problem"] = "no mount for / in /proc/self/mountinfo"
            return unknown(
                DISK_ENCRYPTION,
                self.system,
                "We couldn't find the disk this computer starts from.",
                as_evidence(evidence),
            )
        # your files live in /home when it is a disk of its own; it must be encrypted too
        checked = [m for p, m in mounts.items() if p in {"/", "/home"}]
        verdicts: dict[str, str] = {}
        for mount in sorted(checked, key=lambda m: m.mount_point):
            label = mount.mount_point
            evidence[f"{label} filesystem"] = f"{mount.fstype} on {mount.source}"
            name = device_of(mount, devices)
            if name is None:
                verdicts[label] = CANT_TELL
                evidence[f"{label} device"] = "not a disk we can follow"
                continue
            path: list[str] = []
            verdicts[label] = encryption_of(name, devices, path)
            evidence[f"{label} device chain"] = " → ".join(path)
        other_crypt = devices.crypt_devices()
        if other_crypt:
            evidence["encrypted devices"] = ", ".join(other_crypt)
        return _disk_result(verdicts, mounts, as_evidence(evidence))


def _disk_result(
    verdicts: Mapping[str, str],
    mounts: Mapping[str, Mount],
    evidence: EvidenceLog,
) -> ProbeResult:
    system = UNKNOWN_DESKTOP
    if all(v == YES for v in verdicts.values()):
        home = " and your home folder" if "/home" in verdicts else ""
        return ProbeResult(
            DISK_ENCRYPTION,
            ProbeStatus.PASS,
            f"The disk this computer starts from{home} is encrypted.",
            system,
            evidence,
        )
    if verdicts.get("/") == NO:
        extra = ""
        if evidence.get("encrypted devices"):
            extra = " Another encrypted drive is connected, but that does not protect this one."
        return ProbeResult(
            DISK_ENCRYPTION,
            ProbeStatus.FAIL,
            "The disk this computer starts from is not encrypted." + extra,
            system,
            evidence,
        )
    if verdicts.get("/home") == NO:
        return ProbeResult(
            DISK_ENCRYPTION,
            ProbeStatus.FAIL,
            "Your home folder, where your files are kept, is on a disk that is not encrypted.",
            system,
            evidence,
        )
    root = mounts["/"]
    return unknown(
        DISK_ENCRYPTION,
        system,
        f"This computer starts from a kind of disk we can't follow ({root.fstype}), so we "
        "couldn't check whether it is encrypted.",
        evidence,
    )
