"""The main window: the dashboard once there is an audit; before that, a start page. It starts the
wizard for the first audit and for each re-audit, and offers the other features (friend check,
evidence log, settings) when the composition root connects them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfaudit import APP_TITLE
from selfaudit.audit.reaudit import reaudit_scope
from selfaudit.audit.session import AuditSession
from selfaudit.audit.verify import ProbeVerifier
from selfaudit.policy import Policy
from selfaudit.probes import Probe, ProbeResult, run_probe
from selfaudit.report.document import PlanReport, plan_report
from selfaudit.report.receipt import Receipt, build_receipt
from selfaudit.ui.dashboard import Dashboard, heading
from selfaudit.ui.plan_export import PlanExporter
from selfaudit.ui.widgets.question import wrapped_label
from selfaudit.ui.wizard import AuditWizard, fit_to_screen


class Feature(StrEnum):
    """Features built elsewhere that the dashboard offers once a handler is connected."""

    FRIEND_CHECK = "friend_check"
    EVIDENCE_LOG = "evidence_log"
    SETTINGS = "settings"

    @property
    def label(self) -> str:
        return {
            "friend_check": "&Friend check",
            "evidence_log": "&Evidence log",
            "settings": "Se&ttings",
        }[self.value]


class MainWindow(QMainWindow):
    audit_finished = Signal()  # after each finished audit, once the dashboard shows it
    wizard_opened = Signal(object)  # the AuditWizard of an audit that starts, before it shows

    def __init__(
        self,
        session: AuditSession,
        policy: Policy,
        parent: QWidget | None = None,
        *,
        probes: Sequence[Probe] = (),
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.policy = policy
        self.probes = tuple(probes)  # this computer's; without them detected checks are asked
        self.wizard: AuditWizard | None = None
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("main-window")
        self.exporter = PlanExporter(self, self.plan_report, self.receipt)
        self.stack = QStackedWidget(self)
        self.start_page = self._start_page()
        self.dashboard = Dashboard(session, policy, self.exporter, self.stack)
        self.dashboard.reaudit_requested.connect(lambda full: self.start_audit(full))
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.dashboard)
        self.setCentralWidget(self.stack)
        self.feature_buttons: dict[Feature, QPushButton] = {}
        fit_to_screen(self, 1100, 720)
        if self.probes:
            self.set_probe_verifier(self._run_probe)

    # hooks for the composition root ---------------------------------------------------------
    def connect_feature(self, feature: Feature, handler: Callable[[], None]) -> None:
        """Shows the feature's button on the dashboard; without a handler there is no button."""
        button = self.feature_buttons.get(feature)
        if button is None:
            button = QPushButton(feature.label, self.dashboard)
            button.setObjectName(f"feature:{feature.value}")
            self.feature_buttons[feature] = button
            self.dashboard.feature_bar.addWidget(button)
            button.show()  # added after the dashboard was shown, so not shown with it
        else:
            button.clicked.disconnect()
        button.clicked.connect(handler)

    def set_probe_verifier(self, verifier: ProbeVerifier) -> None:
        """Marking done an action a probe can check (screen lock, disk encryption) re-runs it."""
        self.dashboard.verifier = verifier

    def _run_probe(self, probe_id: str) -> ProbeResult | None:
        probe = next((p for p in self.probes if p.id == probe_id), None)
        return None if probe is None else run_probe(probe)

    # what the exports read ------------------------------------------------------------------
    def plan_report(self) -> PlanReport:
        return plan_report(
            self.session.catalog, self.session.state, self.policy, self.dashboard.today()
        )

    def receipt(self, name: str) -> Receipt:
        return build_receipt(self.session.catalog, self.session.state, self.policy, name)

    # audits ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Shows the dashboard, or goes straight into the first audit."""
        if self.session.state.audits:
            self._show_dashboard()
        else:
            self.start_audit()

    def start_audit(self, every_question: bool = False) -> None:
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        state = self.session.state
        if state.audits and not every_question:
            self.session.start_audit(
                reaudit_scope(self.session.catalog, state, self.policy, self.session.now())
            )
        else:
            self.session.start_audit()
        wizard = AuditWizard(self.session, self.policy, probes=self.probes)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.offer_print(self.exporter.print_plan)
        wizard.finished.connect(self._wizard_finished)
        self.wizard = wizard
        fit_to_screen(wizard)
        self.wizard_opened.emit(wizard)
        wizard.show()
        self.hide()

    def _wizard_finished(self, result: int) -> None:
        self.wizard = None
        if result != QDialog.DialogCode.Accepted:
            self.session.start_audit()  # nothing asked is lost: the answers stay in the state
        if self.session.state.audits:
            self._show_dashboard()
            if result == QDialog.DialogCode.Accepted:
                self.audit_finished.emit()
        else:
            self.stack.setCurrentWidget(self.start_page)
            self.show()

    def _show_dashboard(self) -> None:
        self.dashboard.refresh()
        self.stack.setCurrentWidget(self.dashboard)
        self.show()
        self.dashboard.print_button.setFocus()

    def _start_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(heading("You have not finished an audit yet", page, 1.5))
        layout.addWidget(
            wrapped_label(
                "The audit takes 15 to 30 minutes. Your answers so far are kept, so you can "
                "carry on where you stopped.",
                page,
            )
        )
        button = QPushButton("&Start your audit", page)
        button.setObjectName("start-audit")
        button.setDefault(True)
        button.clicked.connect(lambda: self.start_audit())
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.wizard is not None:
            self.wizard.close()
        super().closeEvent(event)
