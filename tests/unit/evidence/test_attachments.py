"""What a screenshot or file must be to go into the vault, and how a refusal is worded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from selfaudit.evidence.attachments import (
    MAX_FILE_BYTES,
    MAX_PICTURE_BYTES,
    AttachmentError,
    PictureInfo,
    picture_type,
    prepare_attachment,
    read_attachment,
)
from tests.evidence_helpers import png, png_header_check


def refuse_everything(data: bytes, media_type: str, file_name: str) -> PictureInfo:
    raise AssertionError("the picture check should not have been asked")


def test_pictures_are_recognised_by_content_not_name() -> None:
    data = png(3, 2)
    prepared = prepare_attachment("holiday.jpg", data, png_header_check)
    assert prepared.media_type == "image/png"
    assert prepared.picture == PictureInfo(3, 2)
    assert prepared.sha256 == hashlib.sha256(data).hexdigest()
    assert picture_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert picture_type(b"RIFF\x10\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert picture_type(b"GIF89a") is None


def test_a_file_named_as_a_picture_that_is_not_one_is_refused() -> None:
    with pytest.raises(AttachmentError) as refused:
        prepare_attachment("Screenshot 1.png", b"<html>not a picture</html>", refuse_everything)
    message = str(refused.value)
    assert "“Screenshot 1.png”" in message and "PNG picture" in message
    assert "Try taking the screenshot again" in message


def test_a_picture_that_does_not_open_is_refused_with_the_checks_words() -> None:
    damaged = png(4, 4)[:30]
    with pytest.raises(AttachmentError, match="damaged"):
        prepare_attachment("shot.png", damaged[:12] + b"XXXX" + damaged[16:], png_header_check)


def test_other_files_keep_a_type_from_their_name() -> None:
    saved_email = b"From: someone@example.com\r\nSubject: you\r\n\r\nbody"
    prepared = prepare_attachment("message.eml", saved_email, refuse_everything)
    assert prepared.media_type == "message/rfc822"
    assert prepared.picture is None
    unknown = prepare_attachment("voicemail.qqq", b"\x00\x01", refuse_everything)
    assert unknown.media_type == "application/octet-stream"


def test_empty_files_are_refused() -> None:
    with pytest.raises(AttachmentError, match="empty"):
        prepare_attachment("nothing.txt", b"", refuse_everything)


def test_a_huge_picture_file_is_refused_with_the_limit() -> None:
    data = png(2, 2) + b"\x00" * MAX_PICTURE_BYTES
    with pytest.raises(AttachmentError) as refused:
        prepare_attachment("scan.png", data, refuse_everything)
    assert "Pictures can be up to 25.0 MB" in str(refused.value)


def test_a_picture_with_too_many_pixels_is_refused() -> None:
    def claims_huge(data: bytes, media_type: str, file_name: str) -> PictureInfo:
        return PictureInfo(width=30_000, height=30_000)

    with pytest.raises(AttachmentError, match="30000 × 30000 pixels, too large to open safely"):
        prepare_attachment("bomb.png", png(1, 1), claims_huge)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "video.mp4"
    with big.open("wb") as handle:  # sparse: takes no space, but says it is this big
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(AttachmentError, match=r"50\.0 MB\. Files can be up to 50\.0 MB"):
        read_attachment(big, refuse_everything)


def test_reading_a_file_checks_and_fingerprints_it(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(png(5, 7))
    prepared = read_attachment(shot, png_header_check)
    assert (prepared.file_name, prepared.data, prepared.picture) == (
        "shot.png",
        png(5, 7),
        PictureInfo(5, 7),
    )


def test_files_that_cannot_be_read_are_explained(tmp_path: Path) -> None:
    with pytest.raises(AttachmentError, match="could not be found"):
        read_attachment(tmp_path / "gone.png", refuse_everything)
    with pytest.raises(AttachmentError, match="is a folder"):
        read_attachment(tmp_path, refuse_everything)


@settings(max_examples=60)
@given(st.binary(min_size=1, max_size=512), st.sampled_from(["a.txt", "b.pdf", "c", "d.m4a"]))
def test_any_other_file_is_kept_byte_for_byte(data: bytes, name: str) -> None:
    assume(picture_type(data) is None)
    prepared = prepare_attachment(name, data, refuse_everything)
    assert prepared.data == data
    assert prepared.sha256 == hashlib.sha256(data).hexdigest()
    assert prepared.size == len(data)
