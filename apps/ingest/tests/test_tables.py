"""Templates differ: table names, 编制部门, 万元, page breaks, empty-table notes,
tables we have no counterpart for, a missing unit line."""

from decimal import Decimal

from apps.ingest.pipeline import read_disclosure
from apps.workbooks import layout

from .small import (
    BASIC,
    EXPENDITURE,
    EXPENDITURE_HEADER,
    EXPENDITURE_ROWS,
    FUND,
    GENERAL,
    HEAD,
    PERFORMANCE_HEADER,
    PERFORMANCE_ROWS,
    SUMMARY,
    THREE_PUBLIC,
    UNITS,
    disclosure,
)


def lines(ingest, sheet) -> list[tuple]:
    return sorted(tuple(sorted((k, str(v)) for k, v in row.values.items())) for row in ingest.data.details[sheet.name])


def same_details(ingest) -> bool:
    base = read_disclosure(disclosure())
    return all(lines(ingest, spec) == lines(base, spec) for spec in layout.DETAIL_SHEETS)


def test_alternative_table_names_and_the_editing_department_line(db):
    renamed = {
        "summary": SUMMARY.replace("2021年部门收支预算总表", "2021年测试局部门财务收支预算总表"),
        "general": GENERAL.replace("2021年部门一般公共预算支出表", "表三 2021年一般公共预算支出功能分类预算表"),
        "basic": BASIC.replace(
            "2021年部门一般公共预算基本支出表", "2021年单位一般公共预算基本支出部门预算经济分类预算表"
        ),
        "fund": FUND.replace("2021年部门政府性基金支出预算表", "政府性基金预算支出功能分类预算表"),
        "three": THREE_PUBLIC.replace("2021年部门一般公共预算“三公”经费表", "2021年“三公”经费和机关运行经费预算表"),
    }
    text = disclosure(**renamed).decode().replace(UNITS, "编制部门：测试局\n单位：元\n")
    ingest = read_disclosure(text.encode())
    assert ingest.report.problems == []
    assert [t.kind for t in ingest.report.tables][:5] == [
        "收支预算总表",
        "支出预算总表",
        "一般公共预算支出表",
        "一般公共预算基本支出表",
        "一般公共预算“三公”经费表",
    ]
    assert ingest.data.units == [
        {"code": "901001", "name": "测试局本级", "kind": "administrative"}
    ]  # from the 绩效目标表
    assert same_details(ingest)


def test_a_three_public_table_in_wan_with_one_row(db):
    three = """2021年“三公”经费和机关运行经费预算表
编制单位：测试局本级　　单位:万元
“三公”经费合计\t因公出国（境）费用\t公务用车购置及运行费用\t\t\t公务接待费\t机关运行经费
\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t
3.00\t0.00\t0.00\t0.00\t0.00\t3.00\t50.00
"""
    ingest = read_disclosure(disclosure(three=three))
    assert ingest.report.problems == []
    [line] = ingest.data.details[layout.THREE_PUBLIC.name]
    assert line.values == {"单位编码": "901001", "类别": "reception", "金额": Decimal("30000.00")}
    assert any("万元" in n.text and "×10000" in n.text for n in ingest.report.notes)
    assert any("一行的“三公”经费表归属" in n.text for n in ingest.report.notes)
    assert any(c.label.startswith("机关运行经费") and c.ok for c in ingest.report.checks)


def test_a_wan_table_whose_rounded_figures_add_up_only_within_rounding(db):
    general = f"""2021年部门一般公共预算支出表
{UNITS.replace("单位：元", "单位：万元")}科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出
\t\t\t小计\t人员经费\t公用经费\t
\t合计\t300.00\t150.00\t100.00\t50.00\t150.00
201\t一般公共服务支出\t150.00\t150.00\t100.00\t50.00\t
20103\t政府办公厅(室)及相关机构事务\t150.00\t150.00\t100.00\t50.00\t
2010301\t行政运行\t150.00\t150.00\t100.00\t50.00\t
205\t教育支出\t150.00\t\t\t\t150.00
20508\t进修及培训\t150.00\t\t\t\t150.00
2050803\t培训支出\t150.00\t\t\t\t150.00
"""
    rounded = {
        "general": general.replace("100.00\t50.00\t\n2010301", "100.01\t50.00\t\n2010301"),
    }
    ingest = read_disclosure(disclosure(**rounded))
    within = [c for c in ingest.report.checks if c.note]
    assert within and all("四舍五入" in c.note for c in within)
    assert not [p for p in ingest.report.problems if "Σ" in p.column]


