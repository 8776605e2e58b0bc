"""IT's machine-wide policy on Windows: whether the file in the machine's settings folder can be
trusted to be IT's.

The machine folder is C:\\ProgramData\\selfaudit. Windows lets every user create folders and
files in ProgramData, so where IT has deployed no policy, any user of the computer could put one
there, and its contacts would be shown to everyone as "set up by your IT team". The file is
trusted only when no standard user can have written or replaced it:

- the file and its folder are owned by Administrators, SYSTEM or TrustedInstaller (a file a user
  creates is theirs, and only an administrator can give it away);
- no one else may change the file (write, delete, change its permissions or owner);
- no one else may delete files in the folder or change the folder's permissions or owner.
  (ProgramData lets users add files to the folders under it; a file they add is theirs, and
  refused above.)

Group Policy or Intune can instead name the file in `HKLM\\Software\\Policies\\selfaudit`,
value `PolicyFile` (managed_settings.py): only administrators can write there, so that file is
trusted wherever it is (a share, for example). On Linux and macOS the machine folders (/etc/xdg,
/Library/Application Support) are writable by administrators only, and nothing is checked.

The Win32 call (GetNamedSecurityInfoW) is behind a small interface so that the rules are tested
on any OS with recorded owners and access lists.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from selfaudit.managed_settings import POLICIES_KEY, POLICY_FILE_VALUE

SYSTEM = "S-1-5-18"
ADMINISTRATORS = "S-1-5-32-544"
TRUSTED_INSTALLER = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"
OWNER_RIGHTS = "S-1-3-4"  # whatever the owner may do: trusted when the owner is
ADMIN_SIDS = frozenset({SYSTEM, ADMINISTRATORS, TRUSTED_INSTALLER})
SID_NAMES = {
    SYSTEM: "SYSTEM",
    ADMINISTRATORS: "Administrators",
    TRUSTED_INSTALLER: "TrustedInstaller",
    "S-1-5-32-545": "Users",
    "S-1-5-11": "Authenticated Users",
    "S-1-1-0": "Everyone",
    "S-1-5-4": "INTERACTIVE",
    "S-1-3-0": "CREATOR OWNER",
    OWNER_RIGHTS: "OWNER RIGHTS",
}

# access rights (winnt.h)
FILE_WRITE_DATA = 0x0002
FILE_APPEND_DATA = 0x0004
FILE_DELETE_CHILD = 0x0040
DELETE = 0x0001_0000
WRITE_DAC = 0x0004_0000
WRITE_OWNER = 0x0008_0000
GENERIC_ALL = 0x1000_0000
GENERIC_WRITE = 0x4000_0000
# what lets someone change the file's content, or make it someone else's
FILE_CHANGE = FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE | WRITE_DAC | WRITE_OWNER
FILE_CHANGE |= GENERIC_ALL | GENERIC_WRITE
# what lets someone remove IT's file from the folder, or give themselves that right
FOLDER_CHANGE = FILE_DELETE_CHILD | WRITE_DAC | WRITE_OWNER | GENERIC_ALL


@dataclass(frozen=True)
class AccessEntry:
    """One entry of an access list: who, which rights, whether it allows or denies them, and
    whether it applies to the object itself or only to what is created inside it."""

    trustee: str  # a SID, such as S-1-5-32-545
    mask: int
    allow: bool = True
    inherit_only: bool = False


@dataclass(frozen=True)
class Security:
    owner: str  # a SID
    access: tuple[AccessEntry, ...] | None  # None: no access list at all, everyone may do all


class SecurityReader(Protocol):
    def read(self, path: Path) -> Security:
        """The owner and access list of a file or folder; OSError when they cannot be read."""
        ...


def _name(sid: str) -> str:
    return SID_NAMES.get(sid, sid)


def _others_who_may(security: Security, rights: int) -> list[str]:
    if security.access is None:
        return ["Everyone (the file has no access list)"]
    trusted = set(ADMIN_SIDS)
    if security.owner in ADMIN_SIDS:
        trusted.add(OWNER_RIGHTS)
    return sorted(
        {
            _name(entry.trustee)
            for entry in security.access
            if entry.allow
            and not entry.inherit_only
            and entry.mask & rights
            and entry.trustee not in trusted
        }
    )


def refusal(policy_file: Path, reader: SecurityReader) -> str | None:
    """None when only administrators can have put `policy_file` there; otherwise why it is not
    trusted, in words IT can act on."""
    folder = policy_file.parent
    try:
        folder_security, file_security = reader.read(folder), reader.read(policy_file)
    except OSError as exc:
        return f"who may change it could not be read ({exc.strerror or exc})"
    fix = (
        f'IT can fix this as an administrator: icacls "{folder}" /setowner Administrators /T, '
        "and remove other accounts' write access, or name the file in Group Policy "
        f"(HKLM\\{POLICIES_KEY}, {POLICY_FILE_VALUE})."
    )
    for what, security in (("folder", folder_security), ("file", file_security)):
        if security.owner not in ADMIN_SIDS:
            return (
                f"the {what} belongs to {_name(security.owner)}, not to an administrator, so "
                f"someone other than IT may have put it there. {fix}"
            )
    writers = _others_who_may(file_security, FILE_CHANGE)
    if writers:
        return f"{', '.join(writers)} may change this file, not only administrators. {fix}"
    writers = _others_who_may(folder_security, FOLDER_CHANGE)
    if writers:
        return f"{', '.join(writers)} may replace files in {folder}, not only administrators. {fix}"
    return None


class MachinePolicyTrust(Protocol):
    def refusal(self, policy_file: Path) -> str | None: ...


class TrustAll:
    """Linux and macOS: only administrators can write to the machine folders."""

    def refusal(self, policy_file: Path) -> str | None:
        return None


class WindowsMachinePolicyTrust:
    def __init__(self, reader: SecurityReader) -> None:
        self.reader = reader

    def refusal(self, policy_file: Path) -> str | None:
        return refusal(policy_file, self.reader)


class Win32SecurityReader:
    """GetNamedSecurityInfoW: the owner and the access list, as SID strings and masks."""

    def read(self, path: Path) -> Security:
        if sys.platform == "win32":
            return _win32_security(path)
        raise OSError("file permissions of this kind exist only on Windows")


if sys.platform == "win32":

    def _win32_security(path: Path) -> Security:
        import ctypes
        from ctypes import wintypes

        advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        owner, dacl, descriptor = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
        owner_and_dacl = 0x1 | 0x4  # OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION
        status = advapi32.GetNamedSecurityInfoW(
            ctypes.c_wchar_p(str(path)),
            1,  # SE_FILE_OBJECT
            owner_and_dacl,
            ctypes.byref(owner),
            None,
            ctypes.byref(dacl),
            None,
            ctypes.byref(descriptor),
        )
        if status != 0:
            raise OSError(status, ctypes.FormatError(status), str(path))
        try:

            def sid_string(sid: int | None) -> str:
                text = wintypes.LPWSTR()
                if not advapi32.ConvertSidToStringSidW(ctypes.c_void_p(sid), ctypes.byref(text)):
                    raise ctypes.WinError(ctypes.get_last_error())
                try:
                    return str(text.value)
                finally:
                    kernel32.LocalFree(text)

            if not dacl.value:
                return Security(sid_string(owner.value), None)

            class AclHeader(ctypes.Structure):
                _fields_ = [
                    ("revision", ctypes.c_ubyte),
                    ("sbz1", ctypes.c_ubyte),
                    ("size", ctypes.c_ushort),
                    ("count", ctypes.c_ushort),
                    ("sbz2", ctypes.c_ushort),
                ]

            class AceHeader(ctypes.Structure):
                _fields_ = [
                    ("type", ctypes.c_ubyte),
                    ("flags", ctypes.c_ubyte),
                    ("size", ctypes.c_ushort),
                    ("mask", ctypes.c_uint32),
                ]

            entries = []
            count = AclHeader.from_address(dacl.value).count
            for index in range(count):
                ace = ctypes.c_void_p()
                if not advapi32.GetAce(dacl, index, ctypes.byref(ace)) or ace.value is None:
                    raise ctypes.WinError(ctypes.get_last_error())
                header = AceHeader.from_address(ace.value)
                if header.type not in (0, 1):  # an allow or deny entry of another kind
                    entries.append(AccessEntry(f"an access entry of type {header.type}", ~0))
                    continue
                trustee = sid_string(ace.value + ctypes.sizeof(AceHeader))
                entries.append(
                    AccessEntry(
                        trustee,
                        header.mask,
                        allow=header.type == 0,
                        inherit_only=bool(header.flags & 0x08),  # INHERIT_ONLY_ACE
                    )
                )
            return Security(sid_string(owner.value), tuple(entries))
        finally:
            kernel32.LocalFree(descriptor)


def machine_policy_trust(platform: str | None = None) -> MachinePolicyTrust:
    if (sys.platform if platform is None else platform) == "win32":
        return WindowsMachinePolicyTrust(Win32SecurityReader())
    return TrustAll()
