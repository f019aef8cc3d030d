"""A generated city: what each department is (units, projects, size and
growth), decided once per department from its own random stream, so that
department i is the same whatever --departments says and the same seed
always gives the same city.

Generated departments are marked by their codes: 301 up to 2999 (the seed's
205 and anything below 301 are never touched); department i gets code
301 + i and its units get the department code plus three digits (301001…).
Every amount is a whole number of cents, drawn with random.Random integers;
only the writer turns cents into Decimal yuan."""

import random
from dataclasses import dataclass
from decimal import Decimal

from . import codes, vocab
from .departments import ADMIN, EXTRA_UNITS, PI, REGIONS, TEMPLATES, DepartmentTemplate, regional

FIRST_CODE, LAST_CODE = 301, 2999
MAX_DEPARTMENTS = LAST_CODE - FIRST_CODE + 1
HUNDRED_YUAN = 10_000  # cents; projects and fixed items are budgeted in whole hundreds of yuan
SMALLEST = 300_000_000  # cents (3,000,000 元): the Pareto minimum of a department's total
LARGEST_RATIO = 2000  # no department is more than 2000 × the smallest (60亿元)
MAX_UNITS = 12
MAX_PROJECTS = 40

# Economic codes of 基本支出 with their typical weight (‰); each unit drops some optional ones.
PERSONNEL_CODES = {
    "30101": 150,
    "30102": 230,
    "30103": 60,
    "30107": 160,
    "30108": 90,
    "30109": 45,
    "30110": 50,
    "30112": 5,
    "30113": 70,
}
OPTIONAL_PERSONNEL = {"30199": 40, "30106": 10, "30114": 5, "30305": 5, "30309": 2, "30307": 3}
PUBLIC_CODES = {"30201": 120, "30205": 30, "30206": 60, "30207": 40, "30211": 60, "30213": 80, "30228": 50, "30229": 40}
OPTIONAL_PUBLIC = {
    "30202": 20,
    "30203": 20,
    "30209": 150,
    "30214": 40,
    "30215": 20,
    "30216": 20,
    "30218": 30,
    "30226": 80,
    "30227": 60,
    "30239": 150,
    "30299": 90,
    "31002": 40,
    "31007": 30,
}


@dataclass(frozen=True)
class UnitPlan:
    code: str
    name: str
    kind: str
    basic_code: str
    project_code: str
    weight: int  # share of the department's basic spending
    personnel_permille: int  # 人员经费 as a share of its basic spending
    personnel_codes: tuple[tuple[str, int], ...]  # economic code, weight
    public_codes: tuple[tuple[str, int], ...]
    vehicles: int
    overseas: bool
    unit_funds: bool  # a public institution paying part of its staff from 事业收入

    @property
    def is_admin(self) -> bool:
        return self.kind == ADMIN


@dataclass(frozen=True)
class ProjectPlan:
    unit: int  # index into DepartmentPlan.units
    name: str
    archetype: str
    code: str  # function code as of the newest list; codes.in_year maps it back
    weight: int
    years: frozenset[int]
    second_source: str  # a second funding source, or ""
    indicators: tuple[tuple[int, int], ...]  # (index into the archetype's indicators, weight)


@dataclass(frozen=True)
class DepartmentPlan:
    index: int
    seed: int
    code: str
    name: str
    short_name: str
    alias: str
    alias_short: str
    template: DepartmentTemplate
    units: tuple[UnitPlan, ...]
    projects: tuple[ProjectPlan, ...]
    totals: dict[int, int]  # year → the department's planned total, cents
    basic_permille: int  # 基本支出 as a share of the total

    @property
    def narrative_name(self) -> str:
        return f"{self.name}（{self.alias_short}）" if self.alias_short else self.name


