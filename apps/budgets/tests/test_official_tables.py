"""Each official table of the seed, computed from the stored line items, equals
the disclosure cell for cell and to the cent (expected rows in seed_tables.py)."""

from decimal import Decimal

import pytest

from apps.budgets.official import OfficialTable, build_table

from . import seed_tables as seed


def shown(value, kind: str) -> str:
    """A cell as the disclosure prints it."""
    if value is None:
        return ""
    if kind == "money":
        return f"{value:,.2f}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def computed_rows(table: OfficialTable) -> list[list[str]]:
    return [[shown(row.cells.get(c.key), c.kind) for c in table.columns] for row in table.rows]


def seed_rows(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in text.strip("\n").splitlines()]


def normalized(cell: str) -> str:
    """The PDF mixes half- and full-width parentheses; the official names use full width."""
    return cell.strip().replace("(", "（").replace(")", "）")


def padded(row: list[str], width: int) -> list[str]:
    return [normalized(c) for c in row] + [""] * (width - len(row))


def by_code(rows: list[list[str]], width: int) -> dict[str, list[str]]:
    return {row[0]: padded(row, width) for row in rows}


CODE_TABLES = [
    ("expenditure", seed.EXPENDITURE, ["**", "**", "1", "2", "3", "4", "7", "8", "9"]),
    ("general-public", seed.GENERAL_PUBLIC, ["**", "**", "1", "2", "3", "4", "5"]),
    ("general-public-basic", seed.GENERAL_PUBLIC_BASIC, ["**", "**", "1", "2", "3"]),
]


@pytest.mark.parametrize("slug,text,numbers", CODE_TABLES, ids=[t[0] for t in CODE_TABLES])
def test_code_tables_equal_the_disclosure(seed_budget, slug, text, numbers):
    table = build_table(seed_budget, slug)
    width = len(table.columns)
    expected, actual = seed_rows(text), computed_rows(table)

    assert [c.number for c in table.columns] == numbers
    assert padded(actual[0], width) == padded(expected[0], width)  # the 合计 row
    assert by_code(actual[1:], width) == by_code(expected[1:], width)
    # The PDF lists some 项 out of order; ours are in code (tree) order.
    codes = [row[0] for row in actual[1:]]
    assert codes == sorted(codes) and len(codes) == len(expected) - 1


def test_expenditure_header_is_the_disclosures(seed_budget):
    top, below = build_table(seed_budget, "expenditure").header_rows
    assert [(c.label, c.colspan, c.rowspan) for c in top] == [
        ("科目编码", 1, 2),
        ("科目名称", 1, 2),
        ("总计", 1, 2),
        ("基本支出", 2, 1),
        ("项目支出", 1, 2),
        ("对附属单位补助支出", 1, 2),
        ("上缴上级支出", 1, 2),
        ("事业单位经营支出", 1, 2),
    ]
    assert [c.label for c in below] == ["人员支出", "公用经费"]


@pytest.mark.parametrize("slug,text", [("summary", seed.SUMMARY), ("fiscal-summary", seed.FISCAL_SUMMARY)])
def test_two_sided_tables_equal_the_disclosure(seed_budget, slug, text):
    table = build_table(seed_budget, slug)
    expected = [padded(row, 4) for row in seed_rows(text)]
    actual = [padded(row, 4) for row in computed_rows(table)]

    assert len(actual) == len(expected)
    # Revenue side, row for row.
    assert [row[:2] for row in actual] == [row[:2] for row in expected]
    # Expenditure side: the same rows (the PDF orders the function tree loosely) …
    assert sorted(row[2:] for row in actual) == sorted(row[2:] for row in expected)
    # … and the total rows in the same places.
    totals = [
        i
        for i, row in enumerate(actual)
        if row[2].startswith(("本年支出合计", "支出合计", "支出总计", "一、本年支出", "二、年终"))
    ]
    assert [actual[i] for i in totals] == [expected[i] for i in totals]
    assert [actual[i][2] for i in totals][-1] in ("支出合计", "支出总计")


def test_three_public_table(seed_budget):
    table = build_table(seed_budget, "three-public")
    assert [padded(r, 7) for r in computed_rows(table)] == [padded(r, 7) for r in seed_rows(seed.THREE_PUBLIC)]


def test_empty_government_fund_table_says_so(seed_budget):
    table = build_table(seed_budget, "government-fund")
    assert [padded(r, 5) for r in computed_rows(table)] == [padded(r, 5) for r in seed_rows(seed.GOVERNMENT_FUND)]
    assert table.empty_note == "绍兴市信访局没有政府性基金预算拨款安排的支出，故本表无数据。"


def test_projects_table(seed_budget):
    table = build_table(seed_budget, "projects")
    assert [padded(r, 10) for r in computed_rows(table)] == [padded(r, 10) for r in seed_rows(seed.PROJECTS)]


LEVEL1 = {"产出指标", "效益指标", "满意度指标"}


def performance_blocks(rows: list[list[str]]) -> tuple[list[tuple], dict]:
    """Units and projects of a performance table, read from the right (the PDF
    drops blank cells, so columns shift): the last seven cells are an indicator,
    the one before it the project's goal. A goal on a row of its own belongs to
    the project that follows: the PDF put 设备更新经费's goal, with 积案化解专班专项经费's
    督查次数 indicator, one row too early."""
    heads, projects, unit, current, pending_goal = [], {}, None, None, ""
    for cells in rows:
        cells = [c.strip() for c in cells]
        if cells[0]:
            unit = cells[0]
            heads.append((cells[0], cells[1]))
            continue
        has_indicator = len(cells) >= 8 and cells[-7] in LEVEL1
        goal = cells[-8] if has_indicator else ""
        if cells[1]:
            amounts = cells[2 : len(cells) - 8] if has_indicator else cells[2:]
            while amounts and not amounts[-1]:
                amounts.pop()
            current = projects[(unit, cells[1])] = {"amounts": amounts, "goal": goal or pending_goal, "indicators": []}
            pending_goal = ""
        elif goal:
            pending_goal = goal
        if has_indicator:
            current["indicators"].append(tuple(cells[-7:]))
    return heads, projects


def test_performance_table(seed_budget):
    table = build_table(seed_budget, "performance")
    expected_heads, expected = performance_blocks(seed_rows(seed.PERFORMANCE))
    actual_heads, actual = performance_blocks(computed_rows(table))

    assert (
        actual_heads
        == expected_heads
        == [("205", "市信访局"), ("205001", "绍兴市信访局本级"), ("205002", "绍兴市政务热线服务中心")]
    )
    assert actual.keys() == expected.keys() and len(actual) == 12
    for key in expected:
        assert actual[key] == expected[key], key
    # With 督查次数 under 积案化解专班专项经费, every project's weights sum to 100.
    for block in actual.values():
        assert sum(Decimal(indicator[-1]) for indicator in block["indicators"]) == 100
