"""A page of one platform's items: each question with its numbered steps beside it, a choice of
the app's steps or a computer's, and on blocking pages the advice to read before blocking anyone.
A platform with no web pages for its settings says so once, at the top of the page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QWidget

from selfaudit.audit.session import AuditSession
from selfaudit.content.models import Check
from selfaudit.ui.pages.questions import QuestionsPage
from selfaudit.ui.sections import PagePlan
from selfaudit.ui.tab_order import read_after, stops_in
from selfaudit.ui.widgets.labels import wrapped_label
from selfaudit.ui.widgets.platform_steps import (
    BeforeBlockingBox,
    Device,
    DeviceChoice,
    StepsPanel,
    ToolComparison,
)

# The wizard remembers the chosen device on itself, so every platform page shows the same.
DEVICE_PROPERTY = "steps_device"
# Below this width (device-independent pixels) the steps go under each question, not beside it.
SIDE_BY_SIDE_MIN_WIDTH = 560


class PlatformItemsPage(QuestionsPage):
    def __init__(self, session: AuditSession, plan: PagePlan) -> None:
        assert plan.platform is not None, "a platform page needs its platform"
        super().__init__(session, plan)
        self.platform_page = session.catalog.platform_page(plan.platform.id)
        self.platform = plan.platform
        catalog = session.catalog
        self.setTitle(f"{plan.platform.name}: {plan.measure.title.lower()}")
        self.scroll_area.setAccessibleName(self.title())
        self.steps_panels = [q.aside for q in self.questions if isinstance(q.aside, StepsPanel)]

        header: list[QWidget] = []
        self.no_web_label: QLabel | None = None
        if self.platform_page.no_web_page:
            self.no_web_label = wrapped_label(self.platform_page.no_web_page, self)
            self.no_web_label.setObjectName("no-web-page")
            header.append(self.no_web_label)
        self.before_blocking: BeforeBlockingBox | None = None
        self.comparison: ToolComparison | None = None
        if plan.shows_guide:  # the first of this platform's blocking pages
            if catalog.before_blocking is not None:
                warning = catalog.image_warning.step if catalog.image_warning else ""
                self.before_blocking = BeforeBlockingBox(
                    catalog.before_blocking, self, warning, catalog.code
                )
                header.append(self.before_blocking)
            guide = catalog.guide(plan.platform.id)
            if guide is not None:
                self.comparison = ToolComparison(guide, plan.platform, self)
                header.append(self.comparison)
        self.device_choice: DeviceChoice | None = None
        # one choice for all of a platform's pages: shown wherever any of its settings has steps
        # for a computer, so the same choice holds (and is visible) on each of its pages
        if any(
            item.steps_web for item in catalog.platform_items() if item.platform == plan.platform.id
        ):
            self.device_choice = DeviceChoice(plan.platform, self)
            self.device_choice.changed.connect(self._device_changed)
            header.append(self.device_choice)
        if self.steps_panels:
            self.hint = 'Choose "Not yet" to do it later: it goes into your plan.'
        for offset, widget in enumerate(header, start=1):
            self.body_layout.insertWidget(offset, widget)  # after the measure's intro
        # made after the questions, read before them: first on the page
        read_after(self.scroll_area, [stop for widget in header for stop in stops_in(widget)])
        self.scroll_area.viewport().installEventFilter(self)

    def aside_for(self, check: Check, parent: QWidget) -> QWidget | None:
        if check.kind is None or self.plan.platform is None:
            return None
        catalog = self.session.catalog
        warning = catalog.image_warning.step if catalog.image_warning else ""
        return StepsPanel(
            check,
            self.plan.platform,
            parent,
            checked_by=catalog.source_owner(check.source) if check.source else None,
            image_warning=warning,
            show_no_link=not catalog.platform_page(self.plan.platform.id).no_web_page,
        )

    def initializePage(self) -> None:
        super().initializePage()
        self.show_device(self.chosen_device())
        self._fit_width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_width()
        return super().eventFilter(watched, event)

    def _fit_width(self) -> None:
        # Decided from the width the scroll area offers (its viewport, resized after the page
        # itself), not the items' own width, which cannot shrink below their side-by-side minimum
        # and so would never trigger the change.
        below = self.scroll_area.viewport().width() < SIDE_BY_SIDE_MIN_WIDTH
        for question in self.questions:
            question.set_aside_below(below)
        if self.device_choice is not None:
            self.device_choice.set_stacked(below)

    def chosen_device(self) -> Device:
        wizard = self.wizard()
        value = wizard.property(DEVICE_PROPERTY) if wizard is not None else None
        return Device(value) if value in {d.value for d in Device} else Device.APP

    def show_device(self, device: Device) -> None:
        if self.device_choice is not None:
            self.device_choice.set_device(device)
        else:
            device = Device.APP  # no choice shown: every setting here is in the app
        for panel in self.steps_panels:
            panel.show_device(device)

    def _device_changed(self, value: str) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.setProperty(DEVICE_PROPERTY, value)
        for panel in self.steps_panels:
            panel.show_device(Device(value))
