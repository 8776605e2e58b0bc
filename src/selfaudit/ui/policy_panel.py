"""Settings section: the organisation policy in force, where it came from, and any policy file
that was ignored and why (so the person can tell IT exactly what to fix)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from selfaudit.content.models import Catalog
from selfaudit.policy_loader import IgnoredPolicy, LoadedPolicy
from selfaudit.policy_summary import CODE_ADDRESS, describe_policy
from selfaudit.ui.links import open_links_of
from selfaudit.ui.widgets.labels import wrapped_label


def source_text(loaded: LoadedPolicy) -> str:
    if loaded.path is None:
        return (
            "The app's built-in settings. Your organisation has not set up a policy file on "
            "this computer."
        )
    return f"{loaded.path}\n({loaded.origin.description})"


def ignored_text(ignored: IgnoredPolicy, loaded: LoadedPolicy, most: int = 20) -> str:
    instead = (
        "its built-in settings"
        if loaded.path is None
        else f"the policy from {loaded.origin.description}"
    )
    problems = "\n".join(f"•  {problem}" for problem in ignored.problems[:most])
    if len(ignored.problems) > most:
        problems += (
            f"\n•  and {len(ignored.problems) - most} more: IT can list them all with "
            f"selfaudit policy check {ignored.path}"
        )
    return (
        f"The app could not use the policy file {ignored.path} "
        f"({ignored.origin.description}), so it is using {instead}. "
        f"Please tell your IT team what is wrong with the file:\n{problems}"
    )


class IgnoredPolicyNotice(QFrame):
    """A warning box: which file was ignored, what is used instead, and each problem."""

    def __init__(
        self, ignored: IgnoredPolicy, loaded: LoadedPolicy, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ignored-policy")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) * 2
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(icon)
        text = QVBoxLayout()
        heading = wrapped_label("A policy file was ignored", self, bold=True)
        self.details = wrapped_label(ignored_text(ignored, loaded), self)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details.setAccessibleName("Why the policy file was ignored")
        text.addWidget(heading)
        text.addWidget(self.details)
        layout.addLayout(text, 1)
        self.setAccessibleName("Warning: a policy file was ignored")


class PolicyPanel(QWidget):
    """Standalone section for the Settings dialog: `PolicyPanel(loaded_policy, catalog)`."""

    title = "Organisation policy"

    def __init__(
        self, loaded: LoadedPolicy, catalog: Catalog | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("policy-panel")
        self.setAccessibleName(self.title)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(self.title, self, bold=True))
        layout.addWidget(
            wrapped_label(
                "Your organisation can name its own code of practice, set how often you are "
                "reminded, what counts as a strong password, which checks you are asked and who "
                "you can contact. This is the policy this app is using.",
                self,
            )
        )
        self.notices = [IgnoredPolicyNotice(i, loaded, self) for i in loaded.ignored]
        for notice in self.notices:
            layout.addWidget(notice)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.source_label = self._value(source_text(loaded), "Policy file")
        form.addRow("Policy file:", self.source_label)
        self.values: dict[str, QLabel] = {}
        for name, value in describe_policy(loaded.policy, catalog):
            label = self._value(value, name)
            if name == CODE_ADDRESS:  # the organisation's own code: opens on a click
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setText(f'<a href="{escape(value, quote=True)}">{escape(value)}</a>')
                open_links_of(label)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            self.values[name] = label
            form.addRow(f"{name}:", label)
        layout.addLayout(form)
        layout.addStretch(1)

    def _value(self, text: str, name: str) -> QLabel:
        label = wrapped_label(text, self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(f"{name}: {text}")
        return label
