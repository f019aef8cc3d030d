"""Cross-department lists as files: the home page's department table and a code
page's comparison, as xlsx (amounts as numbers) and CSV, in the reader's unit."""

from dataclasses import dataclass
from io import BytesIO

from apps.budgets.amounts import AmountUnit
from apps.budgets.explanation import share
from apps.budgets.official import Column, OfficialTable, Row
from apps.budgets.published import (
    city_totals,
    code_total,
    department_amounts,
    department_key,
    department_rows,
    whole_of,
    year_budgets,
)
from apps.reference.models import ClassificationCode, Government

from .table_files import table_csv
from .writer import BudgetWorkbook


@dataclass
class DepartmentList:
    table: OfficialTable  # a plain list in the official-table shape, so the same writers serve
    subtitle: str


def year_departments(year: int, government: Government | None = None) -> DepartmentList:
    """Every published department of the year, of one government or of all: total, basic,
    project and share of their sum. A department is named by its key in the site's addresses
    (205, 310107-205): codes repeat between governments."""
    city = city_totals(year, government)["total"]
    whole = whole_of(government)
    columns = [
        Column("code", "部门编码", kind="text"),
        Column("name", "部门名称", kind="text"),
        Column("total", "支出总计"),
        Column("basic", "基本支出"),
        Column("project", "项目支出"),
        Column("share", f"占{whole}比重（%）", kind="percent"),
    ]
    found = department_rows(year_budgets(year, government)).order_by("department__government", "department_code")
    rows = [
        Row(
            cells={
                "code": department_key(r),
                "name": r["department_name"],
                "total": r["total"],
                "basic": r["basic"],
                "project": r["project"],
                "share": share(r["total"], city),
            }
        )
        for r in found
    ]
    title = f"{year}年各部门支出预算"
    scope = government.name if government else "全部"
    return DepartmentList(
        OfficialTable("departments", "各部门支出预算", title, columns, rows), f"{year}年{scope}已公开部门预算"
    )


def code_departments(node: ClassificationCode, government: Government | None = None) -> DepartmentList:
    """Every department's amount under one code that year, of one government or of all, largest first,
    with its share of their sum (as the code page shows it)."""
    whole = code_total(node, government)["total"]
    columns = [
        Column("code", "部门编码", kind="text"),
        Column("name", "部门名称", kind="text"),
        Column("amount", "金额"),
        Column("share", "占该科目比重（%）", kind="percent"),
    ]
    rows = [
        Row(
            cells={
                "code": department_key(r),
                "name": r["department_name"],
                "amount": r["amount"],
                "share": share(r["amount"], whole),
            }
        )
        for r in department_amounts(node, government)
    ]
    title = f"{node.year}年 {node.code} {node.name} 各部门金额"
    return DepartmentList(OfficialTable("code", "各部门金额", title, columns, rows), f"{node.get_scheme_display()}")


def list_xlsx(listing: DepartmentList, unit: AmountUnit) -> bytes:
    stream = BytesIO()
    workbook = BudgetWorkbook(stream)
    sheet, row = workbook.sheet_head(listing.table, listing.subtitle, unit)
    workbook.table_rows(sheet, row, listing.table, unit)
    workbook.close()
    return stream.getvalue()


def list_csv(listing: DepartmentList, unit: AmountUnit) -> str:
    return table_csv(listing.table, unit)
