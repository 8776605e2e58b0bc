"""What the app draws itself so that every state and every focus can be seen, in light, dark and
high contrast colours alike (`AccessibleStyle`, wrapping the desktop's own style):

- a focus ring, 2 pixels wide and at least 3:1 against the window, around whatever has the
  keyboard's focus: buttons, answers, fields, lists, tables, text that can be read with the
  keyboard (one QFocusFrame follows the focus in each window), or inside it where there is no
  room around it (a page that scrolls);
- radio buttons and tick boxes with an edge at least 3:1 against their background, and a chosen
  answer or a tick that stands out 3:1 against the box (Fusion's own fade into a dark palette);
- a scroll bar's handle at least 3:1 against its groove.

`install(app)` sets the style and starts the focus ring; every window gets them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFocusFrame,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from selfaudit.ui.contrast import CONTROL, with_contrast

Element = QStyle.PrimitiveElement
FOCUS_RING = "focus-ring"
FOCUS_RING_INSIDE = "focus-ring-inside"
RING_WIDTH = 2.0


def background_of(widget: QWidget | None, palette: QPalette) -> QColor:
    """The colour behind a control: its own background role, or the window's."""
    role = widget.backgroundRole() if widget is not None else QPalette.ColorRole.Window
    return palette.color(role)


def ring_colour(palette: QPalette, behind: QColor | None = None) -> QColor:
    """The colour of the focus ring and of a chosen answer: the selection's colour, moved just
    far enough to stand out 3:1 against what is behind it."""
    behind = behind if behind is not None else palette.color(QPalette.ColorRole.Window)
    return with_contrast(palette.color(QPalette.ColorRole.Highlight), behind, CONTROL)


def edge_colour(palette: QPalette, behind: QColor) -> QColor:
    """The edge of a control: the text's colour softened, but never below 3:1."""
    text = palette.color(QPalette.ColorRole.WindowText)
    soft = QColor.fromRgbF(
        (text.redF() + behind.redF()) / 2,
        (text.greenF() + behind.greenF()) / 2,
        (text.blueF() + behind.blueF()) / 2,
    )
    return with_contrast(soft, behind, CONTROL)


