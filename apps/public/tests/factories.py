"""Test data beyond the seed (which is 205's 2021 budget only): a 2020 budget
of 205 under the 2020 code tree, where 210 was still named
医疗卫生与计划生育支出 and 2010399 still existed; and any number of other
departments with published 2021 budgets, bulk-created."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from apps.budgets.models import Budget, EconomicLine, FunctionLine, Nature, Phase, Status
from apps.budgets.stored import store_figures
from apps.projects.models import Indicator, Project, ProjectFunding
from apps.reference.models import ClassificationCode, Department, Scheme, Unit
from apps.reference.tests.helpers import home_government

CODES_2020 = {
    Scheme.FUNCTION: [
        ("201", "一般公共服务支出"),
        ("20103", "政府办公厅（室）及相关机构事务"),
        ("2010301", "行政运行"),
        ("2010308", "信访事务"),
        ("2010399", "其他政府办公厅（室）及相关机构事务支出"),
        ("210", "医疗卫生与计划生育支出"),
        ("21011", "行政事业单位医疗"),
        ("2101101", "行政单位医疗"),
    ],
    Scheme.ECONOMIC: [
        ("301", "工资福利支出"),
        ("30101", "基本工资"),
        ("302", "商品和服务支出"),
        ("30217", "公务接待费"),
    ],
}
# (code, nature, amount) of 205's 2020 budget.
FUNCTION_2020 = [
    ("2010301", Nature.PERSONNEL, "4500000.00"),
    ("2010308", Nature.PROJECT, "15000000.00"),
    ("2010399", Nature.PROJECT, "800000.00"),
    ("2101101", Nature.PERSONNEL, "190000.00"),
]
ECONOMIC_2020 = [("30101", Nature.PERSONNEL, "2000000.00"), ("30217", Nature.PUBLIC, "30000.00")]
PUBLISHED_AT = datetime(2020, 2, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


def code_tree(year: int, codes: dict) -> dict[tuple[str, str], ClassificationCode]:
    """A year's codes, each under its parent (by prefix), named as given (over the loaded lists' rows)."""
    made: dict[tuple[str, str], ClassificationCode] = {}
    for scheme, pairs in codes.items():
        for code, name in pairs:
            parent = made.get((scheme, code[: len(code) - 2])) if len(code) > 3 else None
            made[(scheme, code)] = ClassificationCode.objects.update_or_create(
                scheme=scheme, year=year, code=code, defaults={"name": name, "parent": parent}
            )[0]
    return made


def budget_2020(status: str = Status.PUBLISHED) -> Budget:
    """205's 2020 预算, against which the seed's 2021 can be compared."""
    codes = code_tree(2020, CODES_2020)
    # 2010399 plays a code the 2021 list dropped (the real lists keep it every year).
    ClassificationCode.objects.filter(scheme=Scheme.FUNCTION, year=2021, code="2010399").delete()
    department = Department.objects.get(code="205")
    budget = Budget.objects.create(department=department, year=2020, status=status, published_at=PUBLISHED_AT)
    budget.units.set(department.units.all())
    FunctionLine.objects.bulk_create(
        FunctionLine(budget=budget, code=codes[(Scheme.FUNCTION, code)], nature=nature, amount=Decimal(amount))
        for code, nature, amount in FUNCTION_2020
    )
    EconomicLine.objects.bulk_create(
        EconomicLine(budget=budget, code=codes[(Scheme.ECONOMIC, code)], nature=nature, amount=Decimal(amount))
        for code, nature, amount in ECONOMIC_2020
    )
    store_figures(Budget.objects.filter(pk=budget.pk, status=Status.PUBLISHED))  # as publishing would
    return budget


def codes_2021(*codes: str) -> dict[str, ClassificationCode]:
    found = ClassificationCode.objects.filter(year=2021, code__in=codes)
    return {code.code: code for code in found}


def many_departments(count: int, year: int = 2021, status: str = Status.PUBLISHED) -> list[Budget]:
    """`count` departments (codes 901…), each with a unit, a budget of `year`,
    function and economic lines, and one project with an indicator. Department
    n spends n × 1,000.01 on 公务接待费, so the largest has the highest code."""
    codes = codes_2021("2010301", "2050803", "30101", "30217")
    numbers = range(1, count + 1)
    departments = Department.objects.bulk_create(
        Department(government=home_government(), code=str(900 + n), name=f"绍兴市测试局{n}", short_name=f"测试局{n}")
        for n in numbers
    )
    units = Unit.objects.bulk_create(
        Unit(department=d, code=f"{d.code}001", name=f"{d.name}本级", kind=Unit.Kind.ADMINISTRATIVE)
        for d in departments
    )
    budgets = Budget.objects.bulk_create(
        Budget(department=d, year=year, phase=Phase.BUDGET, status=status, published_at=PUBLISHED_AT)
        for d in departments
    )
    Budget.units.through.objects.bulk_create(Budget.units.through(budget=b, unit=u) for b, u in zip(budgets, units))
    lines = []
    for n, budget, unit in zip(numbers, budgets, units):
        lines += [
            FunctionLine(
                budget=budget, unit=unit, code=codes["2010301"], nature=Nature.PERSONNEL, amount=Decimal(n * 100000)
            ),
            FunctionLine(
                budget=budget, unit=unit, code=codes["2050803"], nature=Nature.PROJECT, amount=Decimal(n * 50000)
            ),
        ]
    FunctionLine.objects.bulk_create(lines)
    EconomicLine.objects.bulk_create(
        line
        for n, budget, unit in zip(numbers, budgets, units)
        for line in (
            EconomicLine(
                budget=budget, unit=unit, code=codes["30101"], nature=Nature.PERSONNEL, amount=Decimal(n * 90000)
            ),
            EconomicLine(
                budget=budget,
                unit=unit,
                code=codes["30217"],
                nature=Nature.PUBLIC,
                amount=Decimal(n) * Decimal("1000.01"),
            ),
        )
    )
    projects = Project.objects.bulk_create(
        Project(
            budget=b,
            unit=u,
            kind="培训类项目",
            name=f"干部培训项目{n}",
            function_code=codes["2050803"],
            goal="完成年度培训",
        )
        for n, b, u in zip(numbers, budgets, units)
    )
    ProjectFunding.objects.bulk_create(
        ProjectFunding(project=p, amount=Decimal(n * 50000)) for n, p in zip(numbers, projects)
    )
    Indicator.objects.bulk_create(
        Indicator(
            project=p,
            level1="产出指标",
            level2="数量指标",
            name="培训人次",
            operator="≥",
            value="100",
            measure_unit="人次",
            weight=100,
        )
        for p in projects
    )
    store_figures(Budget.objects.filter(pk__in=[b.pk for b in budgets], status=Status.PUBLISHED))
    return budgets
