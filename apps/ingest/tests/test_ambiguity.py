"""Figures that cannot be placed are shown, never filled with 0; rows put under
the wrong project are caught by the weights; a project's code is inferred only
when the tables allow exactly one answer."""

import pytest

from apps.budgets.models import Budget
from apps.ingest.pipeline import read_disclosure
from apps.ingest.report import NoteKind
from apps.ingest.services import DisclosureInvalid, ingest_write
from apps.workbooks import layout

from .small import EXPENDITURE, EXPENDITURE_ROWS, PERFORMANCE_HEADER, PROJECTS, UNITS, disclosure


def spaced(row: str) -> str:
    """The row as a converter writes it without tabs: blank cells vanish."""
    return "  ".join(cell for cell in row.split("\t") if cell)


def test_rows_whose_blank_cells_vanished_are_settled_together_by_the_tree(db):
    rows = "\n".join(spaced(row) if row.startswith(("201", "205")) else row for row in EXPENDITURE_ROWS.splitlines())
    ingest = read_disclosure(disclosure(expenditure=EXPENDITURE.replace(EXPENDITURE_ROWS, rows + "\n")))
    assert ingest.report.problems == []
    settled = [n for n in ingest.report.notes if "由上下级合计确定" in n.text]
    assert len(settled) == 6 and "人员支出 1,000,000.00，公用经费 500,000.00" in settled[0].text


def test_figures_that_fit_more_than_one_way_are_shown_never_filled_and_nothing_is_written(db):
    personnel_only = """合计  3,000,000.00  1,500,000.00  1,500,000.00
201  一般公共服务支出  1,500,000.00  1,500,000.00
20103  政府办公厅(室)及相关机构事务  1,500,000.00  1,500,000.00
2010301  行政运行  1,500,000.00  1,500,000.00
205  教育支出  1,500,000.00  1,500,000.00
20508  进修及培训  1,500,000.00  1,500,000.00
2050803  培训支出  1,500,000.00  1,500,000.00
"""
    ingest = read_disclosure(disclosure(expenditure=EXPENDITURE.replace(EXPENDITURE_ROWS, personnel_only)))
    ambiguous = [p for p in ingest.report.problems if "无法确定属于哪一列" in p.message]
    assert len(ambiguous) == 7
    options = "总计 1,500,000.00，人员支出 1,500,000.00；或 总计 1,500,000.00，公用经费 1,500,000.00；或 总计 1,500,000.00，项目支出"
    assert options in ambiguous[-1].message
    assert not any(row.values["科目编码"] == "2050803" for row in ingest.data.details[layout.FUNCTION.name])
    with pytest.raises(DisclosureInvalid):
        ingest_write(ingest)
    assert not Budget.objects.filter(department__code="901").exists()


def test_one_row_whose_blank_cells_vanished_is_placed_by_its_parent(db):
    rows = EXPENDITURE_ROWS.replace(
        "2050803\t培训支出\t1,500,000.00\t\t\t1,500,000.00", "2050803  培训支出  1,500,000.00  1,500,000.00"
    )
    ingest = read_disclosure(disclosure(expenditure=EXPENDITURE.replace(EXPENDITURE_ROWS, rows)))
    assert ingest.report.problems == []
    assert any("由上下级合计确定" in n.text and "项目支出 1,500,000.00" in n.text for n in ingest.report.notes)


def performance(rows: str) -> str:
    return f"2021年部门预算项目绩效目标表\n{UNITS}{PERFORMANCE_HEADER}901\t测试局\n901001\t测试局本级\n{rows}"


def test_an_indicator_under_the_wrong_project_is_moved_when_the_weights_allow_one_split(db):
    rows = """\t业务培训\t1,000,000.00\t1,000,000.00\t\t\t\t提高业务水平\t产出指标\t数量指标\t培训人数\t≥\t100\t人\t60
\t\t\t\t\t\t\t培养骨干\t满意度指标\t服务对象满意度指标\t学员满意度\t≥\t90\t(%)\t40
\t骨干轮训\t500,000.00\t500,000.00\t\t\t\t\t产出指标\t数量指标\t轮训人数\t≥\t30\t人\t50
\t\t\t\t\t\t\t\t效益指标\t社会效益指标\t骨干留任率\t≥\t95\t(%)\t50
"""
    ingest = read_disclosure(disclosure(performance=performance(rows)))
    assert ingest.report.problems == []
    [fix] = [n for n in ingest.report.notes if n.kind is NoteKind.FIXED]
    assert "学员满意度" in fix.text and "改属“业务培训”" in fix.text and "骨干轮训 140→100" in fix.text
    goals = {row.values["项目名称"]: row.values["总体绩效目标"] for row in ingest.data.details[layout.PROJECTS.name]}
    assert goals == {"业务培训": "提高业务水平", "骨干轮训": "培养骨干"}


