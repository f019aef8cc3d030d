"""Cutting the disclosure's lines into the narrative and its tables.

A table starts at its title line and owns the lines up to the next title: its
部门名称/编制部门 and 单位 lines, its header rows, its data rows and its notes. A
title repeated on a later page, or a header row repeated after a page break,
continues the table instead of starting one (the repeat is dropped and
recorded); a header of some other table with no title starts an untitled
table, kept and reported, so that its rows are never read as this table's."""

import re
from dataclasses import dataclass, field

from apps.ingest import catalogue
from apps.ingest.catalogue import Heading
from apps.ingest.numbers import code, is_amount, label
from apps.ingest.sources.text import SourceLine

UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元)")
DEPARTMENT = re.compile(r"^\s*(部门名称|编制部门|编制单位|预算单位|单位名称|部门)\s*[:：]\s*(.*)$")
UNITS = re.compile(r"【\s*(\d+)\s*】\s*([^，,【】]+)")
EMPTY_NOTE = re.compile(
    r"空表|为空|无数据|本表无|此表无|没有.*(安排|收支|支出|预算|经费)|无.*(故|因此)(本|此)表|不涉及"
)
NOTE = re.compile(r"^\s*(注|说明|备注)\s*[:：\d]")
TOTAL_WORDS = {"合计", "总计"}


@dataclass(frozen=True)
class LineNote:
    """Something about one line of a table: a step of reading it, or what makes it unreadable."""

    line: SourceLine
    text: str


@dataclass
class RawTable:
    heading: Heading
    line: SourceLine
    unit: str | None = None  # 元 or 万元, as the table's own 单位 line says
    unit_line: SourceLine | None = None
    department: str = ""
    header: list[SourceLine] = field(default_factory=list)
    rows: list[SourceLine] = field(default_factory=list)
    notes: list[SourceLine] = field(default_factory=list)
    events: list[LineNote] = field(default_factory=list)  # what reading it took, to show
    conflicts: list[LineNote] = field(default_factory=list)  # what makes it unreadable as printed

    @property
    def kind(self) -> catalogue.Kind:
        return self.heading.kind

    @property
    def title(self) -> str:
        return self.heading.title

    @property
    def pages(self) -> list[int]:
        return sorted({self.line.page, *(r.page for r in self.rows), *(h.page for h in self.header)})

    @property
    def is_empty(self) -> bool:
        return not any(is_amount(cell) for row in self.rows for cell in row.filled)


@dataclass
class Document:
    narrative: list[SourceLine] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)


def is_column_numbers(line: SourceLine) -> bool:
    """The ** ** 1 2 3 row (栏次) under the header."""
    cells = line.filled
    if len(cells) < 2 or any(not (c in ("*", "**", "栏次") or c.isdigit() and int(c) <= 40) for c in cells):
        return False
    numbers = [int(c) for c in cells if c.isdigit()]
    return "**" in cells or "栏次" in cells or numbers == sorted(set(numbers)) and numbers[:1] == [1]


def starts_data(line: SourceLine) -> bool:
    cells = line.filled
    return bool(cells) and (
        label(cells[0]) in TOTAL_WORDS or code(cells[0]) is not None or any(is_amount(c) for c in cells)
    )


def is_header_like(line: SourceLine) -> bool:
    cells = line.filled
    return (
        bool(cells) and not any(is_amount(c) for c in cells) and all(label(c) in catalogue.HEADER_WORDS for c in cells)
    )


def is_foreign_header(line: SourceLine) -> bool:
    """Another table's header: header words only, one of them a column that
    never doubles as a row label (科目编码, 单位编码, 项目名称…)."""
    return (
        len(line.filled) >= 2
        and is_header_like(line)
        and any(label(c) in catalogue.STRONG_HEADERS for c in line.filled)
    )


def same_header(line: SourceLine, header: list[SourceLine]) -> bool:
    words = [label(c) for c in line.filled]
    return any(words == [label(c) for c in row.filled] for row in header)


