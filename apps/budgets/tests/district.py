"""A district's budget beside the seed city's: another government (上海市普陀区,
区级) whose department has the seed's own code 205, in the Shanghai table set,
with 基本支出 given by function code only as a whole (人员/公用 by economic code
only), 三公 for the department as a whole, a stated 机关运行经费 and one finding
where the document's printed total disagrees with its rows."""

from decimal import Decimal

from apps.budgets.models import (
    Budget,
    EconomicLine,
    Finding,
    FunctionLine,
    NarrativeSection,
    Nature,
    RevenueLine,
    RevenueSource,
    Status,
    TableSet,
    ThreePublicCategory,
    ThreePublicLine,
)
from apps.budgets.stored import store_figures
from apps.reference.models import ClassificationCode, Department, Government, Scheme

YEAR = 2024
CODES = {
    Scheme.FUNCTION: [
        ("208", "社会保障和就业支出"),
        ("20805", "行政事业单位养老支出"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
        ("212", "城乡社区支出"),
        ("21201", "城乡社区管理事务"),
        ("2120101", "行政运行"),
        ("2120102", "一般行政管理事务"),
    ],
    Scheme.ECONOMIC: [
        ("301", "工资福利支出"),
        ("30101", "基本工资"),
        ("30108", "机关事业单位基本养老保险缴费"),
        ("302", "商品和服务支出"),
        ("30201", "办公费"),
        ("30217", "公务接待费"),
    ],
}
FUNCTION = [
    ("2080505", Nature.BASIC, "4608515.00"),
    ("2120101", Nature.BASIC, "16353248.34"),
    ("2120101", Nature.PROJECT, "250000.00"),
    ("2120102", Nature.PROJECT, "17591003.00"),
]
ECONOMIC = [
    ("30101", Nature.PERSONNEL, "12000000.00"),
    ("30108", Nature.PERSONNEL, "4608515.00"),
    ("30201", Nature.PUBLIC, "4339748.34"),
    ("30217", Nature.PUBLIC, "13500.00"),
]
BASIC_TOTAL = Decimal("20961763.34")
PERSONNEL_TOTAL = Decimal("16608515.00")


def year_codes(year: int = YEAR) -> dict[tuple[str, str], ClassificationCode]:
    """The year's codes these lines use: the national list's where migrate loaded it, else made here."""
    made: dict[tuple[str, str], ClassificationCode] = {}
    for scheme, pairs in CODES.items():
        for code, name in pairs:
            parent = made.get((scheme, code[:-2])) if len(code) > 3 else None
            made[(scheme, code)], _ = ClassificationCode.objects.get_or_create(
                scheme=scheme, year=year, code=code, defaults={"name": name, "parent": parent}
            )
    return made


def district_budget(status: str = Status.PUBLISHED, year: int = YEAR) -> Budget:
    government = Government.objects.create(name="上海市普陀区", code="310107", level=Government.Level.DISTRICT)
    department = Department.objects.create(government=government, code="205", name="上海市普陀区人民政府某街道办事处")
    codes = year_codes(year)
    budget = Budget.objects.create(
        department=department,
        year=year,
        status=status,
        table_set=TableSet.SHANGHAI,
        running_cost=Decimal("4431800.00"),
    )
    FunctionLine.objects.bulk_create(
        FunctionLine(budget=budget, code=codes[(Scheme.FUNCTION, code)], nature=nature, amount=Decimal(amount))
        for code, nature, amount in FUNCTION
    )
    EconomicLine.objects.bulk_create(
        EconomicLine(budget=budget, code=codes[(Scheme.ECONOMIC, code)], nature=nature, amount=Decimal(amount))
        for code, nature, amount in ECONOMIC
    )
    total = sum(Decimal(amount) for _, _, amount in FUNCTION)
    RevenueLine.objects.create(budget=budget, source=RevenueSource.GENERAL, amount=total)
    ThreePublicLine.objects.create(budget=budget, category=ThreePublicCategory.RECEPTION, amount=Decimal("13500.00"))
    NarrativeSection.objects.create(budget=budget, position=1, heading="部门主要职能", body="统筹社区发展。")
    Finding.objects.create(
        budget=budget,
        table="支出预算总表",
        row="212 城乡社区支出·基本支出",
        stated=Decimal("16353248.00"),
        computed=Decimal("16353248.34"),
        location="第19页",
    )
    store_figures(Budget.objects.filter(pk=budget.pk, status=Status.PUBLISHED))  # as publishing would
    return budget
