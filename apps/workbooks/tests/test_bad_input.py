"""Every kind of bad workbook is refused with the place and the reason, all
problems at once, and the database is left exactly as it was."""

import zipfile
from io import BytesIO, StringIO

import openpyxl
import pytest
from django.core.management import call_command

from apps.workbooks.problems import WorkbookInvalid
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import


def database_state() -> str:
    out = StringIO()
    call_command("dumpdata", "reference", "budgets", "projects", stdout=out)
    return out.getvalue()


def edited(content: bytes, edit) -> bytes:
    book = openpyxl.load_workbook(BytesIO(content))
    edit(book)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def find_row(sheet, *values) -> int:
    for row in sheet.iter_rows(min_row=2):
        if all(any(c.value == v for c in row) for v in values):
            return row[0].row
    raise LookupError(values)


def problems_of(content: bytes) -> list[str]:
    """Read and import as a user would; return the problems, asserting nothing was written."""
    before = database_state()
    with pytest.raises(WorkbookInvalid) as invalid:
        budget_import(data=read_budget_workbook(content))
    assert database_state() == before
    return [str(p) for p in invalid.value.problems]


def set_cell(sheet_name: str, match: tuple, column: str, value):
    def edit(book):
        sheet = book[sheet_name]
        headers = [c.value for c in sheet[1]]
        sheet.cell(find_row(sheet, *match), headers.index(column) + 1).value = value

    return edit


CASES = {
    "code not in the year's tree": (
        set_cell("明细-支出", ("2210202",), "科目编码", "2210299"),
        "明细-支出 第14行「科目编码」：“2210299”不在2021年支出功能分类中",
    ),
    "name not matching its code": (
        set_cell("明细-基本支出", ("30217",), "科目名称", "招待费"),
        "明细-基本支出 第20行「科目名称」：“招待费”与科目编码 30217 的名称“公务接待费”不符",
    ),
    "amount not a number": (
        set_cell("明细-收入", ("一般公共预算拨款收入",), "金额", "两千五百万"),
        "明细-收入 第2行「金额」：“两千五百万”不是数字",
    ),
    "negative amount": (
        set_cell("明细-三公经费", ("205002",), "金额", -2000),
        "明细-三公经费 第3行「金额」：“-2000”是负数，金额不能为负",
    ),
    "three decimals": (
        set_cell("明细-支出", ("2210202",), "金额", "298.805"),
        "明细-支出 第14行「金额」：“298.805”超过两位小数，金额应精确到分",
    ),
    "unknown choice": (
        set_cell("明细-支出", ("2210202",), "支出性质", "人员"),
        "明细-支出 第14行「支出性质」：“人员”不是可选值之一",
    ),
    "weights not 100": (
        set_cell("明细-绩效指标", ("督查次数",), "指标权重", 25),
        "明细-项目 第10行「项目名称」：“积案化解专班专项经费”的绩效指标权重合计为 95，应为 100",
    ),
    "stated total not the sum of its parts": (
        lambda book: book["支出预算总表"].cell(7, 3, 25258772.18),  # C7: the 合计 row's 总计
        "支出预算总表 第7行「总计」：“25258772.18”与明细不符：按明细计算应为 25,258,772.17",
    ),
    "unknown unit": (
        set_cell("明细-三公经费", ("205002",), "单位编码", "205009"),
        "明细-三公经费 第3行「单位编码」：“205009”不是基本信息中列出的预算单位",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_bad_cell_is_named(draft_workbook, case):
    edit, expected = CASES[case]
    problems = problems_of(edited(draft_workbook, edit))
    assert any(p.startswith(expected) for p in problems), problems


def test_a_duplicate_row_names_both_rows(draft_workbook):
    def duplicate(book):
        sheet = book["明细-收入"]
        sheet.append([c.value for c in sheet[2]])

    assert problems_of(edited(draft_workbook, duplicate)) == ["明细-收入 第3行：“一般公共预算拨款收入”与第2行重复"]


def test_missing_sheet_and_missing_column(draft_workbook):
    def damage(book):
        del book["明细-科目用途"]
        book["明细-收入"].delete_cols(3)

    problems = problems_of(edited(draft_workbook, damage))
    assert "明细-科目用途：缺少这张工作表" in problems
    assert "明细-收入 第1行「金额」：缺少这一列" in problems


def test_all_problems_are_reported_at_once(draft_workbook):
    edits = [CASES[c][0] for c in ("amount not a number", "negative amount", "unknown choice")]
    content = draft_workbook
    for edit in edits:
        content = edited(content, edit)
    assert len(problems_of(content)) == 3


def test_a_published_budget_is_not_replaced(seed_workbook):
    assert problems_of(seed_workbook) == ["基本信息「阶段」：“绍兴市信访局 2021年预算”状态为“已公开”，只能替换草稿"]


def zipped(name: str, data: bytes) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "content,message",
    [
        ("科目编码,金额\n201,1.00\n".encode(), "不是 xlsx 文件"),
        (b"PK\x03\x04" + b"\x00" * 100, "不是 xlsx 文件"),
        (zipped("xl/workbook.xml", b"<broken"), "无法读取"),
        (zipped("xl/worksheets/sheet1.xml", b"\x00" * 20_000_000), "压缩比异常"),
    ],
    ids=["csv", "truncated", "not a workbook inside", "zip bomb"],
)
def test_files_that_are_not_workbooks(db, content, message):
    assert message in problems_of(content)[0]


def test_oversized_file(db, settings, seed_workbook):
    settings.IMPORT_MAX_BYTES = 1000
    assert "超过上限 1,000 字节" in problems_of(seed_workbook)[0]


def test_too_many_rows(draft_workbook, settings):
    settings.IMPORT_MAX_ROWS = 50
    [problem] = problems_of(draft_workbook)
    assert problem.endswith("：超过 50 行的上限")


def test_command_reports_and_exits_nonzero(tmp_path, draft_workbook, capsys):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(edited(draft_workbook, CASES["negative amount"][0]))
    with pytest.raises(Exception, match="有 1 处问题，没有写入任何数据"):
        call_command("import_budget", str(path))
    assert "明细-三公经费 第3行「金额」" in capsys.readouterr().err


def test_full_precision_doubles_read_as_the_amount_they_hold():
    """XlsxWriter and Excel write a double's full digits; the amount is the shortest decimal of that double."""
    from decimal import Decimal

    from apps.workbooks.safety import decimal_from_text

    assert decimal_from_text("9157602.289999999") == Decimal("9157602.29")  # XlsxWriter's %.16G
    assert decimal_from_text("9157602.2899999991") == Decimal("9157602.29")  # Excel's 17 digits
    assert decimal_from_text("25258772.17") == Decimal("25258772.17")
    assert decimal_from_text("298.805") == Decimal("298.805")  # typed with three decimals: refused later
    assert decimal_from_text("1000") == 1000
