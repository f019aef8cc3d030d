"""PDFs that cannot be read say why, in words a finance officer can act on."""

from io import BytesIO

import pytest
from PIL import Image

from apps.ingest.services import DisclosureInvalid, read


def scanned_pdf() -> bytes:
    """A page that is only a picture, as a scanner makes it."""
    stream = BytesIO()
    Image.new("RGB", (600, 800), "white").save(stream, "PDF")
    return stream.getvalue()


def test_a_scanned_pdf_without_text_gets_a_clear_message(db):
    with pytest.raises(DisclosureInvalid) as raised:
        read(scanned_pdf(), "scan.pdf")
    [problem] = raised.value.problems
    assert "没有文字层，可能是扫描件" in problem.message and "OCR" in problem.message


def test_a_file_that_is_no_pdf(db):
    with pytest.raises(DisclosureInvalid) as raised:
        read(b"%PDF-1.4 not really", "broken.pdf")
    assert "无法作为 PDF 打开" in raised.value.problems[0].message


def test_text_in_gb18030_is_read_too(db):
    from .small import disclosure

    ingest = read(disclosure().decode().encode("gb18030"), "small.txt")
    assert ingest.report.problems == []
