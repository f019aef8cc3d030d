"""项目绩效目标表 read project by project: its 15 columns (funds, goal and each
indicator) do not fit a screen side by side, so the page shows each project as
a block with its funds, its goal and every indicator under its 一级/二级指标.
The downloads keep the disclosure's layout."""

from dataclasses import dataclass, field

from apps.budgets.official import Row

FUNDS = [("total", "总计"), ("general", "一般公共预算"), ("gov_fund", "政府性基金"), ("special_account", "专户资金")]
FUNDS.append(("other", "其他资金"))


@dataclass
class IndicatorGroup:
    level1: str
    level2: str
    indicators: list[dict] = field(default_factory=list)


@dataclass
class ProjectBlock:
    name: str
    url: str | None
    funds: list[tuple[str, object]]
    goal: str
    groups: list[IndicatorGroup] = field(default_factory=list)

    def add(self, cells: dict) -> None:
        if not cells.get("indicator"):
            return
        last = self.groups[-1] if self.groups else None
        if last is None or (last.level1, last.level2) != (cells.get("level1"), cells.get("level2")):
            last = IndicatorGroup(cells.get("level1") or "", cells.get("level2") or "")
            self.groups.append(last)
        last.indicators.append(cells)


@dataclass
class UnitBlock:
    code: str
    name: str
    projects: list[ProjectBlock] = field(default_factory=list)


def performance_blocks(rows: list[Row], links: list[str | None]) -> list[UnitBlock]:
    """The table's rows regrouped: level 2 a unit, level 3 a project with its first
    indicator, level 4 its further indicators; `links` are the project pages, row by row."""
    units: list[UnitBlock] = []
    for row, url in zip(rows, links, strict=True):
        cells = row.cells
        if row.level == 2:
            units.append(UnitBlock(cells.get("unit_code") or "", cells.get("name") or ""))
        elif row.level == 3:
            if not units:
                units.append(UnitBlock("", ""))
            funds = [(label, cells.get(key)) for key, label in FUNDS]
            units[-1].projects.append(ProjectBlock(cells.get("name") or "", url, funds, cells.get("goal") or ""))
            units[-1].projects[-1].add(cells)
        elif row.level == 4 and units and units[-1].projects:
            units[-1].projects[-1].add(cells)
    return units
