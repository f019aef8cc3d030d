"""What a year's data package holds: the stored line items of every published
budget, one tidy row each, and the nine official tables computed from them.

Each resource is a Table Schema (field names in English for tools, titles in
Chinese for people) and a function yielding its rows as text: codes stay text
(so 2010301 keeps its digits), amounts are 元 with two decimals, and a figure a
source does not give is blank, never 0."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from apps.budgets.models import (
    Budget,
    EconomicLine,
    FunctionLine,
    Nature,
    Phase,
    RevenueLine,
    RevenueSource,
    Source,
    TableSet,
    ThreePublicCategory,
    ThreePublicLine,
)
from apps.budgets.published import published_budgets
from apps.projects.models import Indicator, ProjectFunding
from apps.reference.models import ClassificationCode, Government

CODE_PATTERN = "[0-9]{3}([0-9]{2}){0,2}"
KEY = ["department", "phase"]  # a budget, within its year
ORDER = ("budget__department__government__name", "budget__department__code", "budget__phase")


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    fields: list[dict]
    rows: Callable[[int, Government | None], Iterator[list[str]]]
    keyed: bool = True  # its rows belong to a budget: a foreign key to `budgets`

    def schema(self) -> dict:
        schema = {"fields": self.fields, "missingValues": [""]}
        if self.keyed:
            schema["foreignKeys"] = [{"fields": KEY, "reference": {"resource": "budgets", "fields": KEY}}]
        else:
            schema["primaryKey"] = KEY
        return schema


def text(name: str, title: str, required: bool = False, **constraints) -> dict:
    constraints = constraints | ({"required": True} if required else {})
    return {"name": name, "title": title, "type": "string"} | ({"constraints": constraints} if constraints else {})


def code(name: str, title: str, required: bool = True) -> dict:
    return text(name, title, required, pattern=CODE_PATTERN)


def choice(name: str, title: str, choices) -> dict:
    described = "；".join(f"{c.value}={c.label}" for c in choices)
    return text(name, title, True, enum=list(choices.values)) | {"description": described}


def money(name: str, title: str) -> dict:
    return {
        "name": name,
        "title": title,
        "type": "number",
        "unit": "元",
        "description": "金额，单位：元（人民币），精确到分；空白表示来源未给出",
    }


def amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def budgets_of(year: int, government: Government | None = None) -> QuerySet:
    """The year's published budgets, of one government or of all (None)."""
    return published_budgets(government).filter(year=year)


def lines_of(model, year: int, government: Government | None) -> QuerySet:
    found = model.objects.filter(budget__in=budgets_of(year, government))
    return found.select_related("budget__department__government", "unit")


def owner(budget: Budget) -> list[str]:
    department, government = budget.department, budget.department.government
    return [department.url_key, government.code, government.name, department.code, department.name, budget.phase]


def unit_code(line) -> str:
    """The unit's code; blank where the line (or project) is the department's as a whole."""
    return line.unit.code if line.unit_id else ""


def tree(node: ClassificationCode, levels: int) -> list[str]:
    """The code's 类, 款 and 项 codes and names from the top down, blank below a leaf higher up."""
    path: list[str] = []
    while node is not None:
        path[:0] = [node.code, node.name]
        node = node.parent
    return path + [""] * (2 * levels - len(path))


OWNER = [
    {
        **text("department", "部门", True),
        "description": "部门在本站地址中的编码：本级部门即部门编码（205），其他行政区划的部门为 行政区划代码-部门编码",
    },
    text("government_code", "行政区划代码"),
    text("government_name", "行政区划", True),
    text("department_code", "部门编码", True),
    text("department_name", "部门名称"),
    choice("phase", "阶段", Phase),
]
UNIT = text("unit_code", "单位编码")


def level_fields(prefix: str, scheme: str, levels: tuple[str, ...]) -> list[dict]:
    names = {"类": "class", "款": "section", "项": "item"}
    fields = []
    for level in levels:
        fields.append(code(f"{prefix}_{names[level]}_code", f"{scheme}{level}编码", required=level == "类"))
        fields.append(text(f"{prefix}_{names[level]}_name", f"{scheme}{level}名称"))
    return fields


def budget_rows(year: int, government: Government | None) -> Iterator[list[str]]:
    found = budgets_of(year, government).for_home_page().select_related("department__government")
    for b in found.order_by("department__government__name", "department__code", "phase").iterator(chunk_size=500):
        published = b.published_at.isoformat() if b.published_at else ""
        totals = [amount(b.total), amount(b.basic), amount(b.project)]
        yield [*owner(b), str(b.year), b.table_set, published, *totals]


def revenue_rows(year: int, government: Government | None) -> Iterator[list[str]]:
    for line in (
        lines_of(RevenueLine, year, government).order_by(*ORDER, "unit__code", "source").iterator(chunk_size=2000)
    ):
        yield [*owner(line.budget), unit_code(line), line.source, amount(line.amount)]


