"""The identities a disclosure must satisfy, proved on the stored line items.

Each check compares two figures computed by the database from different
stored rows (revenue against expenditure, the function view against the
economic view, projects against the expenditure table), so a figure typed
wrong on one side shows up as a difference."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from apps.budgets.measures import sums
from apps.budgets.models import (
    Budget,
    EconomicLine,
    FunctionLine,
    Nature,
    RevenueLine,
    RevenueSource,
    TableSet,
    ThreePublicCategory,
    ThreePublicLine,
)
from apps.budgets.parts import UNIT_ROWS
from apps.projects.models import Project, ProjectFunding
from apps.reference.models import Scheme

ZERO = Decimal("0")
FISCAL_REVENUE = [
    RevenueSource.GENERAL,
    RevenueSource.GOV_FUND,
    RevenueSource.STATE_CAPITAL,
    RevenueSource.CARRYOVER_GENERAL,
    RevenueSource.CARRYOVER_GOV_FUND,
    RevenueSource.CARRYOVER_STATE_CAPITAL,
]
# The basic-expenditure economic code each 三公 category must cover at least.
THREE_PUBLIC_ECONOMIC_CODES = {
    ThreePublicCategory.OVERSEAS: "30212",
    ThreePublicCategory.VEHICLE_PURCHASE: "31013",
    ThreePublicCategory.VEHICLE_RUNNING: "30231",
    ThreePublicCategory.RECEPTION: "30217",
}


@dataclass(frozen=True)
class CheckResult:
    name: str
    left_label: str
    left: Decimal
    right_label: str
    right: Decimal
    relation: str = "="  # "=" or "≥"
    is_count: bool = False  # a number of rows rather than an amount in 元

    @property
    def difference(self) -> Decimal:
        return self.left - self.right

    @property
    def passed(self) -> bool:
        return self.difference == 0 if self.relation == "=" else self.difference >= 0

    def __str__(self) -> str:
        mark = "通过" if self.passed else "不符"
        number = "{:,.0f}" if self.is_count else "{:,.2f}"
        left, right, difference = (number.format(v) for v in (self.left, self.right, self.difference))
        return f"[{mark}] {self.name}：{self.left_label} {left} {self.relation} {self.right_label} {right}，差额 {difference}"


def check_leaf_codes(budget: Budget) -> list[CheckResult]:
    """Every line sits on a code of the budget year's tree of the right scheme,
    and never on a code another line of the same budget sits below: a figure is
    held once, at the level the document gives it."""
    coded = [
        ("支出", FunctionLine.objects.filter(budget=budget), "code", Scheme.FUNCTION),
        ("基本支出", EconomicLine.objects.filter(budget=budget), "code", Scheme.ECONOMIC),
        ("项目", Project.objects.filter(budget=budget, function_code__isnull=False), "function_code", Scheme.FUNCTION),
    ]
    results = []
    for label, queryset, field, scheme in coded:
        items = list(queryset.select_related(field))
        used = {getattr(item, field).code for item in items}
        for item in items:
            code = getattr(item, field)
            wrong_year = code.year != budget.year or code.scheme != scheme
            above = sorted(other for other in used if other != code.code and other.startswith(code.code))
            if not (wrong_year or above):
                continue
            why = f"属于{code.year}年的科目表" if wrong_year else f"其下级科目 {'、'.join(above[:3])} 也列有明细"
            results.append(
                CheckResult(
                    f"{label}“{item}”只能列在{budget.year}年{Scheme(scheme).label}的末级科目",
                    f"所在科目 {code.code}{why}",
                    Decimal(1),
                    "应为",
                    ZERO,
                    is_count=True,
                )
            )
    return results or [CheckResult("明细只列在当年末级科目", "不在末级科目的明细", ZERO, "应为", ZERO, is_count=True)]


def line_totals(model, budget: Budget) -> dict[str, Decimal]:
    """Every measure of the budget's lines of one kind, summed as stored now (0 where none count)."""
    return {key: amount or ZERO for key, amount in model.objects.filter(budget=budget).aggregate(**sums()).items()}


def check_totals(budget: Budget) -> list[CheckResult]:
    revenue = RevenueLine.objects.filter(budget=budget)
    spending, economic = line_totals(FunctionLine, budget), line_totals(EconomicLine, budget)
    return [
        CheckResult(
            "收支预算总表：收入总计 = 支出合计",
            "收入总计",
            revenue.total(),
            "支出合计（含结转下年）",
            spending["total"] + budget.carry_forward,
        ),
        CheckResult(
            "财政拨款收支预算总表：收入总计 = 支出总计",
            "财政拨款收入",
            revenue.filter(source__in=FISCAL_REVENUE).total(),
            "财政拨款支出（含年终结转结余）",
            spending["fiscal_total"] + budget.carry_forward,
        ),
        CheckResult(
            "一般公共预算拨款收入 = 一般公共预算支出表合计",
            "一般公共预算拨款收入",
            revenue.filter(source=RevenueSource.GENERAL).total(),
            "一般公共预算支出",
            spending["general_total"],
        ),
        CheckResult(
            "基本支出 = 人员经费 + 公用经费",
            "一般公共预算基本支出表合计（人员经费 + 公用经费）",
            economic["general_total"],
            "一般公共预算支出表基本支出",
            spending["general_basic"],
        ),
    ] + split_checks(spending, economic)


