"""Workbooks as finance bureaus have them: the official tables, one sheet each,
laid out as printed, read by the same reader as the PDF and the text."""

from io import StringIO

import pytest
from django.core.management import call_command

from apps.budgets.models import Budget
from apps.ingest.services import DisclosureInvalid, ingest_write, read

from .conftest import printed
from .official_workbook import official_workbook


def stored(budget: Budget) -> dict:
    """Every stored figure of the budget (the units aside: a workbook of tables lists none by name)."""
    return {
        "revenue": sorted(budget.revenuelines.values_list("source", "amount")),
        "function": sorted(budget.functionlines.values_list("code__code", "nature", "source", "amount")),
        "economic": sorted(budget.economiclines.values_list("code__code", "nature", "source", "amount")),
        "three_public": sorted(budget.three_public_lines.values_list("category", "amount")),
        "running_cost": budget.running_cost,
        "table_set": budget.table_set,
    }


def test_the_seed_tables_in_a_workbook_give_the_seed_budget(seed_budget, seed_text):
    seed_budget.delete()
    from_text = ingest_write(read(seed_text, "disclosure_205_2021.txt", department="205"))
    expected = printed(from_text)
    from_text.delete()
    content = official_workbook(seed_text.decode("utf-8"))
    budget = ingest_write(read(content, "disclosure_205_2021.xlsx", department="205"))
    assert printed(budget) == expected


def test_the_sample_tables_in_a_workbook_give_the_sample_budget(db, sample_text, tmp_path):
    from_pdf = ingest_write(read(sample_text.encode(), "wanli.txt", department="900"))
    expected = stored(from_pdf)
    government = from_pdf.department.government.name
    from_pdf.delete()
    path = tmp_path / "wanli.xlsx"
    path.write_bytes(official_workbook(sample_text))
    out = StringIO()
    err = StringIO()
    try:
        call_command(
            "ingest_disclosure", str(path), "--department", "900", "--government", government, stdout=out, stderr=err
        )
    except Exception:
        raise AssertionError(err.getvalue()) from None
    budget = Budget.objects.get(department__code="900", year=2024)
    assert budget.department.government.name == "上海市普陀区"
    assert stored(budget) == expected and len(expected["function"]) > 30
    assert "单位 万元" in out.getvalue()  # the 三公 sheet, in 万元 as printed


def test_a_workbook_with_a_wrong_figure_is_refused_naming_the_sheet_row(db, sample_text):
    content = official_workbook(sample_text.replace("4,755,518\t0\t4,755,518", "4,755,618\t0\t4,755,618"))
    with pytest.raises(DisclosureInvalid) as refused:
        ingest_write(read(content, "wanli.xlsx", department="900", government="上海市普陀区"))
    assert any("经济分类预算表" in p.sheet and p.row for p in refused.value.problems)
    assert not Budget.objects.filter(department__code="900").exists()


def test_a_file_that_is_no_workbook_is_one_problem(db):
    with pytest.raises(DisclosureInvalid) as refused:
        read(b"PK\x03\x04 broken", "tables.xlsx")
    assert len(refused.value.problems) == 1
