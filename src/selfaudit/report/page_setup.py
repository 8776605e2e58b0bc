"""The printed page, in one place: its size, margins and resolution. The PDF writer sets its pages
from it, the web pages' print rule (`@page`) is written from it, and pictures are sized to fit
its text area. To print on another size of paper, change `PAGE`."""

from __future__ import annotations

from dataclasses import dataclass

CSS_PIXELS_PER_MM = 96 / 25.4  # CSS and Qt's rich text measure in pixels of a 96 dpi screen


@dataclass(frozen=True)
class PageSetup:
    name: str  # as CSS names it in `@page { size: … }`
    width_mm: float
    height_mm: float
    margins_mm: tuple[float, float, float, float]  # left, top, right, bottom
    band_mm: float  # inside the margins: the running header above the text, the page number below
    resolution: int  # of a PDF, in dots per inch

    @property
    def text_width_mm(self) -> float:
        left, _, right, _ = self.margins_mm
        return self.width_mm - left - right

    @property
    def text_height_mm(self) -> float:
        _, top, _, bottom = self.margins_mm
        return self.height_mm - top - bottom - 2 * self.band_mm

    @property
    def text_box_px(self) -> tuple[int, int]:
        """The text area in CSS pixels: what a picture may fill."""
        return (
            int(self.text_width_mm * CSS_PIXELS_PER_MM),
            int(self.text_height_mm * CSS_PIXELS_PER_MM),
        )

    def css_rule(self) -> str:
        """The print rule for a web page: the same paper and text area as the PDF (a browser
        prints its own header and page number where the PDF has its bands)."""
        left, top, right, bottom = self.margins_mm
        return (
            f"@page {{ size: {self.name}; margin: {top + self.band_mm:g}mm {right:g}mm "
            f"{bottom + self.band_mm:g}mm {left:g}mm; }}"
        )


PAGE = PageSetup(
    name="A4",
    width_mm=210,
    height_mm=297,
    margins_mm=(18, 14, 18, 14),
    band_mm=9,
    resolution=300,  # sharp text, small numbers
)
