"""How to download the friends list from each platform: the steps from
resources/friends/platforms.toml, and a button that opens the platform's download page in the
person's own browser (only when they click it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfaudit.measures.friends.guides import FriendGuides, load_guides
from selfaudit.ui.links import open_link
from selfaudit.ui.screen_fit import fit_to_screen
from selfaudit.ui.widgets.labels import wrapped_label


def steps_text(steps: tuple[str, ...]) -> str:
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))


class DownloadHelpDialog(QDialog):
    def __init__(
        self,
        platform: str = "facebook",
        guides: FriendGuides | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.guides = guides or load_guides()
        self.setWindowTitle("How to download your friends list")
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(
                "Each site lets you download a copy of your information. Ask for the JSON "
                "format and all time, then add the .zip file you get to the friend check.",
                self,
            )
        )
        form = QFormLayout()
        self.platforms = QComboBox(self)
        self.platforms.setAccessibleName("Site or app")
        for platform_id, guide in self.guides.platform.items():
            if platform_id != "other":
                self.platforms.addItem(guide.name, platform_id)
        form.addRow("Site or app:", self.platforms)
        layout.addLayout(form)
        self.steps = wrapped_label("", self)
        self.steps.setObjectName("download-steps")
        layout.addWidget(self.steps)
        self.note = wrapped_label("", self)
        layout.addWidget(self.note)
        self.open_button = QPushButton("Open the download page in your browser", self)
        self.open_button.setAccessibleName("Open the download page in your browser")
        self.open_button.clicked.connect(self.open_page)
        layout.addWidget(self.open_button)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.platforms.currentIndexChanged.connect(self._show)
        index = self.platforms.findData(platform)
        self.platforms.setCurrentIndex(max(index, 0))
        self._show()
        fit_to_screen(self, 560, 420)

    def platform(self) -> str:
        return str(self.platforms.currentData())

    def _show(self) -> None:
        guide = self.guides.guide(self.platform())
        self.steps.setText(steps_text(guide.download))
        self.note.setText(guide.note)
        self.note.setVisible(bool(guide.note))
        self.open_button.setEnabled(bool(guide.export_link))

    def open_page(self) -> None:
        link = self.guides.guide(self.platform()).export_link
        if link:
            open_link(link, self)
