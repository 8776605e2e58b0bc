"""The dashboard: score, score per measure, when the next audit is due, what changed since the
last one, and the plan to work through ("Do this first", then the list with its filters)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.audit.compare import since_last_audit
from selfaudit.audit.plan import Action, ActionPlan, build_plan, progress_entry
from selfaudit.audit.progress import ActionStatus
from selfaudit.audit.reaudit import due_again, next_due
from selfaudit.audit.session import AuditSession
from selfaudit.audit.verify import ProbeVerifier, Verification, apply_verification
from selfaudit.dates import local_date, long_date
from selfaudit.policy import Policy
from selfaudit.probes import ProbeResult
from selfaudit.report.wording import facts
from selfaudit.ui.action_text import NO_ACTION_HTML, action_html, changes_text, status_message
from selfaudit.ui.background import run_in_background
from selfaudit.ui.plan_model import PlanFilter, PlanTableModel, StatusFilter, plan_table
from selfaudit.ui.score_chart import ScoreHistoryChart, ScorePoint
from selfaudit.ui.widgets.code_link import CodeLink
from selfaudit.ui.widgets.labels import heading, wrapped_label
from selfaudit.ui.widgets.score_bar import ScoreBar
from selfaudit.ui.widgets.scrolling import scroll_area

if TYPE_CHECKING:
    from selfaudit.ui.plan_export import PlanExporter

SNOOZES = (("For a week", 7), ("For two weeks", 14), ("For a month", 30))


class Dashboard(QWidget):
    """Emits `reaudit_requested(every_question)`; the main window starts the wizard."""

    reaudit_requested = Signal(bool)

    def __init__(
        self,
        session: AuditSession,
        policy: Policy,
        exporter: Callable[[], PlanExporter],
        parent: QWidget | None = None,
    ) -> None:
        """`exporter` gives the plan's printing and saving (Qt's printing modules) when first
        used: the first screen does without them."""
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.session = session
        self.policy = policy
        self._exporter_of = exporter  # the owner shows what it saved with `show_message`
        self.verifier: ProbeVerifier | None = None
        self.checking: set[str] = set()  # actions whose probe is running
        self.model = PlanTableModel(self)
        self.filter = PlanFilter(self)
        self.filter.setSourceModel(self.model)

        outer = QVBoxLayout(self)
        outer.addLayout(self._top_bar())
        # a splitter: at 200% scaling on a small screen the person can give the plan more room
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._overview())
        plan_column = QWidget(self.splitter)
        plan_layout = self._plan_column()
        plan_layout.setContentsMargins(4, 0, 0, 0)
        plan_column.setLayout(plan_layout)
        self.splitter.addWidget(plan_column)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        char = self.fontMetrics().horizontalAdvance("0")
        self.splitter.setSizes([char * 48, char * 100])
        outer.addWidget(self.splitter, 1)
        self.refresh()

    @property
    def exporter(self) -> PlanExporter:
        return self._exporter_of()

    def today(self) -> date:
        return local_date(self.session.now())

    # layout ---------------------------------------------------------------------------------
    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.title = heading("Your online safety plan", self, 1.5)
        bar.addWidget(self.title, 1)  # wraps, rather than widen the window, at 200% scaling
        self.reaudit_button = QToolButton(self)
        self.reaudit_button.setObjectName("start-reaudit")
        self.reaudit_button.setText("Start a re-audit")
        self.reaudit_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.reaudit_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.reaudit_button)
        self.full_audit_action = QAction("Ask every question again", menu)
        self.full_audit_action.triggered.connect(lambda: self.reaudit_requested.emit(True))
        menu.addAction(self.full_audit_action)
        self.reaudit_button.setMenu(menu)
        self.reaudit_button.clicked.connect(lambda: self.reaudit_requested.emit(False))
        bar.addWidget(self.reaudit_button)
        self.feature_bar = QHBoxLayout()  # the main window adds friend check, evidence, settings
        bar.addLayout(self.feature_bar)
        return bar

    def _overview(self) -> QWidget:
        column = QWidget(self)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        # the score heads the column, outside its scrolling part: the first thing a screen
        # reader finds there, a few objects from the window rather than past the whole plan
        self.score_label = heading("", column, 1.6)
        self.score_label.setObjectName("overall-score")
        self.score_label.setContentsMargins(0, 0, 8, 0)
        column_layout.addWidget(self.score_label)
        scroll = scroll_area(column, "Your scores and audits")
        column.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 22)
        column_layout.addWidget(scroll, 1)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        self.audit_dates = wrapped_label("", body)
        layout.addWidget(self.audit_dates)
        self.code_link = CodeLink(body)  # the organisation's own code, if it names one
        self.code_link.show_code(self.session.catalog.code)
        layout.addWidget(self.code_link)
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)  # room for the names on one line when the column allows
        grid.setColumnStretch(1, 2)
        self.measure_bars: dict[str, tuple[QLabel, ScoreBar]] = {}
        for row, measure in enumerate(self.session.catalog.measures):
            name = wrapped_label(measure.title, body)
            bar = ScoreBar(measure.title, body)
            name.setBuddy(bar.bar)
            grid.addWidget(name, row, 0)
            grid.addWidget(bar, row, 1)
            self.measure_bars[measure.id] = (name, bar)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(wrapped_label("Your score over time", body, bold=True))
        self.chart = ScoreHistoryChart(body)
        layout.addWidget(self.chart)
        layout.addSpacing(6)
        layout.addWidget(wrapped_label("Since your last audit", body, bold=True))
        self.changes_label = wrapped_label("", body)
        self.changes_label.setObjectName("since-last-audit")
        self.changes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.changes_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout.addWidget(self.changes_label)
        layout.addStretch(1)
        scroll.setWidget(body)
        return column

    def _plan_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.first_box = QFrame(self)
        self.first_box.setObjectName("do-this-first")
        # the palette's highlight colour: right in light and dark themes alike
        self.first_box.setStyleSheet(
            "QFrame#do-this-first { border: 2px solid palette(highlight); border-radius: 4px; }"
        )
        first = QVBoxLayout(self.first_box)
        self.first_caption = wrapped_label("Do this first", self.first_box)
        self.first_title = heading("", self.first_box, 1.15)
        self.first_facts = wrapped_label("", self.first_box)
        first.addWidget(self.first_caption)
        first.addWidget(self.first_title)
        first.addWidget(self.first_facts)
        first_buttons = QHBoxLayout()
        self.first_show = QPushButton("Show me how", self.first_box)
        self.first_show.clicked.connect(self._show_first)
        self.first_done = QPushButton("Mark as done", self.first_box)
        self.first_show.setAccessibleName("Do this first: show me how")
        self.first_done.setAccessibleName("Do this first: mark as done")
        self.first_done.clicked.connect(lambda: self._mark_first(ActionStatus.DONE))
        first_buttons.addWidget(self.first_show)
        first_buttons.addWidget(self.first_done)
        first_buttons.addStretch(1)
        first.addLayout(first_buttons)
        column.addWidget(self.first_box)

        controls = QHBoxLayout()
        self.plan_summary = wrapped_label("", self, bold=True)
        controls.addWidget(self.plan_summary, 1)
        show_label = QLabel("&Show:", self)
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Show actions that are")
        for status in StatusFilter:
            self.status_combo.addItem(status.label, status)
        self.status_combo.currentIndexChanged.connect(self._filters_changed)
        show_label.setBuddy(self.status_combo)
        self.measure_combo = QComboBox(self)
        self.measure_combo.setAccessibleName("Show actions about")
        self.measure_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.measure_combo.setMinimumContentsLength(12)
        self.measure_combo.addItem("All measures", None)
        for measure in self.session.catalog.measures:
            self.measure_combo.addItem(measure.title, measure.id)
        self.measure_combo.currentIndexChanged.connect(self._filters_changed)
        controls.addWidget(show_label)
        controls.addWidget(self.status_combo)
        controls.addWidget(self.measure_combo)
        column.addLayout(controls)

        self.table = plan_table(self.filter, self)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        column.addWidget(self.table, 3)

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("action-detail")
        self.detail.setAccessibleName("What to do, and why")
        self.detail.setOpenLinks(False)
        column.addWidget(self.detail, 4)

        buttons = QHBoxLayout()
        self.done_button = QPushButton("Mark as &done", self)
        self.done_button.clicked.connect(lambda: self._set_status(ActionStatus.DONE))
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText("S&nooze")
        self.snooze_button.setAccessibleName("Snooze this action")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        snooze_menu = QMenu(self.snooze_button)
        for label, days in SNOOZES:
            action = QAction(label, snooze_menu)
            action.triggered.connect(lambda _=False, d=days: self._snooze(d))
            snooze_menu.addAction(action)
        self.snooze_button.setMenu(snooze_menu)
        self.na_button = QPushButton("Doesn't &apply", self)
        self.na_button.setAccessibleName("Doesn't apply to me")
        self.na_button.clicked.connect(lambda: self._set_status(ActionStatus.NOT_APPLICABLE))
        self.todo_button = QPushButton("Back to &to do", self)
        self.todo_button.clicked.connect(lambda: self._set_status(ActionStatus.TODO))
        for button in (self.done_button, self.snooze_button, self.na_button, self.todo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.print_button = QPushButton("&Print your plan…", self)
        self.print_button.setObjectName("print-plan")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(lambda: self.exporter.print_plan())
        self.save_button = QToolButton(self)
        self.save_button.setText("Sa&ve as")
        self.save_button.setAccessibleName("Save your plan or a receipt")
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.save_menu = QMenu(self.save_button)
        self.save_menu.aboutToShow.connect(self._fill_save_menu)  # as it first opens
        self.save_button.setMenu(self.save_menu)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        column.addLayout(buttons)
        self.message = wrapped_label("", self)
        self.message.setObjectName("dashboard-message")
        self.message.setAccessibleName("Message")
        self.message.hide()
        column.addWidget(self.message)
        return column

    def _fill_save_menu(self) -> None:
        from selfaudit.ui.plan_export import fill_save_menu

        fill_save_menu(self.save_menu, self.exporter)

    # showing the state ----------------------------------------------------------------------
    def current_plan(self) -> ActionPlan:
        return self.model.plan

    def refresh(self) -> None:
        """Rebuilds everything from the session: after an audit, a tick, or a new day."""
        session, policy, today = self.session, self.policy, self.today()
        catalog, state = session.catalog, session.state
        findings = session.findings()
        plan = build_plan(catalog, state, policy, today, findings)
        selected, row = self.selected_action(), self.table.currentIndex().row()
        self.model.set_plan(plan)
        self._show_scores()
        due = next_due(catalog, state, policy)
        last = state.audits[-1] if state.audits else None
        lines = []
        if last is not None:
            lines.append(f"Last audit: {long_date(local_date(last.completed_at))}")
        if due is not None:
            lines.append(
                "Your next audit is due now."
                if due <= today
                else f"Next audit due: {long_date(due)}"
            )
        self.audit_dates.setText("\n".join(lines))
        count = len(due_again(catalog, state, policy, session.now()))
        self.reaudit_button.setToolTip(
            f"Asks the {count} questions that are new, not yet sorted or due to be checked again"
        )
        self.chart.set_points(
            [
                ScorePoint(local_date(a.completed_at), a.score)
                for a in state.audits
                if a.score is not None
            ]
        )
        self._show_changes()
        self._show_first(plan, select=False)
        to_do, done = plan.open_count, plan.done_count
        self.plan_summary.setText(
            f"Your plan: {to_do} to do, {done} done" if plan.actions else "Your plan"
        )
        self._reselect(selected.id if selected else (plan.first.id if plan.first else None), row)

    def _show_scores(self) -> None:
        scores = self.session.scores()
        overall = "–" if scores.overall is None else f"{scores.overall} out of 100"
        self.score_label.setText(f"Your score: {overall}")
        self.score_label.setAccessibleName(f"Your score: {overall}")
        for measure in self.session.catalog.measures:
            value = scores.by_measure.get(measure.id)
            name, bar = self.measure_bars[measure.id]
            # a measure with nothing that applies (no social media) is left out, not shown as 0
            name.setVisible(value is not None)
            bar.setVisible(value is not None)
            bar.set_score(value)

    def _show_changes(self) -> None:
        comparison = since_last_audit(self.session.catalog, self.session.state.audits)
        self.changes_label.setText(changes_text(comparison))

    def _show_first(self, plan: ActionPlan | None = None, select: bool = True) -> None:
        plan = plan or self.model.plan
        first = plan.first
        if select:
            if first is not None:
                self._reselect(first.id)
                self.detail.setFocus()
            return
        if first is None:
            self.first_caption.setText("Nothing to do now")
            self.first_title.setText(
                "You are up to date." if plan.actions else "Your audit found nothing to fix."
            )
            self.first_facts.setText("Keep your settings as they are, and check again when due.")
        else:
            self.first_caption.setText("Do this first")
            self.first_title.setText(first.display_title)
            self.first_facts.setText(facts(first, first.overdue(plan.as_of)))
        self.first_box.setAccessibleName(f"{self.first_caption.text()}: {self.first_title.text()}")
        for button in (self.first_show, self.first_done):
            button.setVisible(first is not None)
            button.setAccessibleDescription(first.display_title if first else "")

    # the selected action --------------------------------------------------------------------
    def selected_action(self) -> Action | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.action_at(self.filter.mapToSource(index).row())

    def _reselect(self, action_id: str | None, near: int = 0) -> None:
        """Selects the action, or (when it has left the list, such as an action just done while
        the list shows what is to do) the one now in its place."""
        row = self.model.row_of(action_id) if action_id else None
        proxy_index = QModelIndex()
        if row is not None:
            proxy_index = self.filter.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid() and self.filter.rowCount() > 0:
            proxy_index = self.filter.index(min(max(near, 0), self.filter.rowCount() - 1), 0)
        selection = self.table.selectionModel()
        if proxy_index.isValid():
            selection.setCurrentIndex(
                proxy_index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            selection.clear()
        self._selected()

    def _filters_changed(self) -> None:
        # Qt hands the item data back as a plain string
        self.filter.set_status(StatusFilter(self.status_combo.currentData()))
        self.filter.set_measure(self.measure_combo.currentData())
        selected = self.selected_action()
        self._reselect(selected.id if selected else None)

    def _selected(self, *_: object) -> None:
        action = self.selected_action()
        self.detail.setHtml(action_html(action, self.model.plan) if action else NO_ACTION_HTML)
        status = action.status if action else None
        self.done_button.setVisible(status in (ActionStatus.TODO, ActionStatus.SNOOZED))
        self.snooze_button.setVisible(status is ActionStatus.TODO)
        self.na_button.setVisible(status in (ActionStatus.TODO, ActionStatus.SNOOZED))
        self.todo_button.setVisible(status not in (None, ActionStatus.TODO))
        self.done_button.setEnabled(not self._checking(action))
        for button in (self.done_button, self.snooze_button, self.na_button, self.todo_button):
            button.setAccessibleDescription(action.display_title if action else "")

    # changing an action ---------------------------------------------------------------------
    def _mark_first(self, status: ActionStatus) -> None:
        first = self.model.plan.first
        if first is not None:
            self._reselect(first.id)
            self._set_status(status)

    def _snooze(self, days: int) -> None:
        self._set_status(ActionStatus.SNOOZED, self.today() + timedelta(days=days))

    def _set_status(self, status: ActionStatus, until: date | None = None) -> None:
        action = self.selected_action()
        if action is None:
            return
        if status is ActionStatus.DONE and action.probe and self.verifier is not None:
            self._verify(action)
            return
        self.session.set_action_progress(
            action.id, progress_entry(status, self.session.now(), self.today(), until)
        )
        self.show_message(status_message(action, status, until))
        self.refresh()
        # the keyboard goes with the selection: a second key press never acts on another action
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _checking(self, action: Action | None) -> bool:
        return action is not None and action.id in self.checking

    def _verify(self, action: Action) -> None:
        verifier, probe, action_id = self.verifier, action.probe, action.id
        assert verifier is not None and probe is not None
        self.checking.add(action_id)
        self.show_message("Checking this computer…")
        self.done_button.setEnabled(False)
        run_in_background(
            lambda: verifier(probe),
            lambda result: self._verified(action_id, result),
            # a probe that breaks must not lose the person's tick: done on their word
            lambda _error: self._verified(action_id, None),
            self,
        )

    def _verified(self, action_id: str, result: ProbeResult | None) -> None:
        self.checking.discard(action_id)
        plan = build_plan(self.session.catalog, self.session.state, self.policy, self.today())
        action = next((a for a in plan.actions if a.id == action_id), None)
        if action is None:
            return
        verdict = apply_verification(self.session, action, result, self.today())
        self.show_message(
            {
                Verification.CONFIRMED: f"Checked: this computer shows it is done. "
                f"{action.title} is marked as done.",
                Verification.STILL_NOT_DONE: "This computer still shows it is not done. Follow "
                "the steps again, then choose Mark as done once more.",
                Verification.UNCHECKED: "The app could not check this computer, so it is "
                "marked as done on your word.",
            }[verdict]
        )
        self.refresh()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
