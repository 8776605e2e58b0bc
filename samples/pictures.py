"""Realistic-looking screenshots drawn with QPainter, for tests and for looking at the log and
the report: a phone chat and a social media post seen in a browser. Needs a QGuiApplication."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter


def encode(image: QImage, fmt: str = "PNG") -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt), f"could not encode {fmt}"
    return bytes(data.data())


def _font(size: int, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(size)
    font.setBold(bold)
    return font


def phone_chat(sender: str, messages: list[tuple[str, str]], width: int = 720) -> QImage:
    """A messaging app conversation: a header with the sender, then (time, text) bubbles."""
    height = width * 2
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ece5dd"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(0, 0, width, 56, QColor("#f2f2f2"))
    painter.setFont(_font(22, bold=True))
    painter.setPen(QColor("#111111"))
    painter.drawText(QRect(0, 10, width, 40), Qt.AlignmentFlag.AlignCenter, "21:47")
    painter.fillRect(0, 56, width, 110, QColor("#075e54"))
    painter.setBrush(QColor("#cfd8dc"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(24, 76, 70, 70)
    painter.setPen(QColor("#ffffff"))
    painter.setFont(_font(32, bold=True))
    painter.drawText(116, 112, sender)
    painter.setFont(_font(22))
    painter.drawText(116, 144, "+44 7700 900461")
    y = 200
    painter.setFont(_font(28))
    for stamp, text in messages:
        box = painter.boundingRect(
            QRect(0, 0, int(width * 0.72), 2000), Qt.TextFlag.TextWordWrap, text
        )
        bubble = QRect(24, y, box.width() + 40, box.height() + 56)
        painter.setBrush(QColor("#ffffff"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(bubble, 16, 16)
        painter.setPen(QColor("#111111"))
        painter.drawText(bubble.adjusted(20, 12, -20, -40), Qt.TextFlag.TextWordWrap, text)
        painter.setPen(QColor("#667781"))
        painter.setFont(_font(20))
        painter.drawText(
            bubble.adjusted(20, 0, -16, -10),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
            stamp,
        )
        painter.setFont(_font(28))
        y = bubble.bottom() + 24
    painter.end()
    return image


def browser_post(address: str, author: str, text: str, width: int = 1280) -> QImage:
    """A social media post open in a web browser, with the whole address in the address bar."""
    height = width * 5 // 8
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#f0f2f5"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(0, 0, width, 84, QColor("#dee1e6"))
    painter.setBrush(QColor("#ffffff"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRect(120, 22, width - 240, 42), 21, 21)
    painter.setPen(QColor("#202124"))
    painter.setFont(_font(20))
    painter.drawText(QRect(150, 22, width - 300, 42), Qt.AlignmentFlag.AlignVCenter, address)
    card = QRect(width // 2 - 340, 130, 680, 300)
    painter.setBrush(QColor("#ffffff"))
    painter.setPen(QColor("#dddfe2"))
    painter.drawRoundedRect(card, 10, 10)
    painter.setBrush(QColor("#b0bec5"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(card.left() + 20, card.top() + 20, 56, 56)
    painter.setPen(QColor("#050505"))
    painter.setFont(_font(22, bold=True))
    painter.drawText(card.left() + 92, card.top() + 46, author)
    painter.setPen(QColor("#65676b"))
    painter.setFont(_font(17))
    painter.drawText(card.left() + 92, card.top() + 72, "3h · Public")
    painter.setPen(QColor("#050505"))
    painter.setFont(_font(24))
    painter.drawText(card.adjusted(24, 100, -24, -60), Qt.TextFlag.TextWordWrap, text)
    painter.setPen(QColor("#65676b"))
    painter.setFont(_font(18))
    painter.drawText(card.left() + 24, card.bottom() - 20, "Like      Comment      Share")
    painter.end()
    return image
