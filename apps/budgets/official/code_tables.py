"""The tables whose rows are a classification tree: 支出预算总表,
一般公共预算支出表, 一般公共预算基本支出表 and 政府性基金支出预算表."""

from django.db.models import Q, Sum

from apps.budgets.models import BASIC_NATURES, Budget, EconomicLine, FunctionLine, Nature, Source
from apps.reference.models import LEVEL_LENGTHS, Scheme

from .base import Column, OfficialTable, rollup, total_row, tree_rows

CODE_COLUMNS = [Column("code", "科目编码", kind="text", number="**"), Column("name", "科目名称", kind="text", number="**")]


def amount(**condition) -> Sum:
    return Sum("amount", filter=Q(**condition)) if condition else Sum("amount")


def code_table(
    budget: Budget, slug: str, name: str, lines, scheme: str, columns: list[Column], sums: dict, empty_note: str = ""
) -> OfficialTable:
    table = OfficialTable(
        slug=slug, name=name, title=f"{budget.year}年市级部门{name}", columns=columns, code_scheme=scheme
    )
    table.rows = [total_row(lines, sums)] + tree_rows(
        rollup(lines, "code__code", LEVEL_LENGTHS[scheme], sums), scheme, budget.year
    )
    if len(table.rows) == 1:
        table.empty_note = empty_note
    return table


def expenditure(budget: Budget) -> OfficialTable:
    columns = CODE_COLUMNS + [
        Column("total", "总计", number="1"),
        Column("personnel", "人员支出", group="基本支出", number="2"),
        Column("public", "公用经费", group="基本支出", number="3"),
        Column("project", "项目支出", number="4"),
        Column("subsidy", "对附属单位补助支出", number="7"),
        Column("remittance", "上缴上级支出", number="8"),
        Column("business", "事业单位经营支出", number="9"),
    ]
    sums = {"total": amount()} | {key: amount(nature=key) for key in [c.key for c in columns[3:]]}
    lines = FunctionLine.objects.filter(budget=budget)
    return code_table(budget, "expenditure", "支出预算总表", lines, Scheme.FUNCTION, columns, sums)


def general_public(budget: Budget) -> OfficialTable:
    columns = CODE_COLUMNS + [
        Column("total", "合计", number="1"),
        Column("basic", "小计", group="基本支出", number="2"),
        Column("personnel", "人员经费", group="基本支出", number="3"),
        Column("public", "公用经费", group="基本支出", number="4"),
        Column("project", "项目支出", number="5"),
    ]
    sums = {
        "total": amount(),
        "basic": amount(nature__in=BASIC_NATURES),
        "personnel": amount(nature=Nature.PERSONNEL),
        "public": amount(nature=Nature.PUBLIC),
        "project": amount(nature=Nature.PROJECT),
    }
    lines = FunctionLine.objects.filter(budget=budget, source=Source.GENERAL)
    return code_table(budget, "general-public", "一般公共预算支出表", lines, Scheme.FUNCTION, columns, sums)


def general_public_basic(budget: Budget) -> OfficialTable:
    group, basic = "经济分类科目", "一般公共预算基本支出"
    columns = [
        Column("code", "科目编码", group=group, kind="text", number="**"),
        Column("name", "科目名称", group=group, kind="text", number="**"),
        Column("total", "合计", group=basic, number="1"),
        Column("personnel", "人员经费", group=basic, number="2"),
        Column("public", "公用经费", group=basic, number="3"),
    ]
    sums = {"total": amount(), "personnel": amount(nature=Nature.PERSONNEL), "public": amount(nature=Nature.PUBLIC)}
    lines = EconomicLine.objects.filter(budget=budget, source=Source.GENERAL)
    return code_table(budget, "general-public-basic", "一般公共预算基本支出表", lines, Scheme.ECONOMIC, columns, sums)


def government_fund(budget: Budget) -> OfficialTable:
    columns = CODE_COLUMNS + [
        Column("total", "合计", number="1"),
        Column("basic", "基本支出", number="2"),
        Column("project", "项目支出", number="3"),
    ]
    sums = {"total": amount(), "basic": amount(nature__in=BASIC_NATURES), "project": amount(nature=Nature.PROJECT)}
    lines = FunctionLine.objects.filter(budget=budget, source=Source.GOV_FUND)
    note = f"{budget.department.name}没有政府性基金预算拨款安排的支出，故本表无数据。"
    return code_table(budget, "government-fund", "政府性基金支出预算表", lines, Scheme.FUNCTION, columns, sums, note)