class Splitter:
    def __init__(self, lines: list[SourceLine]):
        self.lines = lines
        self.document = Document()
        self.table: RawTable | None = None
        self.repeating = False  # after a repeated title: its 单位 and header lines are dropped

    def split(self) -> Document:
        for index, line in enumerate(self.lines):
            title = UNIT.sub("", line.text).strip()  # a title may carry the table's 单位 on its line
            found = (
                (catalogue.heading(title) or catalogue.unknown_heading(title)) if self.table_follows(index) else None
            )
            if found is None and catalogue.section_heading(line.text) and not starts_data(line):
                self.table = None  # the narrative resumes after the tables (其他相关情况说明 …)
                self.document.narrative.append(line)
            elif found:
                self.start(found, line)
                if UNIT.search(line.text):
                    self.table_info(line, UNIT.search(line.text), None)
            elif self.table is None:
                self.document.narrative.append(line)
            else:
                self.table_line(line)
        return self.document

    def table_follows(self, index: int) -> bool:
        """A title is a table's only when a table follows it closely (its 单位 or 部门名称
        line, a header, a note): the same names in a 目录 or a sentence are no tables."""
        line, following = self.lines[index], self.lines[index + 1 : index + 4]
        return bool(UNIT.search(line.text)) or any(
            UNIT.search(f.text) or DEPARTMENT.match(f.text) or UNITS.search(f.text) or is_header_like(f)
            for f in following
        )

    def start(self, found: Heading, line: SourceLine) -> None:
        table = self.table
        if table and table.kind is found.kind and (found.continued or label(found.title) == label(table.title)):
            table.events.append(LineNote(line, "标题在新的一页重复，视为续表，与上一页合并"))
            self.repeating = True
            return
        self.table = RawTable(found, line)
        self.document.tables.append(self.table)
        self.repeating = False

    def table_line(self, line: SourceLine) -> None:
        table = self.table
        unit = UNIT.search(line.text)
        department = DEPARTMENT.match(line.text)
        if unit or department or (UNITS.search(line.text) and not starts_data(line)):
            self.table_info(line, unit, department)
        elif is_column_numbers(line):
            return
        elif EMPTY_NOTE.search(line.text) and not starts_data(line) or NOTE.match(line.text):
            table.notes.append(line)
        elif not table.rows and self.is_header(line):
            table.header.append(line)
        elif table.rows and (same_header(line, table.header) or is_foreign_header(line)):
            self.header_again(line)
        else:
            self.repeating = False
            table.rows.append(line)

    def is_header(self, line: SourceLine) -> bool:
        """Before the first data row: header words (a lone 合计 is a data row), or
        any line that is no data at the top of a table whose header words we do not know."""
        if is_header_like(line) and len(line.filled) >= 2:
            return True
        return not starts_data(line) and (self.table.kind is catalogue.UNKNOWN or not self.table.header)

    def table_info(self, line: SourceLine, unit: re.Match | None, department: re.Match | None) -> None:
        table = self.table
        if unit:
            value = unit.group(1)
            if self.repeating and table.unit and value != table.unit:
                table.conflicts.append(LineNote(line, f"续表的单位“{value}”与前页“{table.unit}”不同：无法确定金额单位"))
            elif not table.unit_line:
                table.unit, table.unit_line = value, line
        text = department.group(2) if department else line.text
        text = UNIT.sub("", text).strip()
        if catalogue.heading(text):
            return
        if text and not self.repeating and (department or not table.department or UNITS.search(text)):
            table.department = f"{table.department}，{text}" if table.department and not department else text

    def header_again(self, line: SourceLine) -> None:
        """A header row among the data rows: this table's own, repeated after a page
        break, is dropped; another table's header starts an untitled table."""
        table = self.table
        if same_header(line, table.header):
            table.events.append(LineNote(line, "表头在新的一页重复，已略去"))
            return
        if table.kind is catalogue.UNKNOWN:
            table.rows.append(line)
            return
        untitled = Heading(catalogue.UNKNOWN, "（无标题的表）", None, "", "", False)
        self.table = RawTable(untitled, line, header=[line])
        self.document.tables.append(self.table)


def split_document(lines: list[SourceLine]) -> Document:
    return Splitter(lines).split()
