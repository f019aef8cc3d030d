"""Chart payloads for Apache ECharts (static/js/charts.js). Amounts arrive as
Decimals already summed by the database; they become strings in the reader's
unit only here, at the last step, and only for drawing. Every chart also
renders its points as a small table, the text alternative."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from apps.budgets.amounts import AmountUnit
from apps.budgets.explanation import share
from apps.budgets.models import Budget
from apps.budgets.official import OfficialTable
from apps.projects.models import Project

from .figures import Headline, economic_totals, totals_by_year

ZERO = Decimal("0")
PROJECT_LIMIT = 10


@dataclass(frozen=True)
class Point:
    label: str
    amount: Decimal | None
    share: Decimal | None = None  # percent of the chart's whole, one place
    children: tuple["Point", ...] = ()


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page: the element ids derive from it
    kind: str  # bar, pie or line (see charts.js)
    title: str
    points: list[Point]
    unit: AmountUnit
    label_header: str = "项目"

    @property
    def payload(self) -> dict:
        return {"kind": self.kind, "unit": self.unit.label, "points": [self.as_json(p) for p in self.points]}

    def as_json(self, point: Point) -> dict:
        data = {"name": point.label, "value": str(self.unit.convert(point.amount or ZERO))}
        if point.share is not None:
            data["share"] = str(point.share)
        if point.children:
            data["children"] = [self.as_json(child) for child in point.children]
        return data

    @property
    def rows(self) -> Iterable[tuple[Point, int]]:
        """The points and their children in reading order, with their depth."""
        for point in self.points:
            yield point, 0
            for child in point.children:
                yield child, 1

    @property
    def has_shares(self) -> bool:
        return any(point.share is not None for point, _ in self.rows)


def with_shares(items: list[tuple[str, Decimal | None]], whole: Decimal | None) -> list[Point]:
    return [Point(label, amount, share(amount, whole)) for label, amount in items]


def top_and_rest(points: list[Point], whole: Decimal | None, limit: int, rest_label: str) -> list[Point]:
    """The largest `limit` points and one more for the rest, so a chart of fifty
    departments stays legible; the full list is in the page's table."""
    if len(points) <= limit:
        return points
    top = points[:limit]
    rest = (whole or ZERO) - sum((p.amount or ZERO for p in top), ZERO)
    return top + [Point(rest_label, rest, share(rest, whole))]


def composition(expenditure: OfficialTable, unit: AmountUnit) -> Chart:
    """Function 类 with their 款, from the 支出预算总表 already computed for the page."""
    total_row, *tree = expenditure.rows
    whole = total_row.cells.get("total")
    classes: list[Point] = []
    for row in tree:
        point = Point(f"{row.code} {row.cells['name']}", row.cells.get("total"), share(row.cells.get("total"), whole))
        if row.level == 1:
            classes.append(point)
        elif row.level == 2:
            parent = classes[-1]
            classes[-1] = Point(parent.label, parent.amount, parent.share, parent.children + (point,))
    # A bar a 类 (its 款 are in the chart's table): names stay whole at any width, unlike treemap tiles.
    return Chart("composition", "bar", "支出按功能分类（类）", classes, unit, label_header="功能分类科目")


def largest_projects(projects: list[Project], whole: Decimal | None, unit: AmountUnit) -> Chart:
    """The projects by amount, largest first (the rest summed in one bar)."""
    items = sorted(((p.name, p.total) for p in projects if p.total), key=lambda item: -item[1])
    rest_total = sum((amount for _, amount in items), ZERO)
    points = top_and_rest(
        with_shares(items, whole), rest_total, PROJECT_LIMIT, f"其余{len(items) - PROJECT_LIMIT}个项目"
    )
    return Chart("projects", "bar", "最大的项目（占支出总计）", points, unit, "项目")


def budget_charts(
    budget: Budget, official: list[OfficialTable], headline: Headline, unit: AmountUnit, projects: list[Project]
) -> list[Chart]:
    """The budget page's charts: function composition, the largest projects,
    economic 款, basic vs project, and the totals over the years when there is more than one."""
    expenditure = next(table for table in official if table.slug == "expenditure")
    natures = [("基本支出", headline.basic), ("项目支出", headline.project)]
    if headline.other:
        natures.append(("其他支出", headline.other))
    charts = [
        composition(expenditure, unit),
        *([largest_projects(projects, headline.total, unit)] if any(p.total for p in projects) else []),
        Chart(
            "economic",
            "bar",
            "基本支出按经济分类（款）",
            with_shares(economic_totals(budget), headline.basic),
            unit,
            "经济分类科目",
        ),
        Chart("natures", "pie", "基本支出与项目支出", with_shares(natures, headline.total), unit, "支出性质"),
    ]
    years = totals_by_year(budget)
    if len(years) > 1:
        points = [Point(f"{year}年", total) for year, total in years]
        charts.append(Chart("trend", "line", f"历年支出总计（{budget.get_phase_display()}）", points, unit, "年度"))
    return charts
