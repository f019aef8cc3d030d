"""Export the seed, import it into an empty database, export again: every cell equal."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError
from django.db import models

from apps.budgets.checks import run_checks
from apps.budgets.models import Budget, FunctionLine
from apps.budgets.stored import store_figures
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import, import_preview

from .conftest import all_values, empty_budget_data, workbook_bytes


def test_seed_round_trip_is_lossless(seed_workbook):
    empty_budget_data()
    budget = budget_import(data=read_budget_workbook(seed_workbook))

    assert budget.status == "draft"
    assert all_values(workbook_bytes(Budget.objects.get(pk=budget.pk))) == all_values(seed_workbook)
    assert [str(r) for r in run_checks(budget) if not r.passed] == []
    assert FunctionLine.objects.get(budget=budget, code__code="2010301", nature="public").unit.code == "205001"


def test_preview_reports_everything_new_and_writes_nothing(seed_workbook):
    empty_budget_data()
    preview = import_preview(data=read_budget_workbook(seed_workbook))
    assert preview.is_new and not Budget.objects.exists()
    assert "支出 205001 2010301 行政运行 基本支出·人员支出 一般公共预算" in preview.added
    assert preview.added["收入 部门 一般公共预算拨款收入"] == "25,258,772.17"
    assert preview.failing_checks == []


def test_preview_of_a_changed_draft_lists_the_change(seed_budget, seed_workbook):
    Budget.objects.filter(pk=seed_budget.pk).update(status="draft")
    FunctionLine.objects.filter(budget=seed_budget, code__code="2210202").update(amount=Decimal("300.00"))
    preview = import_preview(data=read_budget_workbook(seed_workbook))
    assert not preview.is_new
    assert preview.changed == {"支出 部门 2210202 提租补贴 基本支出·人员支出 一般公共预算": ("300.00", "298.80")}
    assert preview.added == {} and preview.removed == {}
    assert FunctionLine.objects.get(budget=seed_budget, code__code="2210202").amount == Decimal("300.00")


def test_a_generated_budget_with_several_units_and_many_projects_round_trips(db):
    """Export, delete, import, export again: every cell the same."""
    from django.core.management import call_command

    call_command("generate_city", departments=8, years=1, verbosity=0)
    budget = (
        Budget.objects.exclude(department__code="205")
        .annotate(n=models.Count("projects", distinct=True))
        .filter(n__gte=10)
        .order_by("-n")
        .first()
    )
    assert budget.units.count() >= 2
    exported = workbook_bytes(budget)
    department = budget.department
    budget.delete()
    department.units.all().delete()
    department.delete()

    imported = budget_import(data=read_budget_workbook(exported))
    assert all_values(workbook_bytes(Budget.objects.get(pk=imported.pk))) == all_values(exported)
    assert [str(r) for r in run_checks(imported) if not r.passed] == []


def test_classification_codes_load_from_a_workbook(db, tmp_path):
    import openpyxl
    from django.core.management import call_command

    from apps.reference.models import ClassificationCode

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "科目"
    sheet.append(["分类", "年度", "科目编码", "科目名称"])
    for row in [
        ("支出功能分类", 2022, "201", "一般公共服务支出"),
        ("支出功能分类", 2022, "20103", "政府办公厅（室）及相关机构事务"),
        ("支出功能分类", 2022, "2010308", "信访事务"),
    ]:
        sheet.append(row)
    book.save(tmp_path / "codes.xlsx")
    call_command("import_codes", str(tmp_path / "codes.xlsx"))
    assert ClassificationCode.objects.get(scheme="function", year=2022, code="2010308").parent.code == "20103"

    sheet.append(["支出功能分类", 2022, "2019801", "没有上级的项"])  # no 20198 in any list
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(CommandError):
        call_command("import_codes", str(tmp_path / "bad.xlsx"))
    assert not ClassificationCode.objects.filter(code="2019801").exists()


def test_a_workbook_corrects_the_name_of_a_loaded_code(db, tmp_path):
    import openpyxl
    from django.core.management import call_command

    from apps.reference.models import ClassificationCode

    loaded = ClassificationCode.objects.get(scheme="function", year=2024, code="2013802")
    book = openpyxl.Workbook()
    book.active.title = "科目"
    book.active.append(["分类", "年度", "科目编码", "科目名称"])
    book.active.append(["支出功能分类", 2024, "2013802", "一般行政管理事务（更正）"])
    book.save(tmp_path / "codes.xlsx")
    call_command("import_codes", str(tmp_path / "codes.xlsx"))
    corrected = ClassificationCode.objects.get(pk=loaded.pk)
    assert (corrected.name, corrected.parent.code) == ("一般行政管理事务（更正）", "20138")
    assert ClassificationCode.objects.get(scheme="function", year=2023, code="2013802").name == "一般行政管理事务"


def test_a_workbook_saved_again_by_a_spreadsheet_program_keeps_every_cent(seed_budget):
    """Saved again (here by openpyxl; Excel does the same), 9157602.29 is written as the double's
    full digits, 9157602.289999999; it must come back as 9157602.29."""
    from .test_bad_input import edited

    FunctionLine.objects.filter(budget=seed_budget, code__code="2010308").update(amount=Decimal("9157602.29"))
    store_figures(Budget.objects.filter(pk=seed_budget.pk))  # as publishing it again would
    exported = workbook_bytes(Budget.objects.get(pk=seed_budget.pk))
    resaved = edited(exported, lambda book: None)
    archive = zipfile.ZipFile(io.BytesIO(resaved))
    assert any(
        b"<v>9157602.289999999</v>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")
    )
    empty_budget_data()
    budget = budget_import(data=read_budget_workbook(resaved))
    assert FunctionLine.objects.get(budget=budget, code__code="2010308").amount == Decimal("9157602.29")
    assert all_values(workbook_bytes(Budget.objects.get(pk=budget.pk))) == all_values(exported)
