"""How the workbooks print: every sheet on A4 landscape, one page wide, with its
header rows repeated, and an official table on as few pages as the disclosure
uses (one, for all but the 项目绩效目标表) without shrinking its text past reading.

Spreadsheets measure columns in characters and rows in points; the estimates
here follow Excel's defaults (Calibri 11: a character is 7 px, a line 15 pt) and
count a CJK character as two (about 13 px); wrapped CJK lines take 16 pt."""

import math
import re
from functools import lru_cache

from xlsxwriter.worksheet import Worksheet

A4 = 9  # the paper code spreadsheets use for A4
LINE = 15.0  # points a line of 11-point text takes
WRAPPED_LINE = 16.0  # a line of wrapped CJK text: its font's line spacing is a little taller
SIDE_MARGIN, TOP_MARGIN = 0.4, 0.6  # inches; the page number sits in the bottom margin
# A4 landscape (842 × 595 pt) less the margins.
PRINTABLE_WIDTH = 842 - 2 * SIDE_MARGIN * 72
PRINTABLE_HEIGHT = 595 - 2 * TOP_MARGIN * 72
# Shrinking a table onto fewer pages stops here: 11-point text printed at 6.6 points.
MIN_SCALE = 0.6
# Each printed page is numbered at its foot: 第 2 页 (a line readers of disclosures, ours too, skip).
PAGE_FOOTER = "&C&8第 &P 页"


WIDE = re.compile("[\u2e81-\U0010ffff]")  # what counts as two characters: above U+2E80


def column_points(width: float) -> float:
    """A column `width` characters wide, in points (7 px a character and 5 px of padding)."""
    return (width * 7 + 5) * 0.75


def text_width(text: str) -> int:
    """Characters a text needs, a CJK character counting as two."""
    return len(text) + len(WIDE.findall(text))  # the regex finds them in C: a year's workbook measures every cell


def wrapped_lines(value, width: float) -> int:
    """How many lines a text needs in a column `width` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    usable = max(width - 1, 1)  # less the cell's padding
    if 2 * len(value) <= usable and "\n" not in value:
        return 1  # fits even if every character is a wide one: a year's workbook measures millions of cells
    return text_lines(value, usable)


@lru_cache(maxsize=1 << 16)
def text_lines(text: str, usable: float) -> int:
    # Remembered: a year's workbook measures the same code names and department names in every budget.
    return sum(max(math.ceil(text_width(part) / usable), 1) for part in text.split("\n"))


def row_height(lines: int) -> float:
    """Points a row of `lines` lines of text needs."""
    return LINE if lines <= 1 else WRAPPED_LINE * lines


def a4_landscape(sheet: Worksheet, repeat: tuple[int, int] | None = None) -> None:
    """A4 landscape, one page wide and as tall as it needs, the rows `repeat` (first, last) on every page."""
    sheet.set_paper(A4)
    sheet.set_landscape()
    sheet.set_margins(left=SIDE_MARGIN, right=SIDE_MARGIN, top=TOP_MARGIN, bottom=TOP_MARGIN)
    sheet.set_footer(PAGE_FOOTER, {"margin": 0.25})
    sheet.center_horizontally()
    sheet.fit_to_pages(1, 0)
    if repeat:
        sheet.repeat_rows(*repeat)


def pages_tall(widths: list[float], heights: list[float], repeated: float) -> int:
    """The fewest pages tall a sheet prints on, one page wide, without going below MIN_SCALE.

    `widths` are its columns (characters), `heights` its rows (points), `repeated`
    the height of the header rows printed again on every page."""
    width_scale = min(1.0, PRINTABLE_WIDTH / sum(column_points(w) for w in widths))
    total = sum(heights)
    if PRINTABLE_HEIGHT / total >= min(width_scale, MIN_SCALE):
        return 1
    per_page = PRINTABLE_HEIGHT / width_scale - repeated
    return math.ceil((total - repeated) / per_page)
