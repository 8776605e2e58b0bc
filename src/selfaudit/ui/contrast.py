"""Colour contrast as WCAG 2.2 measures it: relative luminance, the contrast ratio between two
colours (text needs 4.5:1 against its background, the parts of a control that show its state or
its edges 3:1), and a colour moved just far enough towards black or white to reach a ratio."""

from __future__ import annotations

from PySide6.QtGui import QColor

TEXT = 4.5  # WCAG 1.4.3, normal-size text
CONTROL = 3.0  # WCAG 1.4.11, user-interface components and graphical objects


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG's relative luminance of an opaque colour, 0 (black) to 1 (white)."""
    red, green, blue = (_channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def over(colour: QColor, background: QColor) -> QColor:
    """`colour` as it shows on `background` (a translucent colour, such as Qt's placeholder text,
    is mixed with what is behind it)."""
    alpha = colour.alphaF()
    if alpha >= 1:
        return QColor(colour.rgb())
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def ratio(first: QColor, second: QColor) -> float:
    """The contrast ratio of two colours, 1 to 21 (the second is the background)."""
    shown = over(first, second)
    lighter, darker = sorted((luminance(shown), luminance(over(second, QColor("white")))))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def with_contrast(colour: QColor, background: QColor, minimum: float) -> QColor:
    """`colour`, or the nearest colour of the same hue towards black or white (whichever can
    reach it) that has at least `minimum` contrast against `background`."""
    colour = over(colour, background)
    if ratio(colour, background) >= minimum:
        return colour
    towards_white = luminance(over(background, QColor("white"))) < 0.18
    hsl: tuple[float, float, float, float] = colour.getHslF()  # type: ignore[assignment]
    hue, saturation, lightness = max(hsl[0], 0.0), hsl[1], hsl[2]
    low, high = (lightness, 1.0) if towards_white else (0.0, lightness)
    for _ in range(24):  # halving the gap each time: well under 1/256 apart at the end
        middle = (low + high) / 2
        candidate = QColor.fromHslF(hue, saturation, middle)
        enough = ratio(candidate, background) >= minimum
        if towards_white:
            low, high = (low, middle) if enough else (middle, high)
        else:
            low, high = (middle, high) if enough else (low, middle)
    found = QColor.fromHslF(hue, saturation, high if towards_white else low)
    if ratio(found, background) < minimum:  # the hue cannot get there: plain black or white
        found = QColor("white") if towards_white else QColor("black")
    return found
