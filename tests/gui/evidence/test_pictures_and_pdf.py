"""Pictures are opened with Qt before they are kept (a damaged or huge one is refused clearly),
and the PDF report carries the incidents, their pictures and fingerprints as readable text."""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

import pypdf
import pytest
from samples.evidence_log import POLICY, POST_ADDRESS, fill
from samples.pictures import browser_post, encode, phone_chat

from selfaudit.cli import run
from selfaudit.evidence.attachments import AttachmentError, PictureInfo, prepare_attachment
from selfaudit.evidence.log import IncidentLog
from selfaudit.evidence.models import EvidenceLog
from selfaudit.evidence.report import gather_report
from selfaudit.report.incident_record import printed_document
from selfaudit.report.pdf import pdf_bytes
from selfaudit.ui.evidence.image_check import check_picture
from tests.doubles import MemoryBlobStore
from tests.evidence_helpers import install_fake_vault


@pytest.fixture(scope="module")
def screenshots() -> dict[str, bytes]:
    chat = phone_chat("Jordan P", [("21:31", "You should watch yourself tomorrow.")], width=360)
    post = browser_post("https://example.org/post/1", "Jordan Pike", "Share this.", width=640)
    return {
        "image/png": encode(chat, "PNG"),
        "image/jpeg": encode(post, "JPEG"),
        "image/webp": encode(chat, "WEBP"),
    }


def test_png_jpeg_and_webp_screenshots_open(qapp: object, screenshots: dict[str, bytes]) -> None:
    assert check_picture(screenshots["image/png"], "image/png", "a.png") == PictureInfo(360, 720)
    assert check_picture(screenshots["image/jpeg"], "image/jpeg", "b.jpg") == PictureInfo(640, 400)
    assert check_picture(screenshots["image/webp"], "image/webp", "c.webp") == PictureInfo(360, 720)


@pytest.mark.qt_log_ignore("libpng", "Corrupt JPEG", "JPEG datastream", "webp", "Unable")
@pytest.mark.parametrize("media_type", ["image/png", "image/jpeg", "image/webp"])
def test_a_damaged_picture_is_refused_clearly(
    qapp: object, screenshots: dict[str, bytes], media_type: str
) -> None:
    whole = screenshots[media_type]
    damaged = whole[:24] + bytes(len(whole) - 24)  # the header survives, the picture does not
    with pytest.raises(AttachmentError) as refused:
        prepare_attachment("Screenshot 3.png", damaged, check_picture)
    message = str(refused.value)
    assert message.startswith("“Screenshot 3.png” looks like a ")
    assert (
        "damaged and cannot be opened" in message and "Try taking the screenshot again" in message
    )


