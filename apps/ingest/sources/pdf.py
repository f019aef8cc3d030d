"""A PDF disclosure as the same text the reader takes from a .txt file.

pdfplumber finds each page's ruled tables; their rows become tab-separated lines
with every cell in place (a merged or empty cell stays an empty cell), and the
text around them becomes plain lines, both in the page's top-to-bottom order.
Text outside ruled tables is split into cells where the words leave a wide gap,
so unruled tables still arrive as cells (though their empty cells cannot)."""

import io
import re

from pdfplumber.page import Page
from pdfplumber.table import Table

from apps.ingest.sources.text import PAGE_MARKER


class PdfError(ValueError):
    """The file cannot be read as a text PDF; the message says what to do."""


CJK_END = re.compile(r"[A-Za-z0-9]$")
CJK_START = re.compile(r"^[A-Za-z0-9]")
GAP = 3.0  # a gap wider than this many average character widths separates two cells


def join_wrapped(text: str | None) -> str:
    """A cell's wrapped lines: Chinese joins without a space, Latin words and
    numbers keep one between them."""
    parts = [part.strip() for part in (text or "").split("\n") if part.strip()]
    joined = ""
    for part in parts:
        joined += (" " if joined and CJK_END.search(joined) and CJK_START.match(part) else "") + part
    return joined


def table_lines(table: Table) -> list[tuple[float, str]]:
    lines = []
    for row, cells in zip(table.rows, table.extract()):
        lines.append((row.bbox[1], "\t".join(join_wrapped(cell) for cell in cells) + "\t"))
    return lines


def inside(word: dict, boxes: list[tuple]) -> bool:
    middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in boxes)


def text_lines(page: Page, boxes: list[tuple]) -> list[tuple[float, str]]:
    """Words outside the tables, grouped into lines by position; wide gaps become tabs."""
    words = [w for w in page.extract_words(keep_blank_chars=True, use_text_flow=False) if not inside(w, boxes)]
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) < 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        width = sum((w["x1"] - w["x0"]) / max(len(w["text"]), 1) for w in row) / len(row)
        text = row[0]["text"]
        for before, word in zip(row, row[1:]):
            gap = word["x0"] - before["x1"]
            text += ("\t" if gap > GAP * width else " " if gap > width / 4 else "") + word["text"]
        if not PAGE_MARKER.match(text):
            lines.append((row[0]["top"], text))
    return lines


def pdf_text(content: bytes) -> str:
    """The PDF's text, pages separated by form feeds. Raises PdfError for a file
    that is no PDF or whose pages carry no text (a scan without OCR)."""
    import pdfplumber
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(content)) as document:
            pages = [page_text(page) for page in document.pages]
    except (PSException, PdfminerException, MalformedPDFException, ValueError, TypeError) as error:
        raise PdfError(f"无法作为 PDF 打开：{error}") from error
    if not any(page.strip() for page in pages):
        raise PdfError(
            f"这个 PDF（{len(pages)} 页）没有文字层，可能是扫描件：请先用文字识别（OCR）生成带文字的 PDF 或文本，再上传。"
        )
    return "\n\f".join(pages)


def page_text(page: Page) -> str:
    """The page's lines top to bottom: ruled tables' rows and the text around them."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    lines = text_lines(page, boxes) + [line for table in tables for line in table_lines(table)]
    return "\n".join(text for _, text in sorted(lines, key=lambda line: line[0]))
