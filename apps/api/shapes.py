"""The JSON the API answers with, described for the OpenAPI schema.

The views build their answers with plain functions (apps/api/views.py); these
serializers only document them, and apps/api/tests/test_schema.py checks every
real answer against the schema they make, so the two cannot drift apart."""

from functools import cache

from rest_framework import serializers

from apps.budgets.models import Phase
from apps.budgets.official import SLUGS


def money(
    help_text: str = "金额（元，或 ?unit=wan 时万元），两位小数的字符串；来源未给出时为 null",
) -> serializers.Field:
    return serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True, help_text=help_text)


class Error(serializers.Serializer):
    error = serializers.CharField(help_text="出错原因")


class Unit(serializers.Serializer):
    code = serializers.CharField(help_text="单位编码")
    name = serializers.CharField()
    kind = serializers.CharField(help_text="单位类型")


class Government(serializers.Serializer):
    name = serializers.CharField(help_text="行政区划，如 绍兴市本级、上海市普陀区")
    code = serializers.CharField(help_text="行政区划代码（文件未列的为空）")
    level = serializers.CharField(help_text="级次：市级、区级……")
    key = serializers.CharField(help_text="?government= 取此值")


class Department(serializers.Serializer):
    code = serializers.CharField(help_text="部门编码（文本，如 205；在一个行政区划内唯一）")
    key = serializers.CharField(help_text="部门在网址中的写法：本站主体行政区划的部门为编码，其他为 行政区划代码-编码")
    government = Government()
    name = serializers.CharField()
    short_name = serializers.CharField()
    units = Unit(many=True)
    budgets = serializers.CharField(help_text="此部门已公开预算的列表地址")


class BudgetSummary(serializers.Serializer):
    department = serializers.CharField(help_text="部门编码")
    department_key = serializers.CharField(help_text="部门在网址中的写法（见 Department.key）")
    department_name = serializers.CharField()
    government = Government()
    year = serializers.IntegerField()
    phase = serializers.ChoiceField(choices=Phase.choices, help_text="budget 预算 / final 决算 / adjusted 调整预算")
    published_at = serializers.CharField(allow_null=True, help_text="公开时间（ISO 8601）")
    total = money("支出总计（元）")
    basic = money("基本支出（元）")
    project = money("项目支出（元）")
    url = serializers.CharField(help_text="本预算在 API 中的地址")
    page = serializers.CharField(help_text="本预算的网页地址")


class BudgetDetail(BudgetSummary):
    units = Unit(many=True)
    explanation = serializers.ListField(child=serializers.CharField(), help_text="由数据生成的说明，每段一项")
    tables = serializers.DictField(child=serializers.CharField(), help_text="九张公开表：表名 → API 地址")
    projects = serializers.CharField(help_text="项目列表的地址")


class TableColumn(serializers.Serializer):
    key = serializers.CharField(help_text="cells 中的键")
    label = serializers.CharField()
    group = serializers.CharField(help_text="合并表头，如 基本支出；无则为空")
    kind = serializers.ChoiceField(choices=["money", "number", "text"])


class TableRow(serializers.Serializer):
    code = serializers.CharField(help_text="科目编码（文本）；非科目行为空")
    level = serializers.IntegerField(help_text="0 合计，1 类，2 款，3 项（或部门、单位、项目的层级）")
    is_total = serializers.BooleanField()
    cells = serializers.DictField(
        child=serializers.CharField(allow_null=True), help_text="列 → 值；金额为两位小数的字符串，空白为 null"
    )


class Table(serializers.Serializer):
    department = serializers.CharField()
    year = serializers.IntegerField()
    phase = serializers.ChoiceField(choices=Phase.choices)
    slug = serializers.ChoiceField(choices=list(SLUGS))
    title = serializers.CharField()
    unit = serializers.ChoiceField(choices=["元", "万元"])
    columns = TableColumn(many=True)
    rows = TableRow(many=True)
    empty_note = serializers.CharField(help_text="无数据时公开文件的说明")


class Fundings(serializers.Serializer):
    general = money()
    gov_fund = money()
    carryover_general = money()
    carryover_gov_fund = money()
    special_account = money()
    unit = money()


class Indicator(serializers.Serializer):
    level1 = serializers.CharField(help_text="一级指标")
    level2 = serializers.CharField(help_text="二级指标")
    name = serializers.CharField(help_text="三级指标")
    operator = serializers.CharField(help_text="计算符号")
    value = serializers.CharField(help_text="指标值")
    unit = serializers.CharField(help_text="计量单位")
    weight = serializers.CharField(help_text="指标权重（数字的字符串）")


class Project(serializers.Serializer):
    id = serializers.IntegerField()
    unit = serializers.CharField(allow_null=True, help_text="单位编码；文件未列项目单位的为 null")
    kind = serializers.CharField(help_text="项目类型")
    name = serializers.CharField()
    function_code = serializers.CharField(allow_null=True, help_text="功能分类科目编码；文件未列的为 null")
    goal = serializers.CharField(help_text="总体绩效目标")
    total = money()
    fundings = Fundings()
    indicators = Indicator(many=True)


class Code(serializers.Serializer):
    code = serializers.CharField(help_text="科目编码（文本，3、5 或 7 位）")
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=["类", "款", "项"])
    parent = serializers.CharField(allow_null=True, help_text="上级科目编码")


@cache
def page_of(item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """A page of a list, 50 items at most, with links to the pages before and after."""
    return type(
        f"{item.__name__}Page",
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(help_text="全部条数"),
            "next": serializers.CharField(allow_null=True, help_text="下一页的地址"),
            "previous": serializers.CharField(allow_null=True, help_text="上一页的地址"),
            "results": item(many=True),
        },
    )