def yuan(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def department_code(index: int) -> str:
    return str(FIRST_CODE + index)


def department_plan(index: int, seed: int, years: list[int]) -> DepartmentPlan:
    """Department `index` of the city generated with `seed`."""
    rng = random.Random(f"city:{seed}:{index}")
    template = TEMPLATES[index % len(TEMPLATES)]
    prefix, region_short = REGIONS[index // len(TEMPLATES) % len(REGIONS)]
    copy = index // (len(TEMPLATES) * len(REGIONS))
    suffix = f"（模拟{copy + 1}）" if copy else ""
    ratio = min(template.weight * 1_000_000 // rng.randint(1, 1_000_000), largest_ratio(template))
    code = department_code(index)
    units = unit_plans(template, code, prefix, ratio, rng)
    return DepartmentPlan(
        index=index,
        seed=seed,
        code=code,
        name=regional(template.name, prefix) + suffix,
        short_name=template.short_name.replace("市", region_short, 1) + suffix,
        alias=regional(template.alias[0], prefix),
        alias_short=template.alias[1].replace("市", region_short, 1),
        template=template,
        units=units,
        projects=project_plans(template, units, ratio, years, rng),
        totals=yearly_totals(SMALLEST * ratio + rng.randint(0, SMALLEST), years, rng),
        basic_permille=rng.randint(300, 700),
    )


def largest_ratio(template: DepartmentTemplate) -> int:
    """How far the Pareto tail may take a department: an archive or a party
    office stays under a few 亿元, education or health may reach 60亿元."""
    return min(LARGEST_RATIO, 100 * template.weight**2)


def yearly_totals(last: int, years: list[int], rng: random.Random) -> dict[int, int]:
    """Totals growing 0–12% most years (falling up to 5% in some), so that
    year-to-year comparisons have something to say."""
    totals = {years[-1]: last}
    for year in reversed(years[:-1]):
        totals[year] = totals[year + 1] * 1000 // rng.randint(950, 1120)
    return totals


def unit_plans(
    template: DepartmentTemplate, code: str, prefix: str, ratio: int, rng: random.Random
) -> tuple[UnitPlan, ...]:
    """The administration itself, then the template's institutions, then
    generic ones: more units the larger the department."""
    count = min(MAX_UNITS, 1 + ratio.bit_length() * 2 // 3 + rng.randint(0, 1))
    specs = [(regional(template.name, prefix) + "本级", ADMIN, template.admin_code, template.general_code, 1000)]
    specs += [
        (regional(u.name, prefix), u.kind, u.basic_code, u.project_code or u.basic_code, rng.randint(300, 2000))
        for u in template.units
    ]
    for suffix, kind in EXTRA_UNITS:
        basic = template.admin_code if kind == ADMIN else institution_code(template)
        project = template.general_code if kind == ADMIN else basic
        specs.append((f"{prefix}{template.core}{suffix}", kind, basic, project, rng.randint(150, 600)))
    # A generic name can repeat a template's own unit (财政信息中心): a department's unit names are unique.
    unique: dict[str, tuple] = {}
    for spec in specs:
        unique.setdefault(spec[0], spec)
    specs = list(unique.values())
    return tuple(unit_plan(f"{code}{number:03d}", *spec, rng) for number, spec in enumerate(specs[:count], start=1))


def institution_code(template: DepartmentTemplate) -> str:
    """Where an extra public institution's basic spending goes: the template's
    choice, else the 事业运行 项 of the department's 款."""
    return template.pi_code or template.admin_code[:5] + "50"


def unit_plan(code: str, name: str, kind: str, basic: str, project: str, weight: int, rng: random.Random) -> UnitPlan:
    personnel = dict(PERSONNEL_CODES) | ({"30111": 15} if kind == ADMIN else {})
    personnel |= {c: w for c, w in OPTIONAL_PERSONNEL.items() if rng.randint(0, 1)}
    if rng.randint(1, 100) <= 60:
        personnel["30302"] = 50  # 退休费 of retired staff the unit still pays
    public = dict(PUBLIC_CODES) | {c: w for c, w in OPTIONAL_PUBLIC.items() if rng.randint(0, 1)}
    if rng.randint(1, 100) <= 85:
        public["30217"] = rng.randint(10, 40)  # 公务接待费
    return UnitPlan(
        code=code,
        name=name,
        kind=kind,
        basic_code=basic,
        project_code=project,
        weight=weight,
        personnel_permille=rng.randint(760, 880),
        personnel_codes=tuple(sorted(personnel.items())),
        public_codes=tuple(sorted(public.items())),
        vehicles=rng.choice([0, 0, 1, 2, 3] if kind == ADMIN else [0, 0, 0, 1, 2]),
        overseas=rng.randint(1, 100) <= 6,
        unit_funds=kind == PI and rng.randint(1, 100) <= 30,
    )


def project_plans(
    template: DepartmentTemplate, units: tuple[UnitPlan, ...], ratio: int, years: list[int], rng: random.Random
) -> tuple[ProjectPlan, ...]:
    """The template's own projects for the administration, then generic ones
    taken in turn by every unit; most run every year, some only for a few."""
    count = min(MAX_PROJECTS, 1 + ratio.bit_length() * 3 // 2 + rng.randint(0, 3))
    candidates = [(0, name, archetype, code) for name, archetype, code in template.projects]
    candidates += generic_projects(units, count)
    plans = []
    for unit, name, archetype, code in candidates[:count]:
        spec = vocab.ARCHETYPES[archetype]
        plans.append(
            ProjectPlan(
                unit=unit,
                name=name,
                archetype=archetype,
                code=code,
                weight=spec.weight * rng.randint(2, 20),
                years=active_years(archetype, years, rng),
                second_source=second_source(template, units[unit], code, rng),
                indicators=indicator_choice(len(spec.indicators), rng),
            )
        )
    return tuple(plans)


def generic_projects(units: tuple[UnitPlan, ...], count: int) -> list[tuple[int, str, str, str]]:
    """Generic projects dealt out round-robin over the units; a unit that has
    had them all starts again with （二期）, （三期）… names."""
    projects = []
    for turn in range(count):
        for index, unit in enumerate(units):
            stock = vocab.ADMIN_PROJECTS if unit.is_admin else vocab.INSTITUTION_PROJECTS
            base, archetype = stock[turn % len(stock)]
            projects.append((index, vocab.project_name(base, turn // len(stock)), archetype, unit.project_code))
        if len(projects) >= count:
            break
    return projects


def active_years(archetype: str, years: list[int], rng: random.Random) -> frozenset[int]:
    if archetype == "reception" or rng.randint(1, 100) <= 75:
        return frozenset(years)
    start = rng.randint(years[0], years[-1])
    return frozenset(range(start, start + rng.randint(1, 3))) & frozenset(years)


def second_source(template: DepartmentTemplate, unit: UnitPlan, code: str, rng: random.Random) -> str:
    """Most projects live on one appropriation; some add last year's carry-over,
    fees kept in a 财政专户, or the institution's own money."""
    draw = rng.randint(1, 100)
    if codes.is_fund(code):
        return "carryover_gov_fund" if draw <= 20 else ""
    if draw <= 10:
        return "carryover_general"
    if not unit.is_admin and template.special_account and draw <= 40:
        return "special_account"
    if not unit.is_admin and draw <= 30:
        return "unit"
    return ""


def indicator_choice(available: int, rng: random.Random) -> tuple[tuple[int, int], ...]:
    """Four or more of the archetype's indicators, in its order, with weights
    in steps of 5 that add up to exactly 100."""
    chosen = sorted(rng.sample(range(available), rng.randint(min(4, available), available)))
    steps = [1] * len(chosen)
    for _ in range(20 - len(chosen)):
        steps[rng.randrange(len(chosen))] += 1
    return tuple(zip(chosen, (5 * s for s in steps), strict=True))
