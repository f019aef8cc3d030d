"""Downloads a researcher would use: the whole budget, and each table as xlsx, CSV and JSON."""

import csv
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from apps.budgets.models import Budget
from apps.budgets.official import ZHEJIANG
from apps.projects.models import Project

BUDGET = "/departments/205/2021/"


def xlsx(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_budget_workbook_has_every_official_sheet_in_the_disclosure_layout(client, seed_budget):
    book = xlsx(client.get(BUDGET + "export.xlsx"))
    assert book.sheetnames[:10] == [
        "基本信息",
        "收支预算总表",
        "支出预算总表",
        "财政拨款收支预算总表",
        "一般公共预算支出表",
        "一般公共预算基本支出表",
        "一般公共预算“三公”经费表",
        "政府性基金支出预算表",
        "项目支出表",
        "项目绩效目标表",
    ]
    sheet = book["一般公共预算支出表"]
    assert sheet["A1"].value == "2021年市级部门一般公共预算支出表"
    assert sheet["A2"].value == "部门名称：【205001】绍兴市信访局本级，【205002】绍兴市政务热线服务中心"
    assert sheet["A3"].value == "单位：元"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"D4:F4", "A4:A5", "G4:G5"} <= merged  # 基本支出 over 小计/人员经费/公用经费
    assert (sheet["D4"].value, sheet["D5"].value, sheet["E5"].value, sheet["F5"].value) == (
        "基本支出",
        "小计",
        "人员经费",
        "公用经费",
    )
    assert [c.value for c in sheet[6]] == ["**", "**", "1", "2", "3", "4", "5"]
    total = sheet["C7"]
    assert total.value == pytest.approx(25258772.17) and total.data_type == "n" and total.number_format == "#,##0.00"
    assert sheet.freeze_panes == "C7"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9  # A4
    # Fitted to one page wide (fitToWidth defaults to 1) and, like the disclosure, one page tall.
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight in (None, 1)  # absent is 1
    performance = book["项目绩效目标表"]  # long texts: one page wide, as many pages tall as it needs
    assert performance.page_setup.fitToHeight == 0 and performance.print_title_rows == "$4:$5"
    assert "故本表无数据" in str(book["政府性基金支出预算表"]["A8"].value)


def test_wan_unit_is_honoured_in_the_header_and_the_numbers(client, seed_budget):
    sheet = xlsx(client.get(BUDGET + "tables/expenditure.xlsx?unit=wan")).active
    assert sheet["A3"].value == "单位：万元"
    assert sheet["C7"].value == pytest.approx(2525.88)


@pytest.mark.parametrize("slug", list(ZHEJIANG))
def test_every_table_downloads_in_three_formats(client, seed_budget, slug):
    assert client.get(f"{BUDGET}tables/{slug}.xlsx").status_code == 200
    csv_response = client.get(f"{BUDGET}tables/{slug}.csv")
    assert csv_response.content.startswith("\ufeff".encode())
    data = json.loads(client.get(f"{BUDGET}tables/{slug}.json").content)
    assert data["slug"] == slug and data["rows"]


def test_csv_and_json_carry_the_pages_figures(client, seed_budget):
    rows = list(csv.reader(io.StringIO(client.get(BUDGET + "tables/general-public.csv").content.decode("utf-8-sig"))))
    assert rows[0] == [
        "科目编码",
        "科目名称",
        "合计",
        "基本支出·小计",
        "基本支出·人员经费",
        "基本支出·公用经费",
        "项目支出",
        "级次",
    ]
    assert rows[1] == ["", "合计", "25258772.17", "8661712.17", "7193148.60", "1468563.57", "16597060.00", "合计"]
    data = json.loads(client.get(BUDGET + "tables/general-public.json?unit=wan").content)
    assert data["unit"] == "万元" and data["rows"][0]["cells"]["total"] == "2525.88"
    assert data["rows"][1]["code"] == "201" and data["rows"][1]["cells"]["personnel"] == "493.88"