def split_checks(spending: dict[str, Decimal], economic: dict[str, Decimal]) -> list[CheckResult]:
    """人员/公用 by function code against by economic code, where the document gives
    both; a budget holding 基本支出 unsplit by function code has only the whole to compare."""
    if spending["general_unsplit"]:
        return []
    return [
        CheckResult(
            "人员经费：按功能分类 = 按经济分类",
            "一般公共预算支出表人员经费",
            spending["general_personnel"],
            "基本支出表人员经费",
            economic["general_personnel"],
        ),
        CheckResult(
            "公用经费：按功能分类 = 按经济分类",
            "一般公共预算支出表公用经费",
            spending["general_public"],
            "基本支出表公用经费",
            economic["general_public"],
        ),
    ]


def check_projects(budget: Budget) -> list[CheckResult]:
    """项目支出表 against the project column of 支出预算总表, in total and per function code
    (only for documents that publish a 项目支出表: others describe some projects, not all)."""
    if budget.table_set != TableSet.ZHEJIANG:
        return []
    fundings = ProjectFunding.objects.filter(project__budget=budget)
    project_lines = FunctionLine.objects.filter(budget=budget, nature=Nature.PROJECT)
    by_projects = fundings.totals_by("project__function_code__code")
    by_lines = project_lines.totals_by("code__code")
    results = [
        CheckResult(
            "项目支出表合计 = 支出预算总表项目支出",
            "项目支出表合计",
            fundings.total(),
            "支出预算总表项目支出",
            project_lines.total(),
        )
    ]
    for code in sorted(by_projects.keys() | by_lines.keys()):
        results.append(
            CheckResult(
                f"项目支出（科目 {code}）：项目合计 = 支出预算总表",
                "列入该科目的项目合计",
                by_projects.get(code, ZERO),
                "支出预算总表该科目项目支出",
                by_lines.get(code, ZERO),
            )
        )
    return results


def check_indicator_weights(budget: Budget) -> list[CheckResult]:
    weights = (
        Project.objects.filter(budget=budget, indicators__isnull=False)
        .distinct()
        .select_related("unit")
        .annotate(weight=Sum("indicators__weight"))
        .order_by("unit__code", "position")
    )
    return [
        CheckResult(
            f"绩效指标权重之和 = 100（{project}）", "指标权重合计", project.weight or ZERO, "应为", Decimal(100)
        )
        for project in weights
    ]


def check_three_public(budget: Budget) -> list[CheckResult]:
    """A 三公 category covers at least its basic-expenditure economic line
    (the rest comes from projects, e.g. the 公务接待费 project)."""
    three_public = ThreePublicLine.objects.filter(budget=budget).totals_by("category")
    economic = EconomicLine.objects.filter(
        budget=budget, code__code__in=THREE_PUBLIC_ECONOMIC_CODES.values()
    ).totals_by("code__code")
    return [
        CheckResult(
            f"“三公”经费表{category.label} ≥ 基本支出 {code}",
            f"“三公”{category.label}",
            three_public.get(category, ZERO),
            f"基本支出 {code}",
            economic.get(code, ZERO),
            relation="≥",
        )
        for category, code in THREE_PUBLIC_ECONOMIC_CODES.items()
    ]


def check_units(budget: Budget) -> list[CheckResult]:
    """Every unit of the budget, and every unit a line or a project names, is one of the
    department's own, and each line's unit is listed among the budget's units."""
    listed = set(budget.units.values_list("pk", flat=True))
    foreign = budget.units.exclude(department_id=budget.department_id)
    results = [
        CheckResult(f"预算单位“{unit}”须属于本部门", "不属于本部门的单位", Decimal(1), "应为", ZERO, is_count=True)
        for unit in foreign
    ]
    for model in UNIT_ROWS:
        stray = model.objects.filter(budget=budget, unit__isnull=False).exclude(unit_id__in=listed)
        for unit in {row.unit for row in stray.select_related("unit")}:
            results.append(
                CheckResult(
                    f"{model._meta.verbose_name}的单位“{unit}”须是本预算列出的单位",
                    "未列出的单位",
                    Decimal(1),
                    "应为",
                    ZERO,
                    is_count=True,
                )
            )
    return results or [CheckResult("各行的单位都是本部门列出的单位", "不符的单位", ZERO, "应为", ZERO, is_count=True)]


def run_checks(budget: Budget) -> list[CheckResult]:
    return [
        *check_units(budget),
        *check_leaf_codes(budget),
        *check_totals(budget),
        *check_projects(budget),
        *check_indicator_weights(budget),
        *check_three_public(budget),
    ]
