"""A second launch on Windows lets the running app come to the front: the Win32 calls it makes,
recorded, since they run only on Windows."""

from __future__ import annotations

from selfaudit.ui.foreground import ASFW_ANY, let_running_app_come_forward


class RecordedWindows:
    """GetNamedPipeServerProcessId and AllowSetForegroundWindow as Windows answers them."""

    def __init__(self, server: int | None) -> None:
        self.server = server
        self.calls: list[tuple[str, int]] = []

    def pipe_server_process(self, pipe: int) -> int | None:
        self.calls.append(("GetNamedPipeServerProcessId", pipe))
        return self.server

    def allow_set_foreground(self, process_id: int) -> bool:
        self.calls.append(("AllowSetForegroundWindow", process_id))
        return True


def test_the_running_app_is_allowed_to_come_forward() -> None:
    windows = RecordedWindows(server=4242)
    assert let_running_app_come_forward(0x2A4, windows, windows=True)
    assert windows.calls == [
        ("GetNamedPipeServerProcessId", 0x2A4),
        ("AllowSetForegroundWindow", 4242),
    ]


def test_without_the_apps_process_id_any_process_may() -> None:
    windows = RecordedWindows(server=None)
    assert let_running_app_come_forward(0x2A4, windows, windows=True)
    assert windows.calls[-1] == ("AllowSetForegroundWindow", ASFW_ANY)


def test_nothing_to_do_elsewhere_or_without_a_connection() -> None:
    windows = RecordedWindows(server=4242)
    assert not let_running_app_come_forward(0x2A4, windows, windows=False)
    assert not let_running_app_come_forward(-1, windows, windows=True)  # not connected
    assert windows.calls == []
