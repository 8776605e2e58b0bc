"""Contrast, WCAG 2.2 AA: text at least 4.5:1 against its background, the colours that show a
state or a control's edge at least 3:1, in the light palettes, dark palettes and high contrast
palettes desktops give the app (recorded in tests/fixtures/palettes.json); measured on the
palette, then on the pixels Qt draws: answers, tick boxes, scroll bars, the focus ring, the
score chart and the score bars."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from selfaudit.ui.contrast import CONTROL, TEXT, ratio, with_contrast
from selfaudit.ui.palette import dark_palette, is_dark, readable, shortfalls
from selfaudit.ui.score_chart import ScoreHistoryChart, ScorePoint
from selfaudit.ui.style import focus_ring
from selfaudit.ui.widgets.score_bar import ScoreBar

RECORDED = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "palettes.json").read_text(encoding="utf-8")
)
# what Windows gives in a contrast theme is left as it is (GNOME's, as Qt reads it, is not
# quite high contrast: it is made readable like any other)
HIGH_CONTRAST = [name for name in RECORDED if name.startswith("Windows contrast theme")]


def recorded(name: str) -> QPalette:
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in RECORDED[name].items():
            palette.setColor(group, QPalette.ColorRole[role], QColor(colour))
    return palette


def palettes() -> dict[str, QPalette]:
    found = {name: recorded(name) for name in RECORDED if not name.startswith("_")}
    found["Qt Fusion (light)"] = QStyleFactory.create("Fusion").standardPalette()
    found["the app's dark palette"] = dark_palette()
    return found


PALETTES = palettes()
LIGHT_AND_DARK = [
    "Qt Fusion (light)",
    "GNOME Adwaita",
    "the app's dark palette",
    "GNOME Adwaita dark",
]


def test_the_ratio_is_wcags() -> None:
    assert ratio(QColor("black"), QColor("white")) == pytest.approx(21)
    assert ratio(QColor("#767676"), QColor("white")) == pytest.approx(4.54, abs=0.01)
    assert ratio(QColor(0, 0, 0, 128), QColor("white")) == pytest.approx(
        ratio(QColor("#7f7f7f"), QColor("white")), abs=0.05
    )
    moved = with_contrast(QColor("#999999"), QColor("white"), TEXT)
    assert ratio(moved, QColor("white")) >= TEXT
    assert ratio(moved, QColor("white")) < TEXT + 0.2  # moved just far enough, not to black


@pytest.mark.parametrize("name", list(PALETTES))
def test_every_palette_is_made_readable(name: str) -> None:
    fixed = readable(PALETTES[name])
    assert shortfalls(fixed) == []
    assert is_dark(fixed) == is_dark(PALETTES[name])  # a dark desktop stays dark


@pytest.mark.parametrize("name", HIGH_CONTRAST)
def test_a_high_contrast_palette_is_left_as_the_person_chose_it(name: str) -> None:
    assert shortfalls(PALETTES[name]) == []
    fixed = readable(PALETTES[name])
    for role in QPalette.ColorRole:
        if role.name not in ("NColorRoles", "NoRole"):
            assert fixed.color(role) == PALETTES[name].color(role), role.name


def test_the_palettes_as_desktops_give_them_fall_short_until_made_readable() -> None:
    """Why the app adjusts them: GNOME's dark selection colour is 1.7:1 against its window, and
    Qt's own placeholder text is too faint on white."""
    assert shortfalls(PALETTES["GNOME Adwaita dark"])
    assert shortfalls(PALETTES["Qt Fusion (light)"])


@pytest.fixture(params=LIGHT_AND_DARK)
def in_palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    before = QPalette(qapp.palette())
    palette = readable(PALETTES[request.param])
    QApplication.setPalette(palette)
    yield palette
    QApplication.setPalette(before)


def pixel(image: QImage, point: QPoint) -> QColor:
    return QColor(image.pixel(point))


def strongest(image: QImage, area: QRect, against: QColor) -> float:
    """The highest contrast of any pixel in `area` against `against`."""
    best = 1.0
    for x in range(area.left(), area.right() + 1):
        for y in range(area.top(), area.bottom() + 1):
            best = max(best, ratio(pixel(image, QPoint(x, y)), against))
    return best


def shown(qtbot: QtBot, widget: QWidget) -> QImage:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget.grab().toImage()


def indicator(widget: QRadioButton | QCheckBox) -> QRect:
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_RadioButtonIndicator
        if isinstance(widget, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxIndicator
    )
    return widget.style().subElementRect(element, option, widget)


