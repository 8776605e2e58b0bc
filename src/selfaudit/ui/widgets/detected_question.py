"""A question this computer can answer itself: it shows "Checking…" while the probe runs, then
what the probe found. When the probe saw the setting, its pass or fail decides (with steps to
fix a failure); when it could not, the person is asked to confirm, with steps for their system."""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import NOT_SURE, Check
from selfaudit.probes.probe import ProbeStatus
from selfaudit.ui.probing import ProbeChecker
from selfaudit.ui.tab_order import read_after
from selfaudit.ui.widgets.answer_group import update_tab_stop
from selfaudit.ui.widgets.question import QuestionWidget, wrapped_label

CHECKING = "Checking this computer…"
PASSED = "Checked: this is set up well."
FAILED = "Checked: this needs changing."
COULD_NOT = "We couldn't check this — please confirm"


class ProbeView(Enum):
    """What the widget shows, from the probe's run in this window."""

    NOT_CHECKED = auto()  # no probe, or not run yet: the person answers, with the steps
    CHECKING = auto()  # the probe is running
    PASSED = auto()  # the probe saw the setting, set up well: that decides
    FAILED = auto()  # the probe saw the setting needs changing: that decides, steps to fix it
    COULD_NOT_TELL = auto()  # the probe ran and could not tell (its detail says why)

    @property
    def asks(self) -> bool:
        """Whether the person answers by hand."""
        return self in (ProbeView.NOT_CHECKED, ProbeView.COULD_NOT_TELL)

    @property
    def headline(self) -> str:
        return {
            ProbeView.CHECKING: CHECKING,
            ProbeView.PASSED: PASSED,
            ProbeView.FAILED: FAILED,
        }.get(self, COULD_NOT)


def numbered(steps: tuple[str, ...]) -> str:
    return "\n".join(f"{number}.  {step}" for number, step in enumerate(steps, 1))


