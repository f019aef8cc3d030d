"""The budget workbook's layout, shared by the writer and the reader.

A budget workbook holds a first sheet 基本信息 (department, year, phase, units,
the stored narrative and, for reading only, the generated 说明), the nine
official tables laid out as in the disclosure, and the 明细 sheets: one tidy
row per stored line item. The 明细 sheets are the data an import reads; the
official sheets, when present, must agree with what the 明细 add up to."""

from dataclasses import dataclass

from django.db import models

from apps.budgets.models import (
    PROJECT_SOURCES,
    SPLIT_BASIC_NATURES,
    BudgetNarrative,
    Nature,
    Phase,
    RevenueSource,
    Source,
    TableSet,
    ThreePublicCategory,
)
from apps.projects.models import Indicator
from apps.reference.models import Government, Unit

INFO_SHEET = "基本信息"
GENERATED_MARK = "说明（由数据生成，导入时忽略）"
UNIT_LABEL = "预算单位"

DEPARTMENT_FIELDS = {
    "部门编码": "code",
    "部门名称": "name",
    "简称": "short_name",
    "另一名称": "alias",
    "另一名称简称": "alias_short",
}
GOVERNMENT_FIELDS = {"行政区划": "name", "行政区划代码": "code", "级次": "level"}
BUDGET_FIELDS = {
    "年度": "year",
    "阶段": "phase",
    "结转下年": "carry_forward",
    "公开表格式": "table_set",
    "机关运行经费（文件所列）": "running_cost",
}
NARRATIVE_FIELDS = {
    f.verbose_name: f.name
    for f in BudgetNarrative._meta.get_fields()
    if isinstance(f, models.Field) and f.name != "budget"
}
PHASES = {p.label: p.value for p in Phase}
TABLE_SETS = {t.label: t.value for t in TableSet}
GOVERNMENT_LEVELS = {level.label: level.value for level in Government.Level}
UNIT_KINDS = {k.label: k.value for k in Unit.Kind}


@dataclass(frozen=True)
class Field:
    header: str
    kind: str = "text"  # text, code, money, int, weight, choice
    choices: dict[str, str] | None = None  # label → stored value
    required: bool = True
    width: int = 14


def labels(choices: type[models.TextChoices], only=None) -> dict[str, str]:
    return {c.label: c.value for c in choices if only is None or c in only}


@dataclass(frozen=True)
class DetailSheet:
    name: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # headers that identify a row: two rows may not share them

    @property
    def headers(self) -> list[str]:
        return [f.header for f in self.fields]


UNIT = Field("单位编码", required=False, width=12)
CODE, CODE_NAME = Field("科目编码", "code", width=12), Field("科目名称", width=30)
AMOUNT = Field("金额", "money", width=18)
PROJECT_AMOUNTS = {
    source: Field(Source(source).label, "money", required=False, width=15)
    for source in (*PROJECT_SOURCES, Source.UNSPECIFIED)
}
OPTIONAL_UNIT = Field("单位编码", required=False, width=12)  # blank: the department as a whole

REVENUE = DetailSheet(
    "明细-收入",
    (UNIT, Field("收入来源", "choice", labels(RevenueSource), width=30), AMOUNT),
    key=("单位编码", "收入来源"),
)
FUNCTION = DetailSheet(
    "明细-支出",
    (
        UNIT,
        CODE,
        CODE_NAME,
        Field("支出性质", "choice", labels(Nature), width=20),
        Field("资金来源", "choice", labels(Source), width=26),
        AMOUNT,
    ),
    key=("单位编码", "科目编码", "支出性质", "资金来源"),
)
ECONOMIC = DetailSheet(
    "明细-基本支出",
    (
        UNIT,
        CODE,
        CODE_NAME,
        Field("经费类型", "choice", labels(Nature, SPLIT_BASIC_NATURES), width=20),
        Field("资金来源", "choice", labels(Source), width=26),
        AMOUNT,
    ),
    key=("单位编码", "科目编码", "经费类型", "资金来源"),
)
THREE_PUBLIC = DetailSheet(
    "明细-三公经费",
    (OPTIONAL_UNIT, Field("类别", "choice", labels(ThreePublicCategory), width=22), AMOUNT),
    key=("单位编码", "类别"),
)
PROJECTS = DetailSheet(
    "明细-项目",
    (
        OPTIONAL_UNIT,
        Field("序号", "int", width=6),
        Field("类型", required=False, width=24),
        Field("项目名称", width=30),
        Field("科目编码", "code", required=False, width=12),
        Field("总体绩效目标", required=False, width=44),
        *PROJECT_AMOUNTS.values(),
    ),
    key=("单位编码", "项目名称"),
)
INDICATORS = DetailSheet(
    "明细-绩效指标",
    (
        OPTIONAL_UNIT,
        Field("项目名称", width=30),
        Field("序号", "int", width=6),
        Field("一级指标"),
        Field("二级指标", width=20),
        Field("三级指标", width=30),
        Field("计算符号", "choice", labels(Indicator.Operator), width=8),
        Field("指标值", width=16),
        Field("计量单位", required=False, width=10),
        Field("指标权重", "weight", width=10),
    ),
    key=("单位编码", "项目名称", "三级指标"),
)
PURPOSES = DetailSheet("明细-科目用途", (CODE, CODE_NAME, Field("主要用途", width=60)), key=("科目编码",))
SECTIONS = DetailSheet(
    "明细-说明章节",
    (
        Field("序号", "int", width=6),
        Field("标题", width=30),
        Field("项目名称", required=False, width=30),
        Field("正文", required=False, width=80),
    ),
    key=("序号",),
)
FINDINGS = DetailSheet(
    "明细-原文不一致",
    (
        Field("表", width=30),
        Field("行", width=30),
        Field("原文", "money", width=18),
        Field("明细合计", "money", width=18),
        Field("位置", required=False, width=12),
    ),
    key=("表", "行"),
)
DETAIL_SHEETS = (REVENUE, FUNCTION, ECONOMIC, THREE_PUBLIC, PROJECTS, INDICATORS, PURPOSES, SECTIONS, FINDINGS)
# Sheets an import requires; the document's sections and findings came later and
# a workbook without them simply has none.
REQUIRED = (REVENUE, FUNCTION, ECONOMIC, THREE_PUBLIC, PROJECTS, INDICATORS, PURPOSES)
