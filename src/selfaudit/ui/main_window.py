"""The main window: the dashboard once there is an audit; before that, a start page. It starts the
wizard for the first audit and for each re-audit, and offers the other features (friend check,
evidence log, settings) when the composition root connects them.

The dashboard and the plan's printing and saving are built when first needed: a first audit
opens straight on the wizard, and a new user's window should not wait for them. A returning
person's window is up before their checklist is open (`MainWindow.waiting()`): it says that it
is opening the checklist and shows nothing of theirs until `complete` gives it the session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

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
from selfaudit.ui.screen_fit import fit_to_screen
from selfaudit.ui.widgets.labels import heading, wrapped_label

if TYPE_CHECKING:
    from selfaudit.audit.session import AuditSession
    from selfaudit.audit.verify import ProbeVerifier
    from selfaudit.policy import Policy
    from selfaudit.probes import Probe, ProbeResult
    from selfaudit.report.document import PlanReport
    from selfaudit.report.receipt import Receipt
    from selfaudit.ui.dashboard import Dashboard
    from selfaudit.ui.plan_export import PlanExporter
    from selfaudit.ui.wizard import AuditWizard


class Feature(StrEnum):
    """Features built elsewhere that the dashboard offers once a handler is connected."""

    SOMETHING_HAPPENED = "something_happened"
    FRIEND_CHECK = "friend_check"
    EVIDENCE_LOG = "evidence_log"
    SETTINGS = "settings"
    LOCK = "lock"  # shown only while the checklist asks for a passphrase

    @property
    def label(self) -> str:
        return {
            "something_happened": "Something has &happened…",
            "friend_check": "&Friend check",
            "evidence_log": "&Evidence log",
            "settings": "Se&ttings",
            "lock": "&Lock",
        }[self.value]


class MainWindow(QMainWindow):
    audit_finished = Signal()  # after each finished audit, once the dashboard shows it
    wizard_opened = Signal(object)  # the AuditWizard of an audit that starts, before it shows

    def __init__(
        self,
        session: AuditSession | None,
        policy: Policy | None = None,
        parent: QWidget | None = None,
        *,
        probes: Sequence[Probe] = (),
    ) -> None:
        """Without a session: waiting for the checklist (see `waiting`) until `complete`."""
        super().__init__(parent)
        self._session: AuditSession | None = None
        self._policy: Policy | None = None
        self.probes: tuple[Probe, ...] = ()
        self.wizard: AuditWizard | None = None
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("main-window")
        self._exporter: PlanExporter | None = None
        self._dashboard: Dashboard | None = None
        self._start_page: QWidget | None = None
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.feature_buttons: dict[Feature, QPushButton] = {}
        self._features: dict[Feature, Callable[[], object]] = {}
        self._hidden_features: set[Feature] = set()
        self._verifier: ProbeVerifier | None = None
        fit_to_screen(self, 1100, 720)
        if session is None:
            self.stack.addWidget(opening_page(self))
        else:
            assert policy is not None, "a session comes with its policy"
            self.complete(session, policy, probes)

    @classmethod
    def waiting(cls) -> MainWindow:
        """A returning person's window while their checklist is opened: it says so, and holds
        nothing of theirs until `complete`."""
        return cls(None)

    def complete(self, session: AuditSession, policy: Policy, probes: Sequence[Probe] = ()) -> None:
        """The person's checklist is open: `start` can show it now."""
        assert self._session is None, "a window shows one checklist"
        self._session = session
        self._policy = policy
        self.probes = tuple(probes)  # this computer's; without them detected checks are asked
        self._verifier = self._run_probe if self.probes else None

    @property
    def session(self) -> AuditSession:
        assert self._session is not None, "the checklist is not open yet (complete)"
        return self._session

    @property
    def policy(self) -> Policy:
        assert self._policy is not None, "the checklist is not open yet (complete)"
        return self._policy

    @property
    def start_page(self) -> QWidget:
        """What a person without a finished audit sees after leaving the wizard."""
        if self._start_page is None:
            self._start_page = self._make_start_page()
            self.stack.addWidget(self._start_page)
        return self._start_page

    def showing(self) -> str:
        """What the window shows (for --exit-after-show): its page's name."""
        page = self.stack.currentWidget()
        return page.objectName() if page is not None else ""

    @property
    def exporter(self) -> PlanExporter:
        if self._exporter is None:
            from selfaudit.ui.plan_export import PlanExporter

            self._exporter = PlanExporter(self, self.plan_report, self.receipt)
            self._exporter.saved.connect(self._saved)
        return self._exporter

    def _saved(self, text: str) -> None:
        if self._dashboard is not None:
            self._dashboard.show_message(text)

    @property
    def dashboard(self) -> Dashboard:
        if self._dashboard is None:
            from selfaudit.ui.dashboard import Dashboard

            dashboard = Dashboard(self.session, self.policy, lambda: self.exporter, self.stack)
            dashboard.reaudit_requested.connect(lambda full: self.start_audit(full))
            dashboard.verifier = self._verifier
            self.stack.addWidget(dashboard)
            self._dashboard = dashboard
            for feature, handler in self._features.items():
                self._add_feature_button(feature, handler)
        return self._dashboard

    def plan_changed(self) -> None:
        """Something outside the dashboard changed the plan (a situation's page, the friend
        check): the dashboard shows it now, not at the next start."""
        if self._dashboard is not None:
            self._dashboard.refresh()

    # hooks for the composition root ---------------------------------------------------------
    def connect_feature(self, feature: Feature, handler: Callable[[], object]) -> None:
        """Shows the feature's button on the dashboard; without a handler there is no button."""
        self._features[feature] = handler
        if self._dashboard is not None:
            self._add_feature_button(feature, handler)

    def _add_feature_button(self, feature: Feature, handler: Callable[[], object]) -> None:
        button = self.feature_buttons.get(feature)
        if button is None:
            button = QPushButton(feature.label, self.dashboard)
            button.setObjectName(f"feature:{feature.value}")
            self.feature_buttons[feature] = button
            self.dashboard.feature_bar.addWidget(button)
            # added after the dashboard was shown, so not shown with it
            button.setVisible(feature not in self._hidden_features)
            if feature is Feature.LOCK:
                button.setToolTip("Lock selfaudit now (Ctrl+L)")
                button.setAccessibleDescription(
                    "Closes your checklist until you type your passphrase"
                )
        else:
            button.clicked.disconnect()
        button.clicked.connect(handler)

    def show_feature(self, feature: Feature, shown: bool) -> None:
        """Shows or hides a connected feature's button (Lock, while there is nothing to lock)."""
        if shown:
            self._hidden_features.discard(feature)
        else:
            self._hidden_features.add(feature)
        button = self.feature_buttons.get(feature)
        if button is not None:
            button.setVisible(shown)

    def _run_probe(self, probe_id: str) -> ProbeResult | None:
        from selfaudit.probes import run_probe

        probe = next((p for p in self.probes if p.id == probe_id), None)
        return None if probe is None else run_probe(probe)

    # what the exports read ------------------------------------------------------------------
    def plan_report(self) -> PlanReport:
        from selfaudit.report.document import plan_report

        return plan_report(
            self.session.catalog, self.session.state, self.policy, self.dashboard.today()
        )

    def receipt(self, name: str) -> Receipt:
        from selfaudit.report.receipt import build_receipt

        return build_receipt(self.session.catalog, self.session.state, self.policy, name)

    # audits ---------------------------------------------------------------------------------
    def start(self, opening: AuditWizard | None = None) -> None:
        """Shows the dashboard, or goes straight into the first audit: in `opening`, a wizard
        already on screen on its welcome page (ui/composition.py), when there is one."""
        if self.session.state.audits:
            assert opening is None, "a first audit's window opened for someone with audits"
            self._show_dashboard()
        else:
            self.start_audit(opening=opening)

    def _drop_opening_page(self) -> None:
        page = self.stack.findChild(QWidget, "opening")
        if page is not None:
            self.stack.removeWidget(page)
            page.deleteLater()

    def start_audit(
        self, every_question: bool = False, opening: AuditWizard | None = None, resume: bool = False
    ) -> None:
        """`resume`: a first audit carries on at the first page with a question not answered."""
        self._drop_opening_page()
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return
        state = self.session.state
        if state.audits and not every_question:
            from selfaudit.audit.reaudit import reaudit_scope

            self.session.start_audit(
                reaudit_scope(self.session.catalog, state, self.policy, self.session.now())
            )
        else:
            self.session.start_audit()
        if opening is None:
            # not before: a returning person's dashboard needs none of the audit's pages
            from selfaudit.ui.wizard import AuditWizard

            wizard = AuditWizard(self.session, self.policy, probes=self.probes)
            fit_to_screen(wizard)
        else:
            wizard = opening
            wizard.complete(self.session, self.policy, self.probes)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.offer_print(lambda: self.exporter.print_plan())
        wizard.finished.connect(self._wizard_finished)
        self.wizard = wizard
        self.wizard_opened.emit(wizard)
        wizard.show()
        self.hide()
        if resume and not state.audits:
            wizard.resume()

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
        self._drop_opening_page()
        if self._dashboard is not None:
            self._dashboard.refresh()  # a new one has just read the plan
        self.stack.setCurrentWidget(self.dashboard)
        self.show()
        # the keyboard starts where reading does: the first thing to do, said with its name
        # ("Do this first: show me how"), not the print button at the far corner
        start = self.dashboard.first_show
        (start if start.isVisibleTo(self) else self.dashboard.print_button).setFocus()

    def _make_start_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("start-page")
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
        button.clicked.connect(lambda: self.start_audit(resume=True))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.wizard is not None:
            self.wizard.close()
        super().closeEvent(event)


def opening_page(parent: QWidget) -> QWidget:
    """The page a returning person sees while their checklist is opened: nothing of theirs."""
    page = QWidget(parent)
    page.setObjectName("opening")
    layout = QVBoxLayout(page)
    layout.setContentsMargins(48, 48, 48, 48)
    layout.addWidget(heading("Opening your checklist…", page, 1.5))
    layout.addWidget(wrapped_label("It is kept encrypted on this computer.", page))
    layout.addStretch(1)
    return page
