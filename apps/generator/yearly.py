"""One year of a generated department: every line item of its budget, in
cents, built so that each reconciliation identity of apps.budgets.checks
holds by construction:

- the economic lines of a unit's 基本支出 and its function lines are two
  partitions of the same personnel and public totals (养老 2080505 = 30108,
  医疗 21011xx = 30110/30111, 住房公积金 2210201 = 30113, the rest on the
  unit's 行政运行/事业运行 项; 2017's economic list, without 30110–30114,
  takes them on the codes that carried them then);
- project lines are the project fundings summed by unit, code and source;
- revenue is the expenditure summed by source (no 结转下年);
- a unit's 三公 line is its economic line plus any 公务接待费 project.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from apps.budgets.checks import THREE_PUBLIC_ECONOMIC_CODES
from apps.budgets.models import Nature, RevenueSource, Source, ThreePublicCategory

from . import codes, vocab
from .city import HUNDRED_YUAN, DepartmentPlan, ProjectPlan, UnitPlan
from .narrative import YearFigures, narrative_fields

SHANGHAI = ZoneInfo("Asia/Shanghai")
C = ThreePublicCategory
# Where the money of a source comes in: 单位资金 is 事业收入 for an institution.
REVENUE = {
    Source.GENERAL: RevenueSource.GENERAL,
    Source.GOV_FUND: RevenueSource.GOV_FUND,
    Source.SPECIAL_ACCOUNT: RevenueSource.SPECIAL_ACCOUNT,
    Source.CARRYOVER_GENERAL: RevenueSource.CARRYOVER_GENERAL,
    Source.CARRYOVER_GOV_FUND: RevenueSource.CARRYOVER_GOV_FUND,
}


@dataclass
class ProjectRows:
    unit: int
    position: int
    plan: ProjectPlan
    code: str  # the function code in this year's list
    fundings: list[tuple[str, int]]
    indicators: list[tuple[str, str, str, str, str, str, int]]


@dataclass
class BudgetRows:
    year: int
    published_at: datetime
    function_lines: dict[tuple[int, str, str, str], int] = field(default_factory=lambda: defaultdict(int))
    economic_lines: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    projects: list[ProjectRows] = field(default_factory=list)
    three_public: dict[tuple[int, str], int] = field(default_factory=lambda: defaultdict(int))
    revenue: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    purposes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    narrative: dict = field(default_factory=dict)
    vehicle_purchases: list[str] = field(default_factory=list)  # cars, vans, buses bought


def split(total: int, weights: list[int]) -> list[int]:
    """Whole parts proportional to the weights that add up to `total` exactly
    (the rounding remainder goes to the largest part)."""
    whole = sum(weights)
    parts = [total * w // whole for w in weights]
    parts[parts.index(max(parts))] += total - sum(parts)
    return parts


def jitter(weight: int, rng: random.Random, percent: int = 15) -> int:
    return max(1, weight * rng.randint(100 - percent, 100 + percent) // 100)


def department_years(plan: DepartmentPlan, years: list[int]) -> list[BudgetRows]:
    """Every year of a department in order, each year's 说明 comparing with the one before."""
    budgets, prior = [], None
    for year in years:
        rows = budget_rows(plan, year, random.Random(f"city:{plan.seed}:{plan.index}:{year}"))
        figures = YearFigures.of(plan, rows)
        rows.narrative = narrative_fields(
            plan, rows, figures, prior, random.Random(f"text:{plan.seed}:{plan.index}:{year}")
        )
        budgets.append(rows)
        prior = figures
    return budgets


def budget_rows(plan: DepartmentPlan, year: int, rng: random.Random) -> BudgetRows:
    rows = BudgetRows(year, datetime(year, 2, rng.randint(1, 28), 9, 0, tzinfo=SHANGHAI))
    total = plan.totals[year]
    basic = total * plan.basic_permille // 1000
    unit_amounts = split(basic, [jitter(u.weight, rng, 5) for u in plan.units])
    for index, (unit, amount) in enumerate(zip(plan.units, unit_amounts, strict=True)):
        add_basic(rows, index, unit, amount, year, rng)
    add_projects(rows, plan, total - basic, year, rng)
    add_revenue(rows, plan)
    return rows


def add_basic(rows: BudgetRows, index: int, unit: UnitPlan, amount: int, year: int, rng: random.Random) -> None:
    personnel = amount * jitter(unit.personnel_permille, rng, 1) // 1000
    economic = shares(personnel, unit.personnel_codes, rng)
    public = shares(amount - personnel, unit.public_codes, rng) | fixed_public(rows, unit, rng)
    for code, cents in economic.items():
        rows.economic_lines[codes.economic_in_year(code, year), Nature.PERSONNEL] += cents
    for code, cents in public.items():
        rows.economic_lines[codes.economic_in_year(code, year), Nature.PUBLIC] += cents
    basic_code = codes.in_year(unit.basic_code, year)
    for code, cents in personnel_by_function(unit, economic, basic_code, rng).items():
        rows.function_lines[index, code, Nature.PERSONNEL, Source.GENERAL] += cents
    rows.function_lines[index, basic_code, Nature.PUBLIC, Source.GENERAL] += sum(public.values())
    if unit.unit_funds:
        rows.function_lines[index, basic_code, Nature.PERSONNEL, Source.UNIT] += personnel * rng.randint(5, 25) // 100
    rows.purposes[basic_code].append("机关本级的基本支出" if index == 0 else f"{unit.name}的基本支出")
    for category, code in THREE_PUBLIC_ECONOMIC_CODES.items():
        if public.get(code):
            rows.three_public[index, category] += public[code]