@pytest.mark.parametrize("kind", [QRadioButton, QCheckBox])
def test_an_answer_and_a_tick_box_stand_out_and_so_does_the_choice(
    qtbot: QtBot, in_palette: QPalette, kind: type[QRadioButton | QCheckBox]
) -> None:
    window = in_palette.color(QPalette.ColorRole.Window)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    empty, chosen = kind("Not sure", holder), kind("Yes", holder)
    layout.addWidget(empty)
    layout.addWidget(chosen)
    chosen.setChecked(True)
    shown(qtbot, holder)
    for button in (empty, chosen):
        image = button.grab().toImage()
        box = indicator(button)
        assert strongest(image, box, window) >= CONTROL, "the box's edge"
    image = chosen.grab().toImage()
    middle = indicator(chosen).center()
    fill = in_palette.color(QPalette.ColorRole.Base)
    inside = pixel(image, middle)
    # the chosen mark stands out against the empty box's fill, and against the window
    assert ratio(inside, fill) >= CONTROL or strongest(image, indicator(chosen), fill) >= CONTROL
    empty_image = empty.grab().toImage()
    assert ratio(pixel(empty_image, indicator(empty).center()), inside) >= CONTROL


def test_a_scroll_bar_handle_stands_out_from_its_groove(qtbot: QtBot, in_palette: QPalette) -> None:
    bar = QScrollBar(Qt.Orientation.Vertical)
    bar.setRange(0, 100)
    bar.setPageStep(20)
    bar.resize(16, 300)
    image = shown(qtbot, bar)
    handle = bar.style().subControlRect(
        QStyle.ComplexControl.CC_ScrollBar,
        _scroll_option(bar),
        QStyle.SubControl.SC_ScrollBarSlider,
        bar,
    )
    groove = pixel(image, QPoint(bar.width() // 2, bar.height() * 3 // 4))
    assert ratio(pixel(image, handle.center()), groove) >= CONTROL


def _scroll_option(bar: QScrollBar) -> object:
    from PySide6.QtWidgets import QStyleOptionSlider

    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    return option


def test_the_focus_ring_shows_around_what_has_the_focus(qtbot: QtBot, in_palette: QPalette) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setContentsMargins(20, 20, 20, 20)
    first, second = QPushButton("First", window), QPushButton("Second", window)
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    first.setFocus()
    qtbot.waitUntil(lambda: focus_ring(window) is not None)
    before = window.grab().toImage()
    second.setFocus()
    ring = focus_ring(window)
    qtbot.waitUntil(lambda: ring is not None and ring.widget() is second)
    after = window.grab().toImage()
    # along the ring, just outside the button, the pixels changed, 3:1 against what they were
    row = second.geometry().top() - 1
    changed = [
        ratio(pixel(after, QPoint(x, row)), pixel(before, QPoint(x, row)))
        for x in range(second.geometry().left() + 4, second.geometry().right() - 4)
    ]
    assert changed and min(changed) >= CONTROL


def test_a_page_that_fills_its_window_shows_the_ring_inside_it(
    qtbot: QtBot, in_palette: QPalette
) -> None:
    from selfaudit.ui.widgets.scrolling import scroll_area

    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    button = QPushButton("Next", window)
    page = scroll_area(window, "A page", QPushButton("Inside the page"))
    layout.addWidget(page)
    layout.addWidget(button)
    qtbot.addWidget(window)
    window.resize(300, 200)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    button.setFocus()
    before = page.grab().toImage()
    page.setFocus()
    qtbot.waitUntil(lambda: (ring := focus_ring(window)) is not None and ring.widget() is page)
    after = page.grab().toImage()
    row = page.height() // 2
    assert ratio(pixel(after, QPoint(0, row)), pixel(before, QPoint(0, row))) >= CONTROL


def test_the_score_chart_line_dots_and_grid_stand_out(qtbot: QtBot, in_palette: QPalette) -> None:
    from datetime import date

    chart = ScoreHistoryChart()
    chart.resize(300, chart.height())
    chart.set_points([ScorePoint(date(2026, 1, 1), 20), ScorePoint(date(2026, 7, 1), 80)])
    image = shown(qtbot, chart)
    window = in_palette.color(QPalette.ColorRole.Window)
    metrics = chart.fontMetrics()
    plot = QRect(metrics.horizontalAdvance("100") + 10, 0, 200, chart.height() - metrics.height())
    assert strongest(image, plot, window) >= CONTROL


def test_a_score_bar_keeps_its_figure_whole_beside_the_bar(qtbot: QtBot) -> None:
    bar = ScoreBar("Passwords")
    bar.set_score(45)
    shown(qtbot, bar)
    assert not bar.bar.isTextVisible()
    assert bar.figure.text() == "45%"
    assert not bar.figure.geometry().intersects(bar.bar.geometry())
    assert bar.accessibleName() == "Passwords: 45 out of 100"


def test_the_app_follows_the_desktops_colour_scheme(qapp: QApplication) -> None:
    """As the desktop switches between light and dark (offscreen, the desktop's palette is Qt's
    light one: asked for dark, the app uses its own dark palette), the app's colours follow,
    readable both ways."""
    before = QPalette(qapp.palette())
    hints = qapp.styleHints()
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert is_dark(qapp.palette()) and shortfalls(qapp.palette()) == []
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not is_dark(qapp.palette()) and shortfalls(qapp.palette()) == []
    finally:
        QApplication.setPalette(before)
