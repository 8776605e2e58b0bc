"""Induction mode (`selfaudit --induction`): IT runs the audit with new starters. The wizard starts
fresh, and when it is finished a window offers, prominently, reminders at login and the
completion receipt the person may choose to share."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from selfaudit.audit.session import AuditSession
from selfaudit.reminders.autostart import LoginItem
from selfaudit.ui.reminder_panel import LoginReminderToggle
from selfaudit.ui.screen_fit import fit_to_content
from selfaudit.ui.widgets.labels import wrapped_label

ReceiptHook = Callable[[QWidget, AuditSession], None]

RECEIPT_LABEL = "Save your completion receipt…"


class InductionFinishDialog(QDialog):
    def __init__(
        self,
        session: AuditSession,
        login: LoginItem,
        login_command: Sequence[str],
        reaudit_days: int,
        receipt: ReceiptHook | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.receipt = receipt
        self.setObjectName("induction-finish")
        self.setWindowTitle("You have finished your self-audit")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = wrapped_label("You have finished your self-audit", self, bold=True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(
            wrapped_label(
                "Your answers and your action plan stay on this computer. Nothing has been sent "
                "to your employer.",
                self,
            )
        )

        layout.addWidget(self._box_heading("Get a reminder"))
        layout.addWidget(
            wrapped_label(
                f"Your self-audit should be repeated every {reaudit_days} days. Turn this on "
                "and the app will tell you when you log in and it is due, or an action on your "
                "plan is due.",
                self,
            )
        )
        self.login_toggle = LoginReminderToggle(login, login_command, self)
        big = self.login_toggle.font()
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.login_toggle.setFont(big)
        layout.addWidget(self.login_toggle)
        self.problem_label = wrapped_label("", self)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.login_toggle.problem.connect(self._show_problem)

        self.receipt_button: QPushButton | None = None
        if receipt is not None:
            layout.addWidget(self._box_heading("Completion receipt"))
            layout.addWidget(
                wrapped_label(
                    "The receipt shows only that you finished the self-audit and when, not "
                    "your answers. You can give it to your manager if you choose.",
                    self,
                )
            )
            self.receipt_button = QPushButton(RECEIPT_LABEL, self)
            self.receipt_button.setAccessibleName("Save your completion receipt")
            self.receipt_button.clicked.connect(self._save_receipt)
            row = QHBoxLayout()
            row.addWidget(self.receipt_button)
            row.addStretch(1)
            layout.addLayout(row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        fit_to_content(self, 64)

    def _box_heading(self, text: str) -> QFrame:
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.HLine)
        holder = QFrame(self)
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 8, 0, 0)
        inner.addWidget(frame)
        inner.addWidget(wrapped_label(text, holder, bold=True))
        return holder

    def _show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()

    def _save_receipt(self) -> None:
        if self.receipt is not None:
            self.receipt(self, self.session)


def start_induction(
    wizard: QWizard,
    session: AuditSession,
    login: LoginItem,
    login_command: Sequence[str],
    reaudit_days: int,
    finish: Callable[[], None],
    receipt: ReceiptHook | None = None,
) -> None:
    """After the wizard's Finish, shows the induction window; `finish` (which saves and ends the
    app) runs when it closes, or when the wizard is cancelled. `receipt` shows or saves the
    completion receipt; without it the window leaves the receipt out."""
    shown: list[InductionFinishDialog] = []  # keeps the window alive while it is open

    def finished_audit() -> None:
        dialog = InductionFinishDialog(session, login, login_command, reaudit_days, receipt)
        dialog.finished.connect(lambda _: finish())
        shown.append(dialog)
        dialog.show()

    wizard.accepted.connect(finished_audit)
    wizard.rejected.connect(finish)