@pytest.mark.qt_log_ignore("libpng")
def test_a_png_cut_short_is_refused(qapp: object, screenshots: dict[str, bytes]) -> None:
    whole = screenshots["image/png"]
    with pytest.raises(AttachmentError, match="damaged"):
        check_picture(whole[: len(whole) // 2], "image/png", "half.png")


def progressive_jpeg(screenshots: dict[str, bytes]) -> bytes:
    """A JPEG in several scans, as phones and browsers often save them."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QImageWriter

    image = QImage.fromData(screenshots["image/png"])
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"jpeg"))
    writer.setProgressiveScanWrite(True)
    assert writer.write(image)
    return bytes(data.data())


@pytest.mark.qt_log_ignore("libpng", "Corrupt JPEG", "JPEG datastream", "webp", "Premature")
@pytest.mark.parametrize("media_type", ["image/png", "image/jpeg", "image/webp", "progressive"])
@pytest.mark.parametrize("kept", [0.5, 0.9, -1])
def test_a_picture_cut_short_is_refused_even_when_most_of_it_shows(
    qapp: object, screenshots: dict[str, bytes], media_type: str, kept: float
) -> None:
    whole = (
        progressive_jpeg(screenshots) if media_type == "progressive" else screenshots[media_type]
    )
    prepare_attachment("whole", whole, check_picture)  # the whole file is kept
    cut = whole[:-1] if kept == -1 else whole[: int(len(whole) * kept)]
    with pytest.raises(AttachmentError, match="damaged") as refused:
        prepare_attachment("Screenshot 4.jpg", cut, check_picture)
    if kept == -1 and media_type != "image/webp":  # shown whole but for its last byte
        assert "stops part-way" in str(refused.value)


@pytest.mark.parametrize("media_type", ["image/png", "image/jpeg"])
def test_bytes_after_the_end_of_a_picture_do_not_make_it_damaged(
    qapp: object, screenshots: dict[str, bytes], media_type: str
) -> None:
    # some phones and editors append their own data after the picture's end marker
    prepared = prepare_attachment("a", screenshots[media_type] + b"\0extra data", check_picture)
    assert prepared.picture is not None


def huge_png_header(width: int, height: int) -> bytes:
    """A tiny file that claims to be an enormous picture (a "decompression bomb")."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


def test_a_picture_too_large_to_open_safely_is_refused_before_decoding(qapp: object) -> None:
    with pytest.raises(AttachmentError) as refused:
        prepare_attachment("bomb.png", huge_png_header(40_000, 40_000), check_picture)
    assert "40000 × 40000 pixels, too large to open safely" in str(refused.value)


def pdf_text(data: bytes) -> tuple[str, pypdf.PdfReader]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_the_pdf_report_has_the_incidents_in_order_and_every_fingerprint(qapp: object) -> None:
    log = IncidentLog(EvidenceLog(), MemoryBlobStore())
    chat, post = fill(log)
    report = gather_report(log, organisation=POLICY.organisation)
    text, reader = pdf_text(pdf_bytes(printed_document(report))[0])
    flat = " ".join(text.split())

    assert "Record of online incidents" in flat and "Oakfield Primary School" in flat
    assert flat.index("Incident 1 of 2: Wednesday 12 March 2025 at 9:31pm") < flat.index(
        "Incident 2 of 2: Thursday 13 March 2025 at 7:52am"
    )
    assert "Jordan P, +44 7700 900461" in flat
    assert "You should watch yourself tomorrow." in flat
    # the address is all there (wrapped across lines), and "fi" stays two letters, so a copied
    # address still works
    assert POST_ADDRESS in "".join(text.split())
    assert "\ufb01" not in text
    for incident in (chat, post):
        for attachment in incident.details.attachments:
            assert attachment.sha256 in text.split(), attachment.file_name
    pictures = sum(len(page.images) for page in reader.pages)
    assert pictures == 3
    assert "Deleted" not in flat and "Running late" not in flat  # the deleted one stays out


def test_the_command_line_saves_a_pdf_with_a_picture(
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    screenshots: dict[str, bytes],
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault = install_fake_vault(monkeypatch)
    shot = tmp_path / "Screenshot.webp"
    shot.write_bytes(screenshots["image/webp"])
    monkeypatch.setattr(sys, "stdin", io.StringIO("You should watch yourself tomorrow."))
    assert (
        run(
            [
                "evidence",
                "add",
                "--platform",
                "whatsapp",
                "--sender",
                "Jordan P",
                "--attach",
                str(shot),
            ]
        )
        == 0
    )
    [attachment] = vault.state.evidence.incidents[0].details.attachments
    assert (attachment.media_type, attachment.width, attachment.height) == ("image/webp", 360, 720)
    assert vault.blobs.get(attachment.blob_id) == screenshots["image/webp"]

    target = tmp_path / "report.pdf"
    assert run(["evidence", "export", "--all", "-o", str(target)]) == 0
    text, reader = pdf_text(target.read_bytes())
    assert attachment.sha256 in text.split()
    assert sum(len(page.images) for page in reader.pages) == 1
    assert "Saved a report of 1 incident" in capsys.readouterr().out


@pytest.mark.qt_log_ignore("libpng")
def test_the_command_line_refuses_a_damaged_screenshot(
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    screenshots: dict[str, bytes],
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault = install_fake_vault(monkeypatch)
    shot = tmp_path / "shot.png"
    shot.write_bytes(screenshots["image/png"][:100])
    monkeypatch.setattr(sys, "stdin", io.StringIO("hello"))
    assert run(["evidence", "add", "--platform", "x", "--sender", "s", "--attach", str(shot)]) == 1
    err = capsys.readouterr().err
    assert "“shot.png” looks like a PNG picture, but it is damaged" in err
    assert "Nothing was recorded." in err
    assert vault.state.evidence.incidents == [] and vault.blobs.blobs == {}
