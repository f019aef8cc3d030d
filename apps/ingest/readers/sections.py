"""The narrative as the document has it: its sections in order under their own
headings (主要职能, 机构设置, 名词解释, 编制说明, 其他相关情况说明 and its numbered
parts, 项目经费情况说明), and each project the 项目经费情况说明 describes, with its
own parts (项目概况, 立项依据, 实施主体, 实施方案, 实施周期, 年度预算安排, 绩效目标)
and the amount its 年度预算安排 gives, when it gives one.

Headings are recognised by the catalogue's section names, never by position;
the title page and the 目录 (lines with leader dots) are no sections."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from apps.ingest import catalogue
from apps.ingest.numbers import WAN, label
from apps.ingest.readers.narrative import paragraphs
from apps.ingest.report import NoteKind, Report
from apps.ingest.sources.text import SourceLine

PART = re.compile(r"^\s*([一二三四五六七八九十]+)\s*[、.．]\s*(?P<title>[^。；，]{1,40}?)\s*$")
PROJECT_NAME = re.compile(r"^\s*(?:[一二三四五六七八九十\d]+\s*[、.．]\s*)?项目名称\s*[:：]\s*(?P<name>.+?)\s*$")
# A project's title line between projects: (一)XXX项目, 项目一：XXX工程, XXX经费 (short, no sentence).
PROJECT_TITLE = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*|项目[一二三四五六七八九十\d]+\s*[:：、]\s*)?"
    r"(?P<name>[^。，；：:,]{2,50}?(?:项目|工程|经费|资金|专项))\s*$"
)
FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|元)")
QUARTER = re.compile(r"第[一二三四1-4]季度")
# A project's name in its own words: “…建设的X工程”, else the first phrase ending in 工程 or 项目.
NAMES_IN_TEXT = (
    re.compile(r"(?:建设|实施|开展|承担)的([^，。；、“”的]{2,40}?(?:工程|项目))"),
    re.compile(r"([^，。；、“”的]{2,40}?(?:工程|项目))"),
)


@dataclass
class Section:
    heading: str
    line: SourceLine
    lines: list[SourceLine] = field(default_factory=list)
    project: int | None = None  # index into Sections.projects

    @property
    def body(self) -> str:
        return "\n".join(text for _, text in paragraphs(self.lines))


@dataclass
class DocumentedProject:
    name: str
    line: SourceLine
    amount: Decimal | None = None
    parts: list[Section] = field(default_factory=list)


@dataclass
class Sections:
    sections: list[Section] = field(default_factory=list)
    projects: list[DocumentedProject] = field(default_factory=list)

    def of(self, heading: str) -> list[Section]:
        return [s for s in self.sections if s.project is None and label(s.heading).endswith(label(heading))]


class SectionReader:
    def __init__(self, report: Report):
        self.report = report
        self.found = Sections()
        self.top: str | None = None  # the catalogue name of the section being read
        self.current: Section | None = None
        self.project: DocumentedProject | None = None
        self.title_lines: list[SourceLine] = []

    def read(self, lines: list[SourceLine]) -> Sections:
        for line in lines:
            text = line.text.replace("\t", " ").strip()
            top = catalogue.section_heading(text)
            if top:
                self.open_section(top, text, line)
            elif self.top in catalogue.PROJECT_SECTIONS:
                self.project_line(text, line)
            elif self.top in catalogue.NUMBERED_PARTS and PART.match(text):
                self.add(Section(text, line))
            elif self.current is not None:
                self.current.lines.append(line)
        self.close_project()
        return self.found

    def add(self, section: Section) -> None:
        self.found.sections.append(section)
        self.current = section

    def open_section(self, top: str, text: str, line: SourceLine) -> None:
        self.close_project()
        self.top = top
        self.add(Section(text, line))

    def project_line(self, text: str, line: SourceLine) -> None:
        named = PROJECT_NAME.match(text)
        part = PART.match(text)
        title = label(part.group("title")) if part else ""
        part_name = next((p for p in catalogue.PROJECT_PARTS if title == label(p)), None)
        titled = None if part_name else PROJECT_TITLE.match(text)
        if named or (titled and self.project is not None and self.project.parts):
            self.close_project()
            self.project = DocumentedProject((named or titled).group("name"), line)
            self.current = None
        elif part_name:
            if self.project is None or any(label(p.heading).endswith(label(part_name)) for p in self.project.parts):
                self.close_project()
                self.project = DocumentedProject("", line)
            section = Section(text, line, project=len(self.found.projects))
            self.project.parts.append(section)
            self.add(section)
        elif self.project is None or not self.project.parts:
            self.title_lines.append(line)  # a project's title, above its parts
        elif self.current is not None:
            self.current.lines.append(line)

    def close_project(self) -> None:
        project, self.project = self.project, None
        titles, self.title_lines = self.title_lines, []
        if project is None:
            if titles and self.current is not None:
                self.current.lines.extend(titles)  # text under the heading, before any project
            return
        if not project.name and titles:
            project.name = " ".join(t.text.strip() for t in titles)
        if not project.name:
            project.name = name_from_text(project, len(self.found.projects) + 1, self.report)
        project.amount = arranged_amount(project, self.report)
        self.found.projects.append(project)


def name_from_text(project: DocumentedProject, number: int, report: Report) -> str:
    """A project the document does not name: a name from its own 项目概况 words, labelled as such."""
    overview = next((p for p in project.parts if "项目概" in p.heading), project.parts[0] if project.parts else None)
    found = next((f for pattern in NAMES_IN_TEXT if overview and (f := pattern.search(overview.body))), None)
    if found:
        name = f"{found.group(1)}（名称取自项目概况原文）"
        report.warn("项目经费情况说明", project.line, f"第{number}个项目没有列出名称：“{name}”取自其项目概况的原文")
    else:
        name = f"项目经费情况说明所列第{number}个项目（文件未列名称）"
        report.warn(
            "项目经费情况说明", project.line, f"第{number}个项目没有列出名称，其项目概况中也找不到：记为“{name}”"
        )
    return name


def arranged_amount(project: DocumentedProject, report: Report) -> Decimal | None:
    """The year's amount its 年度预算安排 gives: one figure, or the quarters' figures summed; else none."""
    part = next((p for p in project.parts if "年度预算安排" in p.heading), None)
    if part is None:
        return None
    text = part.body.replace(",", "").replace("，", "，")
    figures = [Decimal(value) * (WAN if unit == "万元" else 1) for value, unit in FIGURE.findall(text)]
    if len(figures) == 1:
        return figures[0]
    quarters = QUARTER.findall(text)
    if figures and len(quarters) == len(figures):
        total = sum(figures, Decimal(0))
        report.note(
            NoteKind.READ,
            "项目经费情况说明",
            part.line,
            f"“{project.name}”的年度预算按各季度用款计划相加：{total:,.2f} 元",
        )
        return total
    if figures:
        report.warn(
            "项目经费情况说明",
            part.line,
            f"“{project.name}”的年度预算安排列有 {len(figures)} 个金额，无法确定全年金额：项目不记金额",
        )
    return None


def read_sections(lines: list[SourceLine], report: Report) -> Sections:
    return SectionReader(report).read(lines)
