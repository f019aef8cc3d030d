"""The official classification codes the generator puts lines on, with the
names each year's list gave them.

支出功能分类 follows 财政部《政府收支分类科目》 (2021 edition and the years
before it); 部门预算支出经济分类 follows the 2018 reform's list, which the
generator uses for every year (the old 支出经济分类 of 2017 and earlier is not
modelled). The listings are data/function_codes.txt and data/economic_codes.txt.
Only the 类 a city department's budget really uses are listed,
each with its common 款 and 项; 202 外交, 209 社会保险基金, 219 援助其他地区,
223 国有资本经营预算, 227 预备费 and 230–234 (转移性支出, 债务) are left out.

Each line is ``code name`` followed by optional marks:

- ``<YEAR:旧名`` the name the code had before YEAR (the 2019 renames that
  followed the 2018 State Council reorganisation, e.g. 210 医疗卫生与计划生育支出
  → 卫生健康支出);
- ``YEAR+`` / ``-YEAR`` the first / last year the code exists (children
  inherit it);
- ``fund`` a 款 of 政府性基金预算 spending: its 项 take 政府性基金 money.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from apps.reference.models import Scheme

DATA = Path(__file__).parent / "data"

# Codes created by a later list, mapped to the code the same money sat on
# before (20115 工商行政管理事务 became 20138 市场监督管理事务 in 2019).
PREDECESSORS = {
    "2013801": "2011501",
    "2013802": "2011502",
    "2013805": "2011504",
    "2013850": "2011550",
}
FIRST_YEAR, LAST_YEAR = 2010, 2030  # years the listings are meant for


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    old_names: tuple[tuple[int, str], ...] = ()  # (first year of the newer name, older name), newest first
    since: int = FIRST_YEAR
    until: int = LAST_YEAR
    fund: bool = False

    def name_in(self, year: int) -> str:
        name = self.name
        for first_year, older in self.old_names:
            if year < first_year:
                name = older
        return name

    def exists_in(self, year: int) -> bool:
        return self.since <= year <= self.until


def parse(text: str) -> dict[str, Code]:
    """A listing as Code objects; validity and the fund mark pass from
    a 类 or 款 to everything below it."""
    codes: dict[str, Code] = {}
    for line in text.strip().splitlines():
        code, name, *marks = line.split()
        parent = codes.get(code[:-2]) if len(code) > 3 else None
        since, until = (parent.since, parent.until) if parent else (FIRST_YEAR, LAST_YEAR)
        fund, old_names = bool(parent and parent.fund), []
        for mark in marks:
            if mark.startswith("<"):
                year, older = mark[1:].split(":")
                old_names.append((int(year), older))
            elif mark.endswith("+"):
                since = max(since, int(mark[:-1]))
            elif mark.startswith("-"):
                until = min(until, int(mark[1:]))
            elif mark == "fund":
                fund = True
            else:
                raise ValueError(f"unknown mark {mark!r} in {line!r}")
        old_names.sort(reverse=True)
        codes[code] = Code(code, name, tuple(old_names), since, until, fund)
    return codes


FUNCTION = parse((DATA / "function_codes.txt").read_text(encoding="utf-8"))
ECONOMIC = parse((DATA / "economic_codes.txt").read_text(encoding="utf-8"))
SCHEMES = {Scheme.FUNCTION: FUNCTION, Scheme.ECONOMIC: ECONOMIC}


@cache
def tree(scheme: str, year: int) -> dict[str, str]:
    """Code → official name of every listed code that exists in that year."""
    return {c.code: c.name_in(year) for c in SCHEMES[scheme].values() if c.exists_in(year)}


def leaves(scheme: str, year: int) -> set[str]:
    codes = tree(scheme, year)
    parents = {code[:-2] for code in codes if len(code) > 3}
    return set(codes) - parents


def in_year(code: str, year: int) -> str | None:
    """The function code carrying `code`'s money in `year`: itself, or the
    code it replaced; None where neither existed."""
    while code is not None and not FUNCTION[code].exists_in(year):
        code = PREDECESSORS.get(code)
    return code


def is_fund(code: str) -> bool:
    return FUNCTION[code].fund
