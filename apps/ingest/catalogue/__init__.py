"""The catalogue: what the reader knows about disclosures before it reads one.

kinds.py holds the kinds of table (their printed names, columns and identities);
one module per province (zhejiang.py, shanghai.py) holds what tells its documents
apart and how its narrative is laid out. This module finds a table's title among
the lines, the province a document's tables belong to, and its section headings.
Adding a province is a catalogue entry here, never code per file."""

import re
from dataclasses import dataclass

from apps.ingest.numbers import label
from apps.workbooks import layout

from .kinds import (
    BALANCE_HEADERS,
    BASIC,
    CARRIED,
    CODE_KINDS,
    CURRENT,
    EXPENDITURE,
    FISCAL_SUMMARY,
    GENERAL_PUBLIC,
    GENERAL_PUBLIC_BASIC,
    GOVERNMENT_FUND,
    KINDS,
    OPTIONAL,
    PERFORMANCE,
    PERFORMANCE_HEADERS,
    PROJECTS,
    REVENUE,
    STATE_CAPITAL,
    SUMMARY,
    THREE_PUBLIC,
    UNKNOWN,
    VEHICLE,
    ColumnSpec,
    Kind,
)
from .province import Province
from .shanghai import SHANGHAI
from .zhejiang import ZHEJIANG

__all__ = [
    "CODE_KINDS",
    "EXPENDITURE",
    "FISCAL_SUMMARY",
    "GENERAL_PUBLIC",
    "GENERAL_PUBLIC_BASIC",
    "GOVERNMENT_FUND",
    "KINDS",
    "OPTIONAL",
    "PERFORMANCE",
    "PROJECTS",
    "REVENUE",
    "STATE_CAPITAL",
    "SUMMARY",
    "THREE_PUBLIC",
    "UNKNOWN",
    "ColumnSpec",
    "Kind",
    "Province",
]

# The site's first province first: a document whose tables name no province's own tables is read as its.
PROVINCES = (ZHEJIANG, SHANGHAI)
SECTIONS = sorted({s for p in PROVINCES for s in p.sections}, key=len, reverse=True)
NUMBERED_PARTS = tuple(s for p in PROVINCES for s in p.numbered_parts)
PROJECT_SECTIONS = tuple(s for p in PROVINCES for s in p.project_sections)
PROJECT_PARTS = tuple(dict.fromkeys(s for p in PROVINCES for s in p.project_parts))


def table_set(titles: list[str]) -> str:
    """The set of the province whose own table names the titles print most."""
    score = {p: sum(any(label(t).endswith(label(n)) for n in p.table_names) for t in titles) for p in PROVINCES}
    best = max(PROVINCES, key=lambda p: score[p])
    return best.table_set if score[best] else PROVINCES[0].table_set


def section_heading(text: str) -> str | None:
    """The section a short line heads (其他相关情况说明, 上海市…（部门）主要职能), or None."""
    title = text.replace("\t", " ").strip()
    if not title or len(title) > 50 or re.search(r"[。；，,]|……|\.{3}", title) or re.search(r"\d[\d,]*\.\d", title):
        return None
    plain = label(title)
    return next((name for name in SECTIONS if plain.endswith(label(name))), None)


BY_SLUG = {kind.slug: kind for kind in KINDS if kind.slug}

# Longest printed name first, so that 财政拨款收支预算总表 is not taken for 收支预算总表.
NAMES = sorted(((label(name), kind) for kind in KINDS for name in kind.names), key=lambda item: -len(item[0]))
CONTINUED = re.compile(r"[(（]?续表?[)）]?$|续表$")
LEVEL = re.compile(r"(省本级|市本级|县本级|区本级|省级|市级|县级|区级|乡镇级|本级)")
YEAR = re.compile(r"(20\d{2})\s*年")


@dataclass(frozen=True)
class Heading:
    kind: Kind
    title: str
    year: int | None
    level: str
    scope: str  # 部门 or 单位
    continued: bool


def heading(text: str) -> Heading | None:
    """A table's title line: a known name at the end, with whatever the
    template puts in front (year, level, department, 部门/单位, 表一)."""
    title = text.strip()
    if len(title) > 80 or re.search(r"[。，；]", title):
        return None
    plain = label(title)
    continued = bool(CONTINUED.search(plain))
    plain = CONTINUED.sub("", plain)
    for name, kind in NAMES:
        if plain.endswith(name):
            prefix = plain[: -len(name)]
            return Heading(kind, title, year_of(prefix), level_of(prefix), scope_of(prefix), continued)
    return None


def unknown_heading(text: str) -> Heading | None:
    """A title line of a table we have no counterpart for (…表), kept and reported."""
    title = text.strip()
    plain = CONTINUED.sub("", label(title))
    if 4 <= len(plain) <= 60 and plain.endswith("表") and not re.search(r"[。，；]", title):
        return Heading(
            UNKNOWN, title, year_of(plain), level_of(plain), scope_of(plain), bool(CONTINUED.search(label(title)))
        )
    return None


def year_of(prefix: str) -> int | None:
    found = YEAR.search(prefix)
    return int(found.group(1)) if found else None


def level_of(prefix: str) -> str:
    found = LEVEL.search(prefix)
    return found.group(1) if found else ""


def scope_of(prefix: str) -> str:
    return "单位" if prefix.endswith("单位") else "部门" if prefix.endswith("部门") or "部门" in prefix else ""


def header_words() -> set[str]:
    """Every label a header row may hold: our columns' and the 明细 sheets'."""
    words = {label(w) for kind in KINDS for spec in kind.columns for w in (*spec.labels, *spec.groups)}
    words |= {label(h) for spec in layout.DETAIL_SHEETS for h in spec.headers}
    words |= {label(w) for w in (*CURRENT, *CARRIED, *VEHICLE, *BASIC, *PERFORMANCE_HEADERS, *BALANCE_HEADERS)}
    return words


HEADER_WORDS = header_words()
STRONG_HEADERS = {label(h) for spec in layout.DETAIL_SHEETS for h in spec.headers} | {
    label(w)
    for w in ("科目编码", "科目名称", "单位名称", "项目名称", "单位编码", "预算数", "类型", "总体绩效目标", "一级指标")
}
