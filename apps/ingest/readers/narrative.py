"""The narrative (部门概况 and 说明) before the tables: the stored texts
(主要职能, 单位构成, reasons, purposes, 国有资产) and every figure it states, each
with its source line, to be compared with the tables (compare.py).

Lines are joined into paragraphs where a sentence runs on (a line without
closing punctuation followed by one without a section number), and figures
are found in one normalised text (no spaces, full-width brackets and commas)
so that the same sentence reads alike from a .txt and from a PDF."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from apps.ingest.sources.text import SourceLine

CLOSING = "。！？；：.!?;:"
SECTION = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.、．])")
NUMBERED = re.compile(r"^\s*\d+\s*[.、．]\s*")
WAN = r"(\d+(?:\.\d+)?)万元"
TITLE = re.compile(
    r"^(?P<name>[^（）]+?)(（(?P<alias>[^（）]+)）)?(?P<year>\d{4})年(?P<scope>部门|单位)(?P<phase>调整预算|预算|决算)$"
)
PHASES = {"预算": "budget", "决算": "final", "调整预算": "adjusted"}


@dataclass(frozen=True)
class Figure:
    """A figure the narrative states, in 万元 (or a share in %), and which table figure it speaks of."""

    topic: str
    key: tuple
    wan: Decimal
    line: SourceLine | None
    share: Decimal | None = None


@dataclass(frozen=True)
class Change:
    """比上年增加 X 万元 / 减少 Y% / 持平: how a prior-year amount follows from this year's."""

    field: str  # the BudgetNarrative field of the prior amount
    key: tuple  # this year's figure it is compared with
    direction: str  # 增加, 减少 or 持平
    wan: Decimal | None  # the stated difference in 万元, if one is stated
    percent: Decimal | None
    line: SourceLine | None


@dataclass
class Narrative:
    paragraphs: list[tuple[SourceLine, str]] = field(default_factory=list)
    texts: dict[str, object] = field(default_factory=dict)  # BudgetNarrative field → value
    figures: list[Figure] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    purposes: list[tuple[list[str], str, Decimal, SourceLine | None]] = field(default_factory=list)  # names, text, 万元
    title: dict[str, str] = field(default_factory=dict)  # name, alias, year, scope, phase
    short_alias: str = ""
    public_institutions: list[str] = field(default_factory=list)  # unit names the text calls 事业单位
    flat: str = ""
    starts: list[tuple[int, SourceLine]] = field(default_factory=list)  # offset in flat → the paragraph's line

    def line_at(self, offset: int) -> SourceLine | None:
        found = None
        for start, line in self.starts:
            if start > offset:
                break
            found = line
        return found


def paragraphs(lines: list[SourceLine]) -> list[tuple[SourceLine, str]]:
    joined: list[tuple[SourceLine, str]] = []
    for line in lines:
        text = line.text.replace("\t", " ").strip()
        if joined and joined[-1][1][-1:] not in CLOSING and not SECTION.match(text):
            joined[-1] = (joined[-1][0], joined[-1][1] + text)
        else:
            joined.append((line, text))
    return joined


def normalise(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    text = text.replace("(", "（").replace(")", "）").replace(":", "：").replace(";", "；")
    return re.sub(r"(?<!\d),|,(?!\d)", "，", text)


def read_narrative(lines: list[SourceLine]) -> Narrative:
    narrative = Narrative(paragraphs(lines))
    offset = 0
    for line, text in narrative.paragraphs:
        narrative.starts.append((offset, line))
        narrative.flat += normalise(text)
        offset = len(narrative.flat)
    read_title(narrative, lines)
    read_sections(narrative)
    return narrative


def read_title(narrative: Narrative, lines: list[SourceLine]) -> None:
    for line in lines[:5]:
        found = TITLE.match(normalise(line.text))
        if found:
            narrative.title = {k: v for k, v in found.groupdict().items() if v}
            break
    name, alias = narrative.title.get("name"), narrative.title.get("alias")
    if name:
        for found in re.finditer(re.escape(normalise(name)) + r"（([^（）]+)）", narrative.flat):
            if found.group(1) != alias and len(found.group(1)) < 20:
                narrative.short_alias = found.group(1)
                break
    narrative.public_institutions = re.findall(r"事业单位([^，。、；（）]+?)(?:预算|、|，|。)", narrative.flat)


def section(narrative: Narrative, heading: str) -> list[str]:
    """The paragraphs after the heading that names `heading`, up to the next heading."""
    found, texts = False, []
    for _, text in narrative.paragraphs:
        plain = normalise(text)
        if not found:
            found = heading in plain and len(plain) <= len(heading) + 12 and SECTION.match(text) is not None
            continue
        if SECTION.match(text) and not NUMBERED.match(text) or NUMBERED.match(text) and len(plain) < 20:
            break
        texts.append(text.strip())
    return texts


def read_sections(narrative: Narrative) -> None:
    duties, found = [], False
    for _, text in narrative.paragraphs:
        plain = normalise(text)
        if not found:
            found = "主要职能" in plain and len(plain) < 20
            continue
        if not NUMBERED.match(text):
            break
        duties.append(NUMBERED.sub("", text).strip())
    if duties:
        narrative.texts["duties"] = "\n".join(duties)
    composition = section(narrative, "预算单位构成")
    if composition:
        narrative.texts["unit_composition"] = "".join(composition)
    assets = section(narrative, "国有资产占有使用情况")
    if assets:
        narrative.texts["assets_note"] = "\n".join(assets)