def test_a_table_continued_over_a_page_break_with_its_header_repeated(db):
    head, tail = EXPENDITURE_ROWS.split("205\t")
    marker = "\n— 2 —\n"
    repeated = f"{head}{marker}{EXPENDITURE_HEADER}205\t{tail}"
    titled = f"{head}\f2021年部门支出预算总表（续）\n{UNITS}{EXPENDITURE_HEADER}205\t{tail}"
    for rows in (repeated, titled):
        text = EXPENDITURE.replace(EXPENDITURE_ROWS, rows)
        ingest = read_disclosure(disclosure(expenditure=text))
        assert ingest.report.problems == []
        assert same_details(ingest)
        assert any("重复" in n.text for n in ingest.report.notes)
        [table] = [t for t in ingest.report.tables if t.kind == "支出预算总表"]
        assert "跨第1–2页" in table.status


def test_empty_table_notes_in_their_variants(db):
    for note in (
        "本部门2021年无政府性基金预算财政拨款安排的预算，故本表为空表",
        "注：本单位没有政府性基金预算收支，此表为空。",
        "测试局没有政府性基金预算拨款安排的支出，故本表无数据。",
    ):
        fund = FUND.replace("测试局没有政府性基金预算拨款安排的支出，故本表无数据。", note)
        ingest = read_disclosure(disclosure(fund=fund))
        assert ingest.report.problems == []
        [table] = [t for t in ingest.report.tables if t.kind == "政府性基金支出预算表"]
        assert table.status.startswith(f"空表：{note}")


def test_a_table_without_counterpart_is_kept_and_reported(db):
    extra = f"""2021年部门政府采购预算表
{UNITS}项目名称\t采购品目\t金额
业务培训\t会议服务\t1,000,000.00

2021年国有资本经营预算支出功能分类预算表
{UNITS}科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t\t\t
本部门2021年无国有资本经营预算拨款安排的支出，故本表为空表
"""
    ingest = read_disclosure(disclosure(fund=FUND + "\n" + extra))
    assert ingest.report.problems == []
    kept = {t.title: t for t in ingest.report.tables if not t.counterpart}
    assert set(kept) == {"2021年部门政府采购预算表", "2021年国有资本经营预算支出功能分类预算表"}
    assert kept["2021年部门政府采购预算表"].rows == 1
    assert any("九张公开表中没有与之对应的表" in n.text for n in ingest.report.notes)
    assert same_details(ingest)


def test_a_missing_unit_line_is_reported_not_guessed(db):
    ingest = read_disclosure(disclosure(basic=BASIC.replace("单位：元\n", "")))
    [problem] = ingest.report.problems
    assert problem.sheet == "2021年部门一般公共预算基本支出表" and problem.row == ingest.report.tables[3].line.number
    assert "缺少“单位：元”或“单位：万元”行" in problem.message
    assert ingest.data.details[layout.ECONOMIC.name] == []


def test_a_unit_row_of_the_performance_table_without_its_code(db):
    rows = PERFORMANCE_ROWS.replace("901\t测试局\n901001\t测试局本级\n", "测试局本级\n")
    ingest = read_disclosure(
        disclosure(performance=f"2021年部门预算项目绩效目标表\n{UNITS}{PERFORMANCE_HEADER}{rows}"), department="901"
    )
    assert ingest.report.problems == []
    assert same_details(ingest)


def test_whole_yuan_amounts_and_a_title_that_carries_its_unit(db):
    whole = EXPENDITURE_ROWS.replace(",", "").replace(".00", "")
    text = f"2021年部门支出预算总表　　　单位：元\n部门名称：【901001】测试局本级\n{EXPENDITURE_HEADER}{whole}"
    ingest = read_disclosure(disclosure(expenditure=text))
    assert ingest.report.problems == []
    assert same_details(ingest)
    [table] = [t for t in ingest.report.tables if t.kind == "支出预算总表"]
    assert table.unit == "元" and table.heading == "2021年·部门"


def test_a_unit_budget_is_read_and_said_so(db):
    head = "测试局本级2021年单位预算\n\n一、单位概况\n"
    text = disclosure(head=head).decode().replace("2021年部门", "2021年单位")
    ingest = read_disclosure(text.encode())
    assert ingest.report.problems == []
    assert any("这是单位预算" in n.text for n in ingest.report.notes)
    assert {t.heading for t in ingest.report.tables} == {"2021年·单位"}


def test_a_continued_page_in_another_unit_is_a_problem(db):
    head, tail = EXPENDITURE_ROWS.split("205\t")
    rows = f"{head}\f2021年部门支出预算总表（续）\n部门名称：【901001】测试局本级\n单位：万元\n{EXPENDITURE_HEADER}205\t{tail}"
    ingest = read_disclosure(disclosure(expenditure=EXPENDITURE.replace(EXPENDITURE_ROWS, rows)))
    assert any("续表的单位“万元”与前页“元”不同" in p.message for p in ingest.report.problems)


def test_a_table_of_contents_listing_the_tables_is_not_read_as_tables(db):
    contents = "目录\n1. 2021年部门收支预算总表\n2. 2021年部门支出预算总表\n3. 2021年部门预算项目绩效目标表\n\n"
    ingest = read_disclosure(disclosure(head=HEAD.replace("一、测试局概况", contents + "一、测试局概况")))
    assert ingest.report.problems == []
    assert len(ingest.report.tables) == 8
