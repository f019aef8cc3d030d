"""The disclosure as numbered lines of cells, whatever produced the text.

Line numbers count every line of the extracted text (blank ones included), so a
problem's “第N行” can be found with any editor; pages are counted by form feeds
and by the page markers PDF converters leave (— 3 —, 第3页 共9页, 3/9)."""

import re
from dataclasses import dataclass

PAGE_MARKER = re.compile(
    r"^\s*([-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|page\s*\d+(\s*of\s*\d+)?)\s*$",
    re.I,
)
SPACES = re.compile(r"[ \u3000\xa0]{2,}")


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based line number in the extracted text
    page: int
    text: str
    cells: tuple[str, ...]  # the line's cells, stripped
    positional: bool  # cells came from tabs, so an empty cell holds its column's place

    @property
    def filled(self) -> list[str]:
        return [cell for cell in self.cells if cell]

    @property
    def where(self) -> str:
        return f"第{self.page}页第{self.number}行"


def split_cells(text: str) -> tuple[tuple[str, ...], bool]:
    """Tabs keep empty cells in place; without tabs, runs of two or more spaces
    separate cells and a vanished blank cell cannot be told from none."""
    if "\t" in text:
        cells = [cell.strip() for cell in text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        return tuple(cells), True
    return tuple(cell.strip() for cell in SPACES.split(text.strip()) if cell.strip()), False


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030, the encodings Chinese tools write."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("utf-8", content, 0, 1, "既不是 UTF-8 也不是 GB18030 编码的文本")


def source_lines(text: str) -> list[SourceLine]:
    """Every non-blank line that is not a page marker, numbered as in the text."""
    lines, page = [], 1
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        page += raw.count("\f")
        raw = raw.replace("\f", "")
        if not raw.strip():
            continue
        if PAGE_MARKER.match(raw):
            page += 1
            continue
        cells, positional = split_cells(raw)
        lines.append(SourceLine(number, page, raw.rstrip(), cells, positional))
    return lines