def test_weights_that_no_split_can_mend_are_a_problem(db):
    rows = """\t业务培训\t1,000,000.00\t1,000,000.00\t\t\t\t提高业务水平\t产出指标\t数量指标\t培训人数\t≥\t100\t人\t60
\t\t\t\t\t\t\t\t满意度指标\t服务对象满意度指标\t学员满意度\t≥\t90\t(%)\t30
\t骨干轮训\t500,000.00\t500,000.00\t\t\t\t培养骨干\t产出指标\t数量指标\t轮训人数\t≥\t30\t人\t50
\t\t\t\t\t\t\t\t效益指标\t社会效益指标\t骨干留任率\t≥\t95\t(%)\t50
"""
    ingest = read_disclosure(disclosure(performance=performance(rows)))
    [problem] = [p for p in ingest.report.problems if p.column == "指标权重"]
    assert "“业务培训”的绩效指标权重合计不是 100" in problem.message and problem.value == "90"


TWO_CODES = (
    EXPENDITURE_ROWS.replace(
        "201\t一般公共服务支出\t1,500,000.00\t1,000,000.00\t500,000.00\t\n20103\t政府办公厅(室)及相关机构事务\t1,500,000.00\t1,000,000.00\t500,000.00\t\n"
        "2010301\t行政运行\t1,500,000.00\t1,000,000.00\t500,000.00\t",
        "201\t一般公共服务支出\t2,000,000.00\t1,000,000.00\t500,000.00\t500,000.00\n20103\t政府办公厅(室)及相关机构事务\t2,000,000.00\t1,000,000.00\t500,000.00\t500,000.00\n"
        "2010301\t行政运行\t1,500,000.00\t1,000,000.00\t500,000.00\t\n2010308\t信访事务\t500,000.00\t\t\t500,000.00",
    )
    .replace("1,500,000.00\t\t\t1,500,000.00", "1,000,000.00\t\t\t1,000,000.00")
    .replace(
        "\t合计\t3,000,000.00\t1,000,000.00\t500,000.00\t1,500,000.00",
        "\t合计\t3,000,000.00\t1,000,000.00\t500,000.00\t1,500,000.00",
    )
)


def test_project_codes_are_inferred_from_the_project_column_per_code(db):
    ingest = read_disclosure(disclosure(expenditure=EXPENDITURE.replace(EXPENDITURE_ROWS, TWO_CODES), general=""))
    codes = {row.values["项目名称"]: row.values["科目编码"] for row in ingest.data.details[layout.PROJECTS.name]}
    assert codes == {"业务培训": "2050803", "骨干轮训": "2010308"}
    assert any("科目 2010308 的项目支出 500,000.00 只能由这些项目凑成：骨干轮训" in n.text for n in ingest.report.notes)


def test_project_codes_that_more_than_one_split_allows_are_a_problem_the_user_can_settle(db):
    projects = PROJECTS.replace("1,000,000.00\t1,000,000.00", "750,000.00\t750,000.00").replace(
        "500,000.00\t500,000.00", "750,000.00\t750,000.00"
    )
    rows = TWO_CODES.replace(
        "2,000,000.00\t1,000,000.00\t500,000.00\t500,000.00", "2,250,000.00\t1,000,000.00\t500,000.00\t750,000.00"
    )
    rows = rows.replace("500,000.00\t\t\t500,000.00", "750,000.00\t\t\t750,000.00").replace(
        "1,000,000.00\t\t\t1,000,000.00", "750,000.00\t\t\t750,000.00"
    )
    text = dict(expenditure=EXPENDITURE.replace(EXPENDITURE_ROWS, rows), projects=projects, general="", performance="")
    ingest = read_disclosure(disclosure(**text))
    [problem] = [p for p in ingest.report.problems if p.column == "功能科目"]
    assert "有多种划分" in problem.message and "项目名称=科目编码" in problem.message
    settled = read_disclosure(disclosure(**text), project_codes={"业务培训": "2050803"})
    codes = {row.values["项目名称"]: row.values["科目编码"] for row in settled.data.details[layout.PROJECTS.name]}
    assert codes == {"业务培训": "2050803", "骨干轮训": "2010308"}
