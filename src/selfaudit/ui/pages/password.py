"""The password strength page: type a password, see how hard it would be to guess.

The password lives only in the field and, for a moment, in the estimate running off the UI
thread. It is never stored, logged or copied: the field refuses copy, cut, drag and its context
menu, tells input methods it is sensitive, and is cleared when the page is left. Nothing about
it is written to the session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QHideEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.audit.session import AuditSession
from selfaudit.content.models import Catalog
from selfaudit.measures.passwords import PasswordMeter, PasswordStrength, personal_words
from selfaudit.policy import Policy
from selfaudit.ui.background import Background, Job
from selfaudit.ui.pages.audit_page import AuditPage
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.ui.widgets.scrolling import scroll_area
from selfaudit.ui.widgets.strength_meter import StrengthMeter

DEBOUNCE_MS = 150  # estimate once typing pauses, not on every key


class PasswordField(QLineEdit):
    """A line edit that never hands its text to the clipboard or another program."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setDragEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
            QKeySequence.StandardKey.Cut
        ):
            event.ignore()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        event.ignore()


class PasswordPage(AuditPage):
    measure_id = "passwords"

    @classmethod
    def section_in(cls, catalog: Catalog) -> str:
        """It opens the passwords section."""
        return catalog.measure(cls.measure_id).title

    def __init__(self, session: AuditSession, policy: Policy) -> None:
        super().__init__(session)
        self.section = self.section_in(session.catalog)
        self.policy = policy
        self.meter: PasswordMeter | None = None  # made on first use: it reads its word list
        self.background = Background(self)
        self._pending: Job | None = None
        self.setTitle("How strong is your password?")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # the safety net for large text or 200% scaling, as on the question pages
        scroll = scroll_area(self, self.title())
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.addWidget(
            wrapped_label(
                "Type a password to see how hard it would be to guess. Try the one for your "
                "personal e-mail. It is not saved or sent anywhere, and it is cleared when you "
                "leave this page.",
                body,
            )
        )
        form = QFormLayout()
        row = QHBoxLayout()
        self.password_field = PasswordField(body)
        self.password_field.setObjectName("password-field")
        self.password_field.setAccessibleName("Password to check")
        row.addWidget(self.password_field, 1)
        self.show_button = QPushButton("Show", body)
        self.show_button.setObjectName("show-password")
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName("Show password")
        self.show_button.toggled.connect(self._toggle_shown)
        row.addWidget(self.show_button)
        password_label = QLabel("&Password:", body)
        password_label.setBuddy(self.password_field)
        form.addRow(password_label, row)
        self.name_field = QLineEdit(body)
        self.name_field.setObjectName("name-field")
        self.name_field.setAccessibleName("Your name, optional")
        self.name_field.setPlaceholderText("Not saved")
        why_name = "The checker warns you if the password contains your name. It is not saved."
        self.name_field.setToolTip(why_name)
        self.name_field.setAccessibleDescription(why_name)
        name_label = QLabel("Your &name (optional):", body)
        name_label.setBuddy(self.name_field)
        form.addRow(name_label, self.name_field)
        layout.addLayout(form)

        self.strength = StrengthMeter(body)
        layout.addSpacing(4)
        layout.addWidget(self.strength)
        self.label = wrapped_label("", self, bold=True)
        self.label.setObjectName("strength-label")
        self.crack_time = wrapped_label("", body)
        self.crack_time.setObjectName("crack-time")
        self.warning = wrapped_label("", body)
        self.warning.setObjectName("strength-warning")
        self.suggestions = wrapped_label("", body)
        self.suggestions.setObjectName("strength-suggestions")
        self.truncated = wrapped_label("", body)
        self.truncated.setObjectName("strength-truncated")
        self.policy_note = wrapped_label("", body)
        self.policy_note.setObjectName("strength-policy")
        for widget in (
            self.label,
            self.crack_time,
            self.warning,
            self.suggestions,
            self.truncated,
            self.policy_note,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._estimate)
        self.password_field.textChanged.connect(self._typed)
        self.name_field.textChanged.connect(self._name_changed)
        self._show(None)

    # navigation ------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.setSubTitle(self.audit_wizard().progress_text(self))
        self.password_field.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page, by Next, Back or closing the window, forgets the password."""
        self.forget()
        super().hideEvent(event)

    def forget(self) -> None:
        self.timer.stop()
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        self.password_field.clear()
        self.show_button.setChecked(False)
        self._show(None)

    # estimating ------------------------------------------------------------------------------
    def _typed(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        if not self.password_field.text():
            self.timer.stop()
            self._show(None)
            return
        self.timer.start()

    def _name_changed(self) -> None:
        self.meter = None  # the personal words changed
        if self.password_field.text():
            self.timer.start()

    def _estimate(self) -> None:
        if self.meter is None:
            self.meter = PasswordMeter(
                personal_words(
                    self.name_field.text(), self.policy.organisation, self.policy.password_words
                )
            )
        meter, password = self.meter, self.password_field.text()
        if not password:
            return
        self._pending = self.background.run(
            lambda: meter.measure(password), self._estimated, self._estimated
        )

    def _estimated(self, result: object) -> None:
        self._pending = None
        self._show(result if isinstance(result, PasswordStrength) else None)

    def _show(self, strength: PasswordStrength | None) -> None:
        meter_texts = self.meter.texts if self.meter is not None else None
        if strength is None or strength.empty:
            self.strength.set_score(None, "Nothing typed yet")
            self.label.setText("Type a password to see how strong it is.")
            for widget in (
                self.crack_time,
                self.warning,
                self.suggestions,
                self.truncated,
                self.policy_note,
            ):
                widget.clear()
                widget.setVisible(False)
            return
        words = f"{strength.label}, {strength.score} out of 4"
        self.strength.set_score(strength.score, words)
        self.label.setText(f"Strength: {strength.label}")
        self.label.setAccessibleName(f"Strength: {words}")
        self.crack_time.setText(strength.crack_time)
        self.warning.setText(strength.warning)
        self.suggestions.setText("\n".join(f"•  {s}" for s in strength.suggestions))
        self.truncated.setText(meter_texts.truncated if meter_texts and strength.truncated else "")
        minimum = self.policy.min_password_score
        wanted = meter_texts.score_labels[minimum] if meter_texts else str(minimum)
        self.policy_note.setText(
            "" if strength.meets(minimum) else f'Your employer asks for at least "{wanted}".'
        )
        for widget in (
            self.crack_time,
            self.warning,
            self.suggestions,
            self.truncated,
            self.policy_note,
        ):
            widget.setVisible(bool(widget.text()))

    def _toggle_shown(self, shown: bool) -> None:
        self.password_field.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )
        self.show_button.setText("Hide" if shown else "Show")
        self.show_button.setAccessibleName("Hide password" if shown else "Show password")
