"""The workbooks kept under fixtures/workbooks/ for demos and tests stay true:
the seed's equals a fresh export, the broken one fails in the ways it claims."""

from pathlib import Path

from django.conf import settings

from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import

from .conftest import all_values, empty_budget_data, workbook_bytes
from .test_bad_input import problems_of

WORKBOOKS = Path(settings.BASE_DIR, "fixtures", "workbooks")


def break_workbook(book) -> None:
    """How budget_205_2021_broken.xlsx was made from the seed's workbook (one problem of each common kind)."""
    book["明细-支出"]["F15"] = "298.805"  # 购房补贴: three decimals
    book["明细-支出"]["B3"] = "2011501"  # a code of an older list: 20115 工商行政管理事务 ended in 2018
    book["明细-基本支出"]["C20"] = "招待费"  # a name that does not match 30217
    book["明细-三公经费"]["C3"] = -2000  # negative
    book["明细-收入"].append(["", "一般公共预算拨款收入", 1])  # a duplicate row
    book["明细-绩效指标"]["J2"] = 15  # 信访宣传经费's weights no longer sum to 100
    book["支出预算总表"]["C7"] = 25258772.18  # a stated total that is not the sum of its parts


def test_the_kept_broken_workbook_is_the_seed_workbook_broken():
    from .test_bad_input import edited

    kept = (WORKBOOKS / "budget_205_2021_broken.xlsx").read_bytes()
    assert all_values(kept) == all_values(edited((WORKBOOKS / "budget_205_2021.xlsx").read_bytes(), break_workbook))


def test_the_kept_seed_workbook_is_a_current_export(seed_budget):
    kept = (WORKBOOKS / "budget_205_2021.xlsx").read_bytes()
    # Regenerate with: python manage.py export_budget 205 2021 fixtures/workbooks/budget_205_2021.xlsx,
    # then the broken copy by opening it with openpyxl, applying break_workbook() and saving.
    assert all_values(kept) == all_values(workbook_bytes(seed_budget))


def test_the_kept_seed_workbook_imports_into_an_empty_database(seed_budget):
    empty_budget_data()
    budget = budget_import(data=read_budget_workbook((WORKBOOKS / "budget_205_2021.xlsx").read_bytes()))
    assert str(budget) == "绍兴市信访局 2021年预算"


def test_the_broken_workbook_reports_each_of_its_problems(seed_budget):
    seed_budget.status = "draft"
    seed_budget.save()
    problems = problems_of((WORKBOOKS / "budget_205_2021_broken.xlsx").read_bytes())
    assert sorted(problems) == sorted(
        [
            "明细-收入 第3行：“一般公共预算拨款收入”与第2行重复",
            "明细-支出 第15行「金额」：“298.805”超过两位小数，金额应精确到分",
            "明细-三公经费 第3行「金额」：“-2000”是负数，金额不能为负",
            "明细-支出 第3行「科目编码」：“2011501”不在2021年支出功能分类中",
            "明细-基本支出 第20行「科目名称」：“招待费”与科目编码 30217 的名称“公务接待费”不符",
            "明细-项目 第2行「项目名称」：“信访宣传经费”的绩效指标权重合计为 105，应为 100",
        ]
    )


def test_official_sheets_are_checked_once_the_details_read_cleanly(seed_budget):
    """The stated totals are compared with what the 明细 add up to, so the broken
    workbook's wrong 合计 shows once its 明细 problems are mended."""
    from .test_bad_input import edited

    seed_budget.status = "draft"
    seed_budget.save()

    def mend(book):
        book["明细-支出"]["F15"], book["明细-支出"]["B3"] = "205116.00", "2010301"
        book["明细-基本支出"]["C20"], book["明细-三公经费"]["C3"] = "公务接待费", 2000
        book["明细-收入"].delete_rows(3)
        book["明细-绩效指标"]["J2"] = 10

    mended = edited((WORKBOOKS / "budget_205_2021_broken.xlsx").read_bytes(), mend)
    assert problems_of(mended) == ["支出预算总表 第7行「总计」：“25258772.18”与明细不符：按明细计算应为 25,258,772.17"]
