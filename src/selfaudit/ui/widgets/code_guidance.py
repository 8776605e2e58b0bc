"""What the code expects on a theme the questions do not ask one by one (the conduct section's
highest standard of conduct, everyday standards, wellbeing, clear boundaries): each point in
plain words, with its section and the code's own words under it."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from selfaudit.content.code import BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import MeasureGuidance
from selfaudit.content.wording import code_quote
from selfaudit.ui.widgets.labels import wrapped_label


class MeasureGuidanceBox(QFrame):
    def __init__(
        self,
        guidance: MeasureGuidance,
        parent: QWidget | None = None,
        code: CodeOfPractice = BUILT_IN_CODE,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"measure-guidance:{guidance.measure}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(wrapped_label(guidance.title, self, bold=True))
        self.points: list[QLabel] = []
        self.quotes: list[QLabel] = []
        for point in guidance.points:
            text = wrapped_label(f"•  {point.text}", self)
            quote = wrapped_label(code_quote(code, point.seed_ref, point.quote), self)
            quote.setIndent(16)
            font = quote.font()
            font.setItalic(True)
            quote.setFont(font)
            quote.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.points.append(text)
            self.quotes.append(quote)
            layout.addWidget(text)
            layout.addWidget(quote)
        self.setAccessibleName(guidance.title)
        self.setAccessibleDescription(
            " ".join(f"{p.text} ({code_quote(code, p.seed_ref, p.quote)})" for p in guidance.points)
        )
