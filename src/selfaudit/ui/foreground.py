"""Passing the right to come to the front from a second launch to the running app, on Windows.

Windows lets only the process the person last used (the second launch, just started from the
Start menu) bring a window to the front; the running app, asked over the local socket, would
otherwise only make its taskbar button flash. So the second launch, before it asks, allows the
running app's process to set the foreground window (AllowSetForegroundWindow), having read that
process's id from the named pipe the socket is (GetNamedPipeServerProcessId). Elsewhere the
window managers let the running app come forward by itself.
"""

from __future__ import annotations

import sys
from typing import Protocol

ASFW_ANY = 0xFFFFFFFF  # every process: when the running app's id cannot be read


class ForegroundApi(Protocol):
    """The two Win32 calls, so the logic is tested anywhere."""

    def pipe_server_process(self, pipe: int) -> int | None: ...

    def allow_set_foreground(self, process_id: int) -> bool: ...


class Win32ForegroundApi:
    def pipe_server_process(self, pipe: int) -> int | None:
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
            kernel32.GetNamedPipeServerProcessId.argtypes = [
                wintypes.HANDLE,
                ctypes.POINTER(wintypes.ULONG),
            ]
            kernel32.GetNamedPipeServerProcessId.restype = wintypes.BOOL
            process_id = wintypes.ULONG()
            if kernel32.GetNamedPipeServerProcessId(pipe, ctypes.byref(process_id)):
                return int(process_id.value)
        return None

    def allow_set_foreground(self, process_id: int) -> bool:
        allowed = False
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            user32 = ctypes.WinDLL("user32", use_last_error=True)
            user32.AllowSetForegroundWindow.argtypes = [wintypes.DWORD]
            user32.AllowSetForegroundWindow.restype = wintypes.BOOL
            allowed = bool(user32.AllowSetForegroundWindow(process_id))
        return allowed


def let_running_app_come_forward(
    pipe: int, api: ForegroundApi | None = None, windows: bool | None = None
) -> bool:
    """From the second launch, once connected (`pipe`: QLocalSocket.socketDescriptor(), the
    pipe's handle on Windows). True when Windows accepted; elsewhere there is nothing to do."""
    if not (sys.platform == "win32" if windows is None else windows) or pipe in (-1, 0):
        return False
    api = api or Win32ForegroundApi()
    process_id = api.pipe_server_process(pipe)
    return api.allow_set_foreground(ASFW_ANY if process_id is None else process_id)
