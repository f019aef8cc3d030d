"""Codes whole or split, names checked against the year's tree, wrapped names joined."""

from apps.ingest.reading import read_disclosure
from apps.workbooks import layout

from .small import EXPENDITURE_HEADER, UNITS, disclosure

TITLE = f"2021年部门支出预算总表\n{UNITS}"


def spending(ingest) -> list[tuple]:
    return sorted(
        (row.values["科目编码"], row.values["支出性质"], row.values["金额"])
        for row in ingest.data.details[layout.FUNCTION.name]
    )


def expected() -> list[tuple]:
    return spending(read_disclosure(disclosure()))


def test_a_code_split_in_one_cell_is_joined(db):
    rows = """\t合计\t3,000,000.00\t1,000,000.00\t500,000.00\t1,500,000.00
201\t一般公共服务支出\t1,500,000.00\t1,000,000.00\t500,000.00\t
201 03\t政府办公厅(室)及相关机构事务\t1,500,000.00\t1,000,000.00\t500,000.00\t
201 03 01\t行政运行\t1,500,000.00\t1,000,000.00\t500,000.00\t
205\t教育支出\t1,500,000.00\t\t\t1,500,000.00
205 08\t进修及培训\t1,500,000.00\t\t\t1,500,000.00
205 08 03\t培训支出\t1,500,000.00\t\t\t1,500,000.00
"""
    ingest = read_disclosure(disclosure(expenditure=TITLE + EXPENDITURE_HEADER + rows))
    assert ingest.report.problems == []
    assert spending(ingest) == expected()


def test_a_code_in_three_cells_under_class_item_and_sub_is_built(db):
    header = "类\t款\t项\t科目名称\t总计\t基本支出\t\t项目支出\n\t\t\t\t\t人员支出\t公用经费\t\n"
    rows = """\t\t\t合计\t3,000,000.00\t1,000,000.00\t500,000.00\t1,500,000.00
201\t\t\t一般公共服务支出\t1,500,000.00\t1,000,000.00\t500,000.00\t
\t03\t\t政府办公厅(室)及相关机构事务\t1,500,000.00\t1,000,000.00\t500,000.00\t
\t\t01\t行政运行\t1,500,000.00\t1,000,000.00\t500,000.00\t
205\t\t\t教育支出\t1,500,000.00\t\t\t1,500,000.00
205\t08\t\t进修及培训\t1,500,000.00\t\t\t1,500,000.00
205\t08\t03\t培训支出\t1,500,000.00\t\t\t1,500,000.00
"""
    ingest = read_disclosure(disclosure(expenditure=TITLE + header + rows))
    assert ingest.report.problems == []
    assert spending(ingest) == expected()


def test_a_wrapped_name_is_joined_whichever_line_holds_the_figures(db):
    rows = """\t合计\t3,000,000.00\t1,000,000.00\t500,000.00\t1,500,000.00
201\t一般公共服务支出\t1,500,000.00\t1,000,000.00\t500,000.00\t
20103\t政府办公厅(室)及相关\t1,500,000.00\t1,000,000.00\t500,000.00\t
\t机构事务
2010301\t行政运行\t1,500,000.00\t1,000,000.00\t500,000.00\t
205\t教育支出\t1,500,000.00\t\t\t1,500,000.00
20508\t进修及
\t培训\t1,500,000.00\t\t\t1,500,000.00
2050803\t培训支出\t1,500,000.00\t\t\t1,500,000.00
"""
    ingest = read_disclosure(disclosure(expenditure=TITLE + EXPENDITURE_HEADER + rows))
    assert ingest.report.problems == []
    notes = [n.text for n in ingest.report.notes if n.kind == "读取"]
    assert any("续行" in n and "政府办公厅(室)及相关机构事务" in n for n in notes)
    assert any("数字在续行上" in n and "进修及培训" in n for n in notes)
    assert spending(ingest) == expected()


def test_a_name_that_disagrees_with_its_code_and_an_unknown_code_are_reported(db):
    rows = """\t合计\t3,000,000.00\t1,000,000.00\t500,000.00\t1,500,000.00
201\t一般公共服务支出\t1,500,000.00\t1,000,000.00\t500,000.00\t
20103\t政府办公厅(室)及相关机构事务\t1,500,000.00\t1,000,000.00\t500,000.00\t
2010301\t事业运行\t1,500,000.00\t1,000,000.00\t500,000.00\t
205\t教育支出\t1,500,000.00\t\t\t1,500,000.00
20508\t进修及培训\t1,500,000.00\t\t\t1,500,000.00
2050898\t不存在的项\t1,500,000.00\t\t\t1,500,000.00
"""
    ingest = read_disclosure(disclosure(expenditure=TITLE + EXPENDITURE_HEADER + rows))
    problems = [str(p) for p in ingest.report.problems]
    assert any("第" in p and "“事业运行”与科目编码 2010301 的名称“行政运行”不符" in p for p in problems)
    assert any("“2050898”不在2021年支出功能分类中" in p for p in problems)


def test_a_row_that_does_not_add_up_is_reported_with_both_figures(db):
    rows = """\t合计\t3,000,000.00\t1,000,000.00\t500,000.00\t1,500,000.00
201\t一般公共服务支出\t1,500,000.00\t1,000,000.00\t500,000.00\t
20103\t政府办公厅(室)及相关机构事务\t1,500,000.00\t1,000,000.00\t500,000.00\t
2010301\t行政运行\t1,500,000.00\t1,000,000.00\t400,000.00\t
205\t教育支出\t1,500,000.00\t\t\t1,500,000.00
20508\t进修及培训\t1,500,000.00\t\t\t1,500,000.00
2050803\t培训支出\t1,500,000.00\t\t\t1,500,000.00
"""
    ingest = read_disclosure(disclosure(expenditure=TITLE + EXPENDITURE_HEADER + rows))
    problems = [str(p) for p in ingest.report.problems]
    assert any(
        "2010301 总计 = 人员支出+公用经费+项目支出" in p and "1,500,000.00" in p and "1,400,000.00" in p
        for p in problems
    )
    assert any("20103 公用经费 = Σ项" in p for p in problems)
