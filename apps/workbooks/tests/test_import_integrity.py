"""An import writes exactly what changed, with history, only into its own
department's draft: reference data stays as it is, values that do not fit are
refused before anything is written, and a re-import of the same file is a no-op."""

from decimal import Decimal

import pytest
from simple_history.utils import get_history_model_for_model

from apps.budgets.models import Budget, BudgetNarrative, FunctionLine
from apps.budgets.parts import BUDGET_ROWS, DOCUMENT_ROWS, PROJECT_ROWS
from apps.reference.models import Department, Unit
from apps.reference.tests.helpers import home_government
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import, import_preview

from .test_bad_input import edited, problems_of, set_cell


def rename_project(name: str, new: str):
    """The project renamed on every sheet that names it (its indicators follow it)."""

    def edit(book):
        for sheet in (book["明细-项目"], book["明细-绩效指标"]):
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    if cell.value == name:
                        cell.value = new

    return edit


ROWS = [*BUDGET_ROWS, *DOCUMENT_ROWS, *PROJECT_ROWS, Budget, BudgetNarrative]


def ids_and_history(budget: Budget) -> dict:
    return {
        model.__name__: (
            sorted(model.objects.filter(**lookup(model, budget)).values_list("pk", flat=True)),
            get_history_model_for_model(model).objects.count(),
        )
        for model in ROWS
    }


def lookup(model, budget: Budget) -> dict:
    if model is Budget:
        return {"pk": budget.pk}
    return {"project__budget": budget} if model in PROJECT_ROWS else {"budget": budget}


def info_value(label: str, value):
    def edit(book):
        sheet = book["基本信息"]
        for row in sheet.iter_rows():
            if row[0].value == label:
                row[1].value = value
                return
        raise LookupError(label)

    return edit


def test_a_reimport_of_the_same_workbook_changes_nothing(draft_workbook, seed_budget):
    budget_import(data=read_budget_workbook(draft_workbook))  # the first import writes its history
    before = ids_and_history(seed_budget)
    preview = import_preview(data=read_budget_workbook(draft_workbook))
    assert (preview.added, preview.changed, preview.removed) == ({}, {}, {})
    budget_import(data=read_budget_workbook(draft_workbook))
    assert ids_and_history(seed_budget) == before  # same ids, not one history row more


def details_only(book):
    """基本信息 and the 明细 alone: the official sheets would have to change with any edit."""
    for name in list(book.sheetnames):
        if name != "基本信息" and not name.startswith("明细-"):
            del book[name]


def test_a_changed_amount_updates_one_row_with_its_history(draft_workbook, seed_budget):
    draft_workbook = edited(draft_workbook, details_only)
    line = FunctionLine.objects.filter(budget=seed_budget).order_by("pk").first()
    ids = set(FunctionLine.objects.filter(budget=seed_budget).values_list("pk", flat=True))
    edit = set_cell("明细-支出", (line.code.code, line.get_nature_display()), "金额", str(line.amount + 1))
    budget_import(data=read_budget_workbook(edited(draft_workbook, edit)))
    assert set(FunctionLine.objects.filter(budget=seed_budget).values_list("pk", flat=True)) == ids
    assert FunctionLine.objects.get(pk=line.pk).amount == line.amount + 1
    latest = FunctionLine.history.filter(id=line.pk).latest("history_date")
    assert latest.history_type == "~" and latest.amount == line.amount + 1


def test_an_import_does_not_rename_the_department(draft_workbook, seed_budget):
    department = seed_budget.department
    before = (department.short_name, department.alias, department.alias_short)
    content = edited(edited(draft_workbook, info_value("简称", "<b>改名</b>")), info_value("另一名称", "别的名称"))
    preview = import_preview(data=read_budget_workbook(content))
    assert any("“简称”为“<b>改名</b>”" in note and "导入不修改部门信息" in note for note in preview.notes)
    budget_import(data=read_budget_workbook(content))
    department.refresh_from_db()
    assert (department.short_name, department.alias, department.alias_short) == before


def test_another_departments_unit_is_refused_without_its_name(draft_workbook, seed_budget):
    other = Department.objects.create(government=home_government(), code="999", name="未公开的部门")
    Unit.objects.create(department=other, code="999001", name="秘密单位", kind="administrative")
    first_unit = seed_budget.units.order_by("code").first()

    def edit(book):
        for row in book["基本信息"].iter_rows():
            if row[1].value == first_unit.code:
                row[1].value, row[2].value = "999001", "随便写的名字"

    problems = problems_of(edited(draft_workbook, edit))
    assert "基本信息「预算单位」：“999001”已是其他部门的预算单位，不能列入本部门" in problems
    assert not any("秘密单位" in p or "未公开的部门" in p for p in problems)


OVERSIZED = {
    "an amount above the bound": (
        set_cell("明细-收入", ("一般公共预算拨款收入",), "金额", "10000000000.00"),
        "明细-收入 第2行「金额」：“10000000000.00”超过金额上限 9,999,999,999.99 元",
    ),
    "an amount of 1e20": (
        set_cell("明细-收入", ("一般公共预算拨款收入",), "金额", "1e20"),
        "明细-收入 第2行「金额」：“1e20”超过金额上限",
    ),
    "an exponent too large for a decimal": (
        set_cell("明细-收入", ("一般公共预算拨款收入",), "金额", "1e999999"),
        "明细-收入 第2行「金额」：“1e999999”超过金额上限",
    ),
    "a project name longer than its field": (
        rename_project("信访宣传经费", "长" * 201),
        "明细-项目 第",
    ),
    "a position out of range": (
        set_cell("明细-绩效指标", ("信访宣传经费",), "序号", 40000),
        "明细-绩效指标 第",
    ),
    "a vehicle count out of range": (
        info_value("购置轿车（辆）", 70000),
        "基本信息「购置轿车（辆）」：“70000”应在 0 到 32767 之间",
    ),
    "a short name longer than its field": (
        info_value("简称", "简" * 60),
        "基本信息「简称」：“简简简简简简简简简简简简简简简简简简简简…”有 60 个字，超过 50 个字的上限",
    ),
}


@pytest.mark.parametrize("case", OVERSIZED)
def test_a_value_that_does_not_fit_is_named_and_nothing_is_written(draft_workbook, case):
    edit, expected = OVERSIZED[case]
    problems = problems_of(edited(draft_workbook, edit))
    assert any(p.startswith(expected) for p in problems), problems


def test_nine_official_tables_or_none(draft_workbook, seed_budget):
    def without_one(book):
        del book["项目支出表"]

    problems = problems_of(edited(draft_workbook, without_one))
    assert problems == [
        "项目支出表：缺少这张公开表：工作簿含公开表时九张须齐全（只含基本信息和明细表的工作簿也可导入）"
    ]

    budget = budget_import(data=read_budget_workbook(edited(draft_workbook, details_only)))
    assert budget.pk == seed_budget.pk and FunctionLine.objects.filter(budget=budget).total() > Decimal(0)