def code_lines(model, year: int, government: Government | None) -> Iterator:
    lines = lines_of(model, year, government).select_related("code__parent__parent")
    return lines.order_by(*ORDER, "code__code", "nature", "source", "unit__code").iterator(chunk_size=2000)


def function_rows(year: int, government: Government | None) -> Iterator[list[str]]:
    for line in code_lines(FunctionLine, year, government):
        yield [*owner(line.budget), unit_code(line), *tree(line.code, 3), line.nature, line.source, amount(line.amount)]


def economic_rows(year: int, government: Government | None) -> Iterator[list[str]]:
    for line in code_lines(EconomicLine, year, government):
        yield [*owner(line.budget), unit_code(line), *tree(line.code, 2), line.nature, line.source, amount(line.amount)]


def three_public_rows(year: int, government: Government | None) -> Iterator[list[str]]:
    for line in (
        lines_of(ThreePublicLine, year, government).order_by(*ORDER, "unit__code", "category").iterator(chunk_size=2000)
    ):
        yield [*owner(line.budget), unit_code(line), line.category, amount(line.amount)]


def funding_rows(year: int, government: Government | None) -> Iterator[list[str]]:
    fundings = ProjectFunding.objects.filter(project__budget__in=budgets_of(year, government)).select_related(
        "project__budget__department__government", "project__unit", "project__function_code"
    )
    order = (*(f"project__{key}" for key in ORDER), "project__unit__code", "project__position")
    for f in fundings.order_by(*order, "project__id", "source").iterator(chunk_size=2000):
        p = f.project
        function_code = p.function_code.code if p.function_code_id else ""
        yield [*owner(p.budget), unit_code(p), p.name, p.kind, function_code, f.source, amount(f.amount)]


def indicator_rows(year: int, government: Government | None) -> Iterator[list[str]]:
    indicators = Indicator.objects.filter(project__budget__in=budgets_of(year, government)).select_related(
        "project__budget__department__government", "project__unit"
    )
    order = (*(f"project__{key}" for key in ORDER), "project__unit__code", "project__position")
    for i in indicators.order_by(*order, "project__id", "position", "id").iterator(chunk_size=2000):
        p = i.project
        yield [
            *owner(p.budget),
            unit_code(p),
            p.name,
            p.goal,
            str(i.position),
            i.level1,
            i.level2,
            i.name,
            i.operator,
            i.value,
            i.measure_unit,
            f"{i.weight.normalize():f}",
        ]


LINE_ITEMS = [
    Resource(
        "budgets",
        "已公开的部门预算及其支出总额",
        [
            *OWNER,
            {"name": "year", "title": "年度", "type": "integer"},
            choice("table_set", "公开表格式", TableSet),
            {"name": "published_at", "title": "公开时间", "type": "datetime", "format": "any"},
            money("total", "支出合计"),
            money("basic", "基本支出"),
            money("project", "项目支出"),
        ],
        budget_rows,
        keyed=False,
    ),
    Resource(
        "revenue",
        "收入预算（按单位、收入来源）",
        [*OWNER, UNIT, choice("source", "收入来源", RevenueSource), money("amount", "金额")],
        revenue_rows,
    ),
    Resource(
        "expenditure-by-function",
        "支出预算（按单位、功能分类科目、支出性质、资金来源）",
        [
            *OWNER,
            UNIT,
            *level_fields("function", "功能分类", ("类", "款", "项")),
            choice("nature", "支出性质", Nature),
            choice("source", "资金来源", Source),
            money("amount", "金额"),
        ],
        function_rows,
    ),
    Resource(
        "basic-expenditure-by-economic",
        "基本支出（按单位、经济分类科目、经费类型、资金来源）",
        [
            *OWNER,
            UNIT,
            *level_fields("economic", "经济分类", ("类", "款")),
            choice("nature", "经费类型", Nature),
            choice("source", "资金来源", Source),
            money("amount", "金额"),
        ],
        economic_rows,
    ),
    Resource(
        "three-public",
        "“三公”经费（按单位、类别）",
        [*OWNER, UNIT, choice("category", "类别", ThreePublicCategory), money("amount", "金额")],
        three_public_rows,
    ),
    Resource(
        "project-funding",
        "项目支出（按项目、资金来源）",
        [
            *OWNER,
            UNIT,
            text("project_name", "项目名称", True),
            text("project_kind", "项目类型"),
            code("function_code", "功能分类科目编码", required=False),
            choice("source", "资金来源", Source),
            money("amount", "金额"),
        ],
        funding_rows,
    ),
    Resource(
        "performance-indicators",
        "项目绩效指标",
        [
            *OWNER,
            UNIT,
            text("project_name", "项目名称", True),
            text("project_goal", "总体绩效目标"),
            {"name": "position", "title": "序号", "type": "integer"},
            text("level1", "一级指标"),
            text("level2", "二级指标"),
            text("indicator", "三级指标"),
            text("operator", "计算符号"),
            text("value", "指标值"),
            text("measure_unit", "计量单位"),
            {"name": "weight", "title": "指标权重", "type": "number", "unit": "%"},
        ],
        indicator_rows,
    ),
]