def shares(total: int, weighted_codes: tuple[tuple[str, int], ...], rng: random.Random) -> dict[str, int]:
    """Economic code → cents: `total` split by the codes' weights, each moved a little every year."""
    amounts = split(total, [jitter(weight, rng) for _, weight in weighted_codes])
    return {code: cents for (code, _), cents in zip(weighted_codes, amounts, strict=True)}


def fixed_public(rows: BudgetRows, unit: UnitPlan, rng: random.Random) -> dict[str, int]:
    """公用经费 set by the item rather than by share: car running costs per car,
    a trip abroad, and now and then a new car (each a 三公 figure)."""
    fixed = {}
    if unit.vehicles:
        fixed["30231"] = unit.vehicles * rng.randint(150, 300) * HUNDRED_YUAN
        if rng.randint(1, 100) <= 10:
            rows.vehicle_purchases.append(rng.choice(["cars", "cars", "cars", "vans", "buses"]))
            fixed["31013"] = rng.randint(1500, 3000) * HUNDRED_YUAN
    if unit.overseas:
        fixed["30212"] = rng.randint(200, 1200) * HUNDRED_YUAN
    return fixed


def personnel_by_function(unit: UnitPlan, economic: dict[str, int], basic_code: str, rng: random.Random) -> dict:
    """The same personnel money by function: social insurance, medical care and
    housing on their own 项 (as much as the matching economic line), the rest
    on the unit's 行政运行 or 事业运行."""
    housing = economic["30102"] * rng.randint(4, 10) // 100  # 提租补贴 and 购房补贴 out of 津贴补贴
    rent = housing * rng.randint(10, 30) // 100
    lines = {
        "2080505": economic["30108"],
        "2080506": economic["30109"],
        "2101101" if unit.is_admin else "2101102": economic["30110"],
        "2101103": economic.get("30111", 0),
        "2210201": economic["30113"],
        "2210202": rent,
        "2210203": housing - rent,
        "2080501" if unit.is_admin else "2080502": economic.get("30302", 0),
    }
    lines = {code: cents for code, cents in lines.items() if cents}
    lines[basic_code] = sum(economic.values()) - sum(lines.values())
    return lines


def add_projects(rows: BudgetRows, plan: DepartmentPlan, pool: int, year: int, rng: random.Random) -> None:
    active = [(p, codes.in_year(p.code, year)) for p in plan.projects if year in p.years]
    active = [(p, code) for p, code in active if code]
    if not active:
        return
    amounts = split(pool, [jitter(p.weight, rng) for p, _ in active])
    positions = defaultdict(int)
    for (project, code), amount in zip(active, amounts, strict=True):
        unit = project.unit
        positions[unit] += 1
        fundings = project_fundings(project, code, max(amount // HUNDRED_YUAN, 50) * HUNDRED_YUAN, rng)
        rows.projects.append(
            ProjectRows(unit, positions[unit], project, code, fundings, indicators(project, year, rng))
        )
        for source, cents in fundings:
            rows.function_lines[unit, code, Nature.PROJECT, source] += cents
        if project.archetype == "reception":  # a 公务接待费 project adds to the unit's 三公 reception
            rows.three_public[unit, C.RECEPTION] += sum(c for source, c in fundings if source == Source.GENERAL)
        rows.purposes[code].append(project.name)


def project_fundings(project: ProjectPlan, code: str, amount: int, rng: random.Random) -> list[tuple[str, int]]:
    main = Source.GOV_FUND if codes.is_fund(code) else Source.GENERAL
    if not project.second_source:
        return [(main, amount)]
    second = amount * rng.randint(10, 40) // 100 // HUNDRED_YUAN * HUNDRED_YUAN
    return [(main, amount - second), (project.second_source, second)] if second else [(main, amount)]


def indicators(project: ProjectPlan, year: int, rng: random.Random) -> list[tuple]:
    """The project's chosen indicators with this year's target values."""
    specs = vocab.ARCHETYPES[project.archetype].indicators
    rows = []
    for index, weight in project.indicators:
        level1, level2, name, operator, value, measure = specs[index]
        rows.append((level1, level2, name, operator, vocab.indicator_value(value, year, rng), measure, weight))
    return rows


def add_revenue(rows: BudgetRows, plan: DepartmentPlan) -> None:
    for (unit, _, _, source), cents in rows.function_lines.items():
        if source == Source.UNIT:
            revenue = RevenueSource.OTHER if plan.units[unit].is_admin else RevenueSource.OPERATIONS
        else:
            revenue = REVENUE[source]
        rows.revenue[revenue] += cents
