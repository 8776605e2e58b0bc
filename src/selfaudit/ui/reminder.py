"""The reminder `selfaudit remind` shows: a tray message where the desktop has a system tray,
otherwise a small window (GNOME has no tray unless an extension adds one). Either opens the app
when clicked and then goes away; "Not now" just closes it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QProcess, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from selfaudit import APP_TITLE
from selfaudit.reminders.notice import Reminder
from selfaudit.ui.widgets.labels import wrapped_label

OPEN_LABEL = "Open the self-audit"
LATER_LABEL = "Not now"

Launcher = Callable[[], bool]


def app_icon() -> QIcon:
    """The app's own icon, from its resources: a desktop theme has it only on Linux, and only
    once installed, and Windows and macOS have no theme to ask."""
    from selfaudit.ui.app import app_icon as own_icon

    icon = own_icon()
    if icon.isNull():  # a copy without its icons: still something to click in the tray
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    return icon


def detached_launcher(command: Sequence[str]) -> Launcher:
    """Starts the app as its own process, so it outlives the reminder."""

    def launch() -> bool:
        started, _pid = QProcess.startDetached(command[0], list(command[1:]))
        return bool(started)

    return launch


class ReminderWindow(QDialog):
    """A small window with the reminder and two buttons; Esc or closing means "Not now".
    A dialog for its keyboard behaviour (Enter opens, Esc closes); it is not modal."""

    def __init__(self, notice: Reminder, launch: Launcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.launch = launch
        self.setObjectName("reminder-window")
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(app_icon())
        self.setAccessibleName(notice.title)
        self.setAccessibleDescription(notice.body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        top = QHBoxLayout()
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(app_icon().pixmap(size, size))
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        self.title_label = wrapped_label(notice.title, self, bold=True)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_label.setFont(font)
        top.addWidget(self.title_label, 1)
        layout.addLayout(top)
        self.body_label = wrapped_label(notice.body, self)
        self.body_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.body_label)
        self.error_label = wrapped_label("", self)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.later_button = QPushButton(LATER_LABEL, self)
        self.later_button.setAccessibleName(LATER_LABEL)
        self.later_button.clicked.connect(self.reject)
        self.open_button = QPushButton(OPEN_LABEL, self)
        self.open_button.setAccessibleName(OPEN_LABEL)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_app)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.open_button.setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

    def open_app(self) -> None:
        if self.launch():
            self.accept()
            return
        self.error_label.setText(
            "The app could not be opened from here. Open Online Safety Self-Audit from your "
            "applications menu instead."
        )
        self.error_label.show()

    def place_in_corner(self) -> None:
        """Top right, where notifications appear (the window manager may decide otherwise)."""
        self.adjustSize()
        area = self.screen().availableGeometry()
        margin = 24
        self.move(area.right() - self.width() - margin, area.top() + margin)


class TrayReminder(QObject):
    """A tray icon with the reminder as its message; clicking either opens the app."""

    finished = Signal()

    def __init__(self, notice: Reminder, launch: Launcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        self.launch = launch
        self.tray = QSystemTrayIcon(app_icon(), self)
        self.tray.setToolTip(f"{APP_TITLE}: {notice.title}")
        self.menu = QMenu()
        self.menu.addAction(OPEN_LABEL, self.open_app)
        self.menu.addAction(LATER_LABEL, self.dismiss)
        self.tray.setContextMenu(self.menu)
        self.tray.messageClicked.connect(self.open_app)
        self.tray.activated.connect(self._activated)

    def show(self) -> None:
        self.tray.show()
        self.tray.showMessage(
            self.notice.title, self.notice.body, QSystemTrayIcon.MessageIcon.Information, 0
        )

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_app()

    def open_app(self) -> None:
        self.launch()
        self.dismiss()

    def dismiss(self) -> None:
        self.tray.hide()
        self.finished.emit()


def present_reminder(
    notice: Reminder, launch: Launcher, tray_available: bool | None = None
) -> ReminderWindow | TrayReminder:
    """Shows the reminder the way this desktop can; the caller keeps the returned object."""
    if tray_available is None:
        tray_available = QSystemTrayIcon.isSystemTrayAvailable()
    if tray_available:
        tray = TrayReminder(notice, launch)
        tray.show()
        return tray
    window = ReminderWindow(notice, launch)
    window.place_in_corner()
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def show_reminder(notice: Reminder, open_command: Sequence[str]) -> int:
    """Runs a small Qt application for the reminder until it is clicked or dismissed."""
    from selfaudit.ui.app import configure_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    app.setQuitOnLastWindowClosed(False)  # a tray reminder has no window
    presenter = present_reminder(notice, detached_launcher(open_command))
    presenter.finished.connect(app.quit)
    return app.exec()
