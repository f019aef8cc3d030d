"""The stored part of a generated 说明 (BudgetNarrative): duties and unit
composition from the template, prior-year amounts from the year before (or,
for the first year, a plausible year before), and reasons that agree with
the direction of each change, so the generated comparison sentences read
true."""

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from apps.budgets.models import FISCAL_SOURCES, Nature, Source, ThreePublicCategory

from . import vocab
from .city import HUNDRED_YUAN, DepartmentPlan, yuan

if TYPE_CHECKING:
    from .yearly import BudgetRows

C = ThreePublicCategory
PROCUREMENT_SHARE = {"goods": (90, 100), "works": (60, 90), "services": (40, 80)}  # percent of a project bought


@dataclass(frozen=True)
class YearFigures:
    """The figures next year's 说明 compares with, in cents."""

    general: int
    overseas: int
    reception: int
    vehicle: int
    running: int

    @classmethod
    def of(cls, plan: DepartmentPlan, rows: "BudgetRows") -> "YearFigures":
        by_category = {category: 0 for category in C}
        for (_, category), cents in rows.three_public.items():
            by_category[category] += cents
        return cls(
            general=sum(c for (_, _, _, source), c in rows.function_lines.items() if source == Source.GENERAL),
            overseas=by_category[C.OVERSEAS],
            reception=by_category[C.RECEPTION],
            vehicle=by_category[C.VEHICLE_PURCHASE] + by_category[C.VEHICLE_RUNNING],
            running=running_cost(plan, rows),
        )


def running_cost(plan: DepartmentPlan, rows: "BudgetRows") -> int:
    """机关运行经费 as the 说明 computes it: administrations' 公用经费 from 财政拨款."""
    return sum(
        cents
        for (unit, _, nature, source), cents in rows.function_lines.items()
        if nature == Nature.PUBLIC and source in FISCAL_SOURCES and plan.units[unit].is_admin
    )


def guessed_prior(figures: YearFigures, rng: random.Random) -> YearFigures:
    """A year before the first generated one: each figure 0–12% lower or up to
    5% higher, in whole hundreds of yuan."""

    def back(cents: int) -> int:
        return cents * 1000 // rng.randint(950, 1120) // HUNDRED_YUAN * HUNDRED_YUAN

    return YearFigures(*(back(value) for value in vars(figures).values()))


def direction(current: int, prior: int) -> str:
    return "增加" if current > prior else "减少" if current < prior else "持平"


def narrative_fields(
    plan: DepartmentPlan, rows: "BudgetRows", figures: YearFigures, prior: YearFigures | None, rng: random.Random
) -> dict:
    """BudgetNarrative's fields (money as Decimal yuan)."""
    prior = prior or guessed_prior(figures, rng)
    general_actual = prior.general * rng.randint(960, 1040) // 1000  # last year's execution, not its budget
    bought = {kind: rows.vehicle_purchases.count(kind) for kind in ("cars", "vans", "buses")}
    return {
        "duties": "\n".join(plan.template.duties),
        "unit_composition": unit_composition(plan),
        "prior_general_actual": yuan(general_actual),
        "general_change_reason": rng.choice(vocab.GENERAL_REASONS[direction(figures.general, general_actual)]),
        "overseas_note": vocab.OVERSEAS_NOTES[figures.overseas > 0],
        "prior_overseas": yuan(prior.overseas),
        "reception_purpose": rng.choice(vocab.RECEPTION_PURPOSES),
        "reception_change_reason": rng.choice(vocab.RECEPTION_REASONS[direction(figures.reception, prior.reception)]),
        "prior_reception": yuan(prior.reception),
        "vehicle_change_reason": rng.choice(vocab.VEHICLE_REASONS[direction(figures.vehicle, prior.vehicle)]),
        "prior_vehicle": yuan(prior.vehicle),
        "vehicles_cars": bought["cars"],
        "vehicles_vans": bought["vans"],
        "vehicles_buses": bought["buses"],
        "prior_running_cost": yuan(prior.running),
        "running_cost_change_reason": rng.choice(vocab.RUNNING_REASONS[direction(figures.running, prior.running)]),
        **procurement(rows, rng),
        "assets_note": assets_note(plan, rows, rng),
    }


def unit_composition(plan: DepartmentPlan) -> str:
    others = [unit.name for unit in plan.units[1:]]
    parts = "本级预算" + (f"、所属单位{'、'.join(others)}预算" if others else "")
    return f"从预算单位构成看，{plan.narrative_name}部门预算包括：{parts}。"


def procurement(rows: "BudgetRows", rng: random.Random) -> dict:
    """政府采购预算: equipment and cars as goods, works from repair and building
    projects, services from the rest, each a share of what the line spends."""
    totals = {"goods": 0, "works": 0, "services": 0}
    totals["goods"] += sum(rows.economic_lines.get((code, Nature.PUBLIC), 0) for code in ("31002", "31013"))
    totals["services"] += rows.economic_lines.get(("30209", Nature.PUBLIC), 0)
    for project in rows.projects:
        kind = vocab.ARCHETYPES[project.plan.archetype].procurement
        if kind:
            low, high = PROCUREMENT_SHARE[kind]
            totals[kind] += sum(c for _, c in project.fundings) * rng.randint(low, high) // 100
    return {f"procurement_{kind}": yuan(cents // HUNDRED_YUAN * HUNDRED_YUAN) for kind, cents in totals.items()}


def assets_note(plan: DepartmentPlan, rows: "BudgetRows", rng: random.Random) -> str:
    vehicles = sum(unit.vehicles for unit in plan.units)
    enforcement = rng.randint(0, vehicles)
    general_equipment, special_equipment = rng.randint(0, 3), rng.randint(0, 2)
    held = (
        f"截至 {rows.year - 1} 年 12 月 31 日，{plan.narrative_name}所属各预算单位共有车辆 {vehicles} 辆，"
        f"其中，一般执法执勤用车 {enforcement} 辆、其他用车 {vehicles - enforcement} 辆。"
        f"单位价值 50 万元以上通用设备 {general_equipment} 台（套），"
        f"单位价值 100 万元以上专用设备 {special_equipment} 台（套）。"
    )
    bought = len(rows.vehicle_purchases)
    planned = (
        f"{rows.year} 年部门预算安排购置车辆 {bought} 辆。"
        if bought
        else f"{rows.year} 年部门预算未安排购置车辆及单位价值 100 万元以上专用设备。"
    )
    return f"{held}\n{planned}"