def csv_rows(client, slug: str) -> list[dict]:
    text = client.get(f"{BUDGET}tables/{slug}.csv").content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("slug", "amount", "level", "total_label", "leaf"),
    [
        ("summary", "支出·预算数", "支出·级次", "本年支出合计", "项"),
        ("fiscal-summary", "支出·预算数", "支出·级次", "一、本年支出", "项"),
        ("expenditure", "总计", "级次", "合计", "项"),
        ("general-public-basic", "一般公共预算基本支出·合计", "级次", "合计", "款"),
        ("three-public", "公务接待费", "级次", "合计", "单位"),
        ("projects", "合计", "级次", "合计", "项目"),
    ],
)
def test_summing_one_level_of_a_csv_gives_its_total(client, seed_budget, slug, amount, level, total_label, leaf):
    """Every table's CSV says each row's level, so a reader summing it counts nothing twice."""
    rows = csv_rows(client, slug)
    [total] = [Decimal(r[amount]) for r in rows if total_label in r.values()]
    by_level = {}
    for row in rows:
        by_level.setdefault(row[level], []).append(Decimal(row[amount] or 0))
    assert sum(by_level[leaf]) == total
    if "类" in by_level:
        assert sum(by_level["类"]) == total
    assert sum(sum(amounts) for amounts in by_level.values()) > total  # summing every row would double-count


def test_the_summary_csv_keeps_the_codes_of_its_expenditure_side(client, seed_budget):
    rows = csv_rows(client, "summary")
    reception = next(r for r in rows if r["支出·项目"] == "信访事务")
    assert (reception["支出·科目编码"], reception["支出·级次"], reception["支出·预算数"]) == (
        "2010308",
        "项",
        "16397060.00",
    )


def test_text_that_looks_like_a_formula_stays_text(client, seed_budget):
    Project.objects.filter(name="培训费").update(name='=HYPERLINK("http://x","培训费")', kind="+SUM(1)")
    sheet = xlsx(client.get(BUDGET + "tables/projects.xlsx")).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(("=", "+"))]
    assert {c.data_type for c in cells} == {"s"} and len(cells) == 2
    text = client.get(BUDGET + "tables/projects.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+SUM(1)" in text


def test_drafts_are_not_downloadable_and_unknown_tables_404(client, seed_budget):
    assert client.get(BUDGET + "tables/nonsense.csv").status_code == 404
    assert client.get(BUDGET + "tables/summary.pdf").status_code == 404
    Budget.objects.filter(pk=seed_budget.pk).update(status="draft")
    assert client.get(BUDGET + "export.xlsx").status_code == 404
    assert client.get(BUDGET + "tables/summary.json").status_code == 404


def test_exported_numbers_equal_the_tables_to_the_cent(client, seed_budget):
    """Every amount in every sheet, read back as the file's own text, equals the computed table."""
    from apps.budgets.official import build_all
    from apps.workbooks.safety import sheet_rows
    from apps.workbooks.verify import verify_sheet

    sheets = sheet_rows(client.get(BUDGET + "export.xlsx").content)
    for table in build_all(seed_budget):
        assert verify_sheet(table, sheets[table.name]) == []
    assert Decimal("25258772.17") in [v for row in sheets["收支预算总表"] for v in row]


def test_every_sheet_has_its_page_setup(client, seed_budget):
    """One paper size (A4, landscape) for every sheet; the 明细 sheets fit the page width, their header
    row repeated on every printed page and frozen on screen."""
    book = xlsx(client.get(BUDGET + "export.xlsx"))
    for sheet in book.worksheets:
        assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape"), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1)
    for name in [name for name in book.sheetnames if name.startswith("明细-")]:
        sheet = book[name]
        assert (sheet.print_title_rows, sheet.freeze_panes, sheet.page_setup.fitToHeight) == ("$1:$1", "A2", 0), name