class AccessibleStyle(QProxyStyle):
    def __init__(self, base: str) -> None:
        super().__init__(base)
        # the answers and tick boxes are drawn here only over Fusion (Linux): the Windows and
        # macOS styles draw them from the system's own colours, contrast themes included
        self.draws_indicators = base.casefold() == "fusion"

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if self.draws_indicators and element is Element.PE_IndicatorRadioButton:
            self._radio(option, painter, widget)
        elif self.draws_indicators and element is Element.PE_IndicatorCheckBox:
            self._tick_box(option, painter, widget)
        else:
            super().drawPrimitive(element, option, painter, widget)

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element is QStyle.ControlElement.CE_FocusFrame:
            self._focus_ring(option, painter, widget)
        else:
            super().drawControl(element, option, painter, widget)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control is QStyle.ComplexControl.CC_ScrollBar:
            self._scroll_handle(option, painter, widget)

    # drawing --------------------------------------------------------------------------------
    def _box(self, option: QStyleOption, widget: QWidget | None) -> tuple[QRectF, QColor, QColor]:
        palette = option.palette
        behind = background_of(widget.parentWidget() if widget else None, palette)
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        fill = palette.color(QPalette.ColorRole.Base if enabled else QPalette.ColorRole.Window)
        edge = edge_colour(palette, behind) if enabled else palette.color(QPalette.ColorRole.Mid)
        width = max(1.0, option.rect.width() / 10)
        box = QRectF(option.rect).adjusted(width / 2, width / 2, -width / 2, -width / 2)
        return box, fill, edge

    def _radio(self, option: QStyleOption, painter: QPainter, widget: QWidget | None) -> None:
        box, fill, edge = self._box(option, widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(edge, max(1.0, option.rect.width() / 10)))
        painter.setBrush(fill)
        painter.drawEllipse(box)
        if option.state & QStyle.StateFlag.State_On:
            dot = ring_colour(option.palette, fill)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(dot)
            radius = box.width() * 0.3
            painter.drawEllipse(box.center(), radius, radius)
        painter.restore()

    def _tick_box(self, option: QStyleOption, painter: QPainter, widget: QWidget | None) -> None:
        box, fill, edge = self._box(option, widget)
        state = option.state
        on = bool(state & QStyle.StateFlag.State_On)
        partly = bool(state & QStyle.StateFlag.State_NoChange)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen_width = max(1.0, option.rect.width() / 10)
        if on or partly:
            fill = ring_colour(option.palette, background_of(widget, option.palette))
            edge = fill
        painter.setPen(QPen(edge, pen_width))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 2, 2)
        mark = with_contrast(option.palette.color(QPalette.ColorRole.Base), fill, CONTROL)
        painter.setPen(QPen(mark, pen_width * 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if partly:
            middle = box.center().y()
            painter.drawLine(
                QPointF(box.left() + box.width() * 0.25, middle),
                QPointF(box.right() - box.width() * 0.25, middle),
            )
        elif on:
            tick = QPainterPath(QPointF(box.left() + box.width() * 0.22, box.center().y()))
            tick.lineTo(box.left() + box.width() * 0.42, box.bottom() - box.height() * 0.25)
            tick.lineTo(box.right() - box.width() * 0.2, box.top() + box.height() * 0.25)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        painter.restore()

    def _focus_ring(self, option: QStyleOption, painter: QPainter, widget: QWidget | None) -> None:
        behind = background_of(widget.parentWidget() if widget else None, option.palette)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ring_colour(option.palette, behind), RING_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(option.rect).adjusted(inset, inset, -inset, -inset), 3, 3)
        painter.restore()

    def _scroll_handle(
        self, option: QStyleOptionComplex, painter: QPainter, widget: QWidget | None
    ) -> None:
        handle = self.subControlRect(
            QStyle.ComplexControl.CC_ScrollBar,
            option,
            QStyle.SubControl.SC_ScrollBarSlider,
            widget,  # type: ignore[arg-type]
        )
        if handle.isEmpty():
            return
        groove_area = self.subControlRect(
            QStyle.ComplexControl.CC_ScrollBar,
            option,
            QStyle.SubControl.SC_ScrollBarGroove,
            widget,  # type: ignore[arg-type]
        )
        # the groove in the window's colour, the handle 3:1 against it: the style's own shades
        # of grey are too close together in a dark palette
        groove = option.palette.color(QPalette.ColorRole.Window)
        colour = edge_colour(option.palette, groove)
        painter.save()
        painter.fillRect(groove_area, groove)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        thickness = min(handle.width(), handle.height())
        inset = max(2.0, thickness / 4)
        painter.drawRoundedRect(
            QRectF(handle).adjusted(inset, inset, -inset, -inset), thickness / 4, thickness / 4
        )
        painter.restore()


class InnerRing(QWidget):
    """The focus ring drawn inside a widget that fills its parent, such as a page that scrolls,
    where a ring around it would be cut off."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(FOCUS_RING_INSIDE)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def widget(self) -> QWidget | None:
        return self.parentWidget()

    def follow(self, target: QWidget) -> None:
        old = self.parentWidget()
        if old is not None and old is not target:
            old.removeEventFilter(self)
        if old is not target:
            self.setParent(target)
            target.installEventFilter(self)
        self.setGeometry(target.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())  # type: ignore[union-attr]
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(
            QPen(ring_colour(palette, background_of(self.parentWidget(), palette)), RING_WIDTH)
        )
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 3, 3)


class FocusRings(QObject):
    """Puts the focus ring around whatever has the keyboard's focus, in every window: outside
    it where there is room (a QFocusFrame, drawn by the style), else inside it."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(FOCUS_RING)
        app.focusChanged.connect(self.follow)

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.isWindow() or new.window().windowType() is Qt.WindowType.Popup:
            return
        window = new.window()
        outside = window.findChild(QFocusFrame, FOCUS_RING)
        inside = window.findChild(InnerRing, FOCUS_RING_INSIDE)
        if has_room_around(new):
            if inside is not None:
                inside.hide()
            if outside is None:
                outside = QFocusFrame(window)
                outside.setObjectName(FOCUS_RING)
                outside.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            outside.setWidget(new)
        else:
            if outside is not None:
                outside.setWidget(None)  # type: ignore[arg-type]
            (inside or InnerRing(window)).follow(new)


def has_room_around(widget: QWidget) -> bool:
    """Whether a ring drawn around `widget` shows whole inside its parent."""
    parent = widget.parentWidget()
    if parent is None:
        return False
    margin = widget.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
    around = widget.geometry().adjusted(-margin, -margin, margin, margin)
    return parent.rect().contains(around)


def install(app: QApplication) -> None:
    """The style and the focus ring, once."""
    if isinstance(app.style(), AccessibleStyle):
        return
    app.setStyle(AccessibleStyle(app.style().name()))
    FocusRings(app)


def focus_ring(window: QWidget) -> QFocusFrame | InnerRing | None:
    """The focus ring shown in `window` now (`widget()` is what it is around), if any."""
    outside = window.findChild(QFocusFrame, FOCUS_RING)
    if outside is not None and outside.widget() is not None:
        return outside
    inside = window.findChild(InnerRing, FOCUS_RING_INSIDE)
    return inside if inside is not None and not inside.isHidden() else None
