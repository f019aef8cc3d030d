"""Loading a year's classification codes from a workbook: one sheet 科目 with
the columns 分类, 年度, 科目编码, 科目名称. Parents follow from the code's prefix."""

from django.db import transaction

from apps.reference.models import ClassificationCode, Scheme

from .layout import DetailSheet, Field, labels
from .problems import Problem, WorkbookInvalid
from .reader import Reader
from .safety import sheet_rows

CODES = DetailSheet(
    "科目",
    (Field("分类", "choice", labels(Scheme)), Field("年度", "int"), Field("科目编码", "code"), Field("科目名称")),
    key=("分类", "年度", "科目编码"),
)


def read_codes(content: bytes) -> list[dict]:
    sheets = sheet_rows(content)
    reader = Reader()
    if CODES.name not in sheets:
        raise WorkbookInvalid([Problem(CODES.name, None, "", None, "缺少这张工作表")])
    lines = reader.read_detail(CODES, sheets[CODES.name])
    rows = [
        {
            "scheme": line.values["分类"],
            "year": line.values["年度"],
            "code": line.values["科目编码"],
            "name": line.values["科目名称"],
            "row": line.row,
        }
        for line in lines
    ]
    known = {(r["scheme"], r["year"], r["code"]) for r in rows}
    known |= set(ClassificationCode.objects.values_list("scheme", "year", "code"))
    for row in rows:
        parent = parent_code(row["code"])
        if parent and (row["scheme"], row["year"], parent) not in known:
            reader.problem(
                CODES.name, row["row"], "科目编码", row["code"], f"的上级科目 {parent} 既不在表中也不在系统中"
            )
        if row["scheme"] == Scheme.ECONOMIC and len(row["code"]) == 7:
            reader.problem(CODES.name, row["row"], "科目编码", row["code"], "经济分类只有类、款两级（3 或 5 位）")
    if reader.problems:
        raise WorkbookInvalid(reader.problems)
    return rows


def parent_code(code: str) -> str:
    return code[:-2] if len(code) > 3 else ""


@transaction.atomic
def codes_import(*, rows: list[dict]) -> int:
    """Create or rename the codes, parents before children; returns how many rows were written."""
    for row in sorted(rows, key=lambda r: len(r["code"])):
        parent = parent_code(row["code"])
        parent_obj = (
            ClassificationCode.objects.get(scheme=row["scheme"], year=row["year"], code=parent) if parent else None
        )
        ClassificationCode.objects.update_or_create(
            scheme=row["scheme"],
            year=row["year"],
            code=row["code"],
            defaults={"name": row["name"], "parent": parent_obj},
        )
    return len(rows)