class DetectedQuestionWidget(QuestionWidget):
    """Emits `decision_changed` when the probe's verdict arrives or goes away (re-check)."""

    decision_changed = Signal()

    def __init__(
        self,
        check: Check,
        current: str | None,
        parent: QWidget | None = None,
        code: CodeOfPractice = BUILT_IN_CODE,
    ) -> None:
        super().__init__(check, current, parent, code=code)
        assert check.probe is not None
        self.probe_id = check.probe
        self.checker: ProbeChecker | None = None

        row = QHBoxLayout()
        self.status_label = wrapped_label("", self, bold=True)
        self.status_label.setObjectName("probe-status")
        row.addWidget(self.status_label, 1)
        self.recheck_button = QPushButton("Check again", self)
        self.recheck_button.setObjectName(f"recheck:{check.id}")
        self.recheck_button.setAccessibleName(f"Check again: {check.question}")
        row.addWidget(self.recheck_button, 0, Qt.AlignmentFlag.AlignTop)
        self.detail_area.addLayout(row)
        self.detail_label = wrapped_label("", self)
        self.detail_label.setObjectName("probe-detail")
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.detail_area.addWidget(self.detail_label)
        # the steps for this system, folded away like "Why this matters" so the page stays short
        self.steps_button = QToolButton(self)
        self.steps_button.setObjectName(f"steps:{check.id}")
        self.steps_button.setCheckable(True)
        self.steps_button.setAutoRaise(True)
        self.steps_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.steps_button.toggled.connect(self._toggle_steps)
        self.steps_label = wrapped_label("", self)
        self.steps_label.setObjectName("probe-steps")
        self.steps_label.setIndent(12)
        self.detail_area.addWidget(self.steps_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.detail_area.addWidget(self.steps_label)
        self.confirm_label = QLabel("Your answer:", self)
        self.confirm_label.setObjectName("confirm-prompt")
        self.detail_area.addWidget(self.confirm_label)
        # shown between the question and its answers, so read before them
        read_after(self.recheck_button, [self.steps_button, *self.buttons.values()])
        read_after(list(self.buttons.values())[-1], [self.why_button])
        self._show(ProbeView.NOT_CHECKED)

    # wiring ----------------------------------------------------------------------------------
    def attach(self, checker: ProbeChecker) -> None:
        """Connects to the wizard's checker and starts the first check, once."""
        if self.checker is None:
            self.checker = checker
            checker.started.connect(self._probe_event)
            checker.finished.connect(self._probe_event)
            self.recheck_button.clicked.connect(lambda: checker.check(self.probe_id))
        self._refresh()
        checker.check_once(self.probe_id)

    def _probe_event(self, probe_id: str) -> None:
        if probe_id == self.probe_id:
            self._refresh()
            self.decision_changed.emit()

    # state -----------------------------------------------------------------------------------
    def status(self) -> ProbeStatus | None:
        """What the probe found in this window's run; None while checking or when it cannot."""
        checker = self.checker
        if checker is None or checker.is_running(self.probe_id):
            return None
        if self.probe_id not in checker.checked:
            return None
        record = checker.session.probe_result(self.probe_id)
        return record.status if record is not None else ProbeStatus.UNKNOWN

    def decided(self) -> bool:
        return self.status() in (ProbeStatus.PASS, ProbeStatus.FAIL)

    def view(self) -> ProbeView:
        checker = self.checker
        if checker is not None and checker.is_running(self.probe_id):
            return ProbeView.CHECKING
        return {
            ProbeStatus.PASS: ProbeView.PASSED,
            ProbeStatus.FAIL: ProbeView.FAILED,
            ProbeStatus.UNKNOWN: ProbeView.COULD_NOT_TELL,
            None: ProbeView.NOT_CHECKED,
        }[self.status()]

    def _refresh(self) -> None:
        self._show(self.view())

    def _show(self, view: ProbeView) -> None:
        checker = self.checker
        record = checker.session.probe_result(self.probe_id) if checker else None
        can_check = checker is not None and checker.can_check(self.probe_id)
        manual = view.asks
        self.recheck_button.setVisible(can_check)
        self.recheck_button.setEnabled(view is not ProbeView.CHECKING)
        detail = ""
        steps: tuple[str, ...] = ()
        steps_title = ""
        if view is ProbeView.PASSED:
            detail = record.detail if record else ""
        elif view is ProbeView.FAILED:
            detail = record.detail if record else ""
            guide = checker.guide(self.probe_id, record.system) if checker and record else None
            if guide is not None and checker is not None:
                steps_title = f"How to change it on {guide.name}"
                steps = guide.fixing(checker.limit_text)
        elif view.asks:
            if record is not None and view is ProbeView.COULD_NOT_TELL:
                detail = record.detail
            system = (
                record.system if record else (checker.system_of(self.probe_id) if checker else None)
            )
            guide = checker.guide(self.probe_id, system) if checker and system else None
            if guide is not None and checker is not None:
                steps_title = f"How to check on {guide.name}"
                steps = guide.checking(checker.limit_text)
        self.status_label.setText(view.headline)
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.steps_button.setText(steps_title)
        self.steps_button.setAccessibleName(f"{steps_title} {self.check.question}")
        self.steps_label.setText(numbered(steps))
        self.steps_button.setVisible(bool(steps))
        # to answer by hand the person needs the steps, so they start open; a fix can wait
        self.steps_button.setChecked(bool(steps) and manual)
        self._toggle_steps(self.steps_button.isChecked())
        self.confirm_label.setVisible(manual)
        for button in self.buttons.values():
            button.setVisible(manual)
        update_tab_stop(self.group)
        self.not_sure_label.setVisible(
            manual and bool(self.check.not_sure_help) and self.value() == NOT_SURE
        )

    def _toggle_steps(self, shown: bool) -> None:
        self.steps_label.setVisible(shown and bool(self.steps_label.text()))
        self.steps_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
