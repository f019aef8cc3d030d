"""The city generator: every generated budget is published and passes every
reconciliation check, the same seed gives the same data, the yearly code
lists carry the real renames, and sizes are skewed like a real city's."""

from statistics import median

import pytest
from django.core.management import CommandError, call_command

from apps.budgets.checks import run_checks
from apps.budgets.explanation import explanation_paragraphs
from apps.budgets.models import Budget, FunctionLine, Phase, Status
from apps.budgets.official import build_all
from apps.budgets.parts import BUDGET_ROWS, PROJECT_ROWS
from apps.generator import codes, store
from apps.generator.city import department_plan
from apps.generator.departments import TEMPLATES
from apps.generator.fingerprint import PART_KEYS, PROJECT_PART_KEYS, fingerprint
from apps.reference.models import ClassificationCode, Department, Scheme, Unit

YEARS = [2020, 2021]


def generate(departments: int = 5, years: list[int] = YEARS, seed: int = 1):
    return store.generate(departments, years, seed, progress=lambda done: None)


def generated_budgets():
    return Budget.objects.filter(department__in=store.generated_departments()).select_related("department")


def test_generated_budgets_are_published_and_pass_every_check(db):
    written = generate()
    budgets = list(generated_budgets())
    assert len(budgets) == written["Budget"] == 10
    for budget in budgets:
        assert (budget.status, budget.phase, budget.published_at is not None) == (Status.PUBLISHED, Phase.BUDGET, True)
        assert [str(r) for r in run_checks(budget) if not r.passed] == [], budget
    assert all(written[model.__name__] for model in (*BUDGET_ROWS, *PROJECT_ROWS))  # every part of a budget


def test_the_fingerprint_reads_every_part_of_a_budget():
    assert set(PART_KEYS) == set(BUDGET_ROWS)
    assert set(PROJECT_PART_KEYS) == set(PROJECT_ROWS)


def test_a_generated_budget_builds_its_tables_and_explanation(db):
    generate(departments=3)
    budget = generated_budgets().get(department__code="303", year=2021)  # 绍兴市卫生健康委员会
    tables = {table.slug: table for table in build_all(budget)}
    assert len(tables) == 9
    assert all(len(tables[slug].rows) > 1 for slug in ("summary", "expenditure", "general-public-basic", "projects"))
    text = "\n".join(explanation_paragraphs(budget))
    assert "绍兴市卫生健康委员会2021年收支总预算" in text
    assert "比2020年执行数" in text  # compared with the prior year stored in the narrative


def test_same_seed_same_data_other_seed_other_data(db):
    generate()
    first = fingerprint(store.generated_departments())
    store.delete_generated()
    generate()
    assert fingerprint(store.generated_departments()) == first
    store.delete_generated()
    generate(seed=2)
    assert fingerprint(store.generated_departments()) != first


def test_health_class_is_renamed_in_2019_and_the_loaded_codes_are_reused(db):
    loaded = ClassificationCode.objects.filter(year__in=[2018, 2019, 2020, 2021])
    before = dict(loaded.values_list("pk", "name"))
    generate(departments=3, years=[2018, 2019, 2020, 2021])
    assert dict(loaded.values_list("pk", "name")) == before  # nothing added or renamed
    names = dict(loaded.filter(scheme=Scheme.FUNCTION, code="210").values_list("year", "name"))
    assert names == {2018: "医疗卫生与计划生育支出", 2019: "卫生健康支出", 2020: "卫生健康支出", 2021: "卫生健康支出"}
    health = generated_budgets().get(department__code="303", year=2018)
    expenditure = next(t for t in build_all(health) if t.slug == "expenditure")
    row_names = {row.code: row.cells["name"] for row in expenditure.rows if row.code}
    assert (row_names["210"], row_names["21001"]) == ("医疗卫生与计划生育支出", "医疗卫生与计划生育管理事务")
    assert not FunctionLine.objects.filter(budget=health).exclude(code__year=2018).exists()


def test_generated_codes_and_units(db):
    generate()
    departments = store.generated_departments()
    assert sorted(departments.values_list("code", flat=True)) == ["301", "302", "303", "304", "305"]
    assert Department.objects.filter(code="205").exists()  # the seed is left alone
    for unit in Unit.objects.filter(department__in=departments).select_related("department"):
        assert unit.code[:-3] == unit.department.code and unit.code[-3:].isdigit()
        assert unit.kind in (Unit.Kind.ADMINISTRATIVE, Unit.Kind.PUBLIC_INSTITUTION)


def test_the_command_refuses_to_add_to_a_generated_city_without_replace_then_replaces_it(db):
    call_command("generate_city", departments=2, years=1, verbosity=0)
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_city", departments=2, years=1, verbosity=0)
    call_command("generate_city", departments=3, years=1, replace=True, check=True, verbosity=0)
    assert store.generated_departments().count() == 3


def test_sizes_are_skewed_a_few_large_many_small():
    totals = [department_plan(i, 1, YEARS).totals[2021] for i in range(300)]
    assert max(totals) > 50 * median(totals)
    assert sum(t < 2 * median(totals) for t in totals) > 150


def test_totals_grow_and_fall_between_years():
    changes = [p.totals[2021] / p.totals[2020] for p in (department_plan(i, 1, YEARS) for i in range(100))]
    assert min(changes) < 1 < max(changes) and 1.02 < median(changes) < 1.08


def test_a_2017_budget_uses_that_years_economic_codes(db):
    """2017's 支出经济分类 had no 30110 职工基本医疗保险缴费 or 30113 住房公积金: their money sits on
    30104 社会保障缴费 and 30311 住房公积金, and the budget still passes every check."""
    generate(departments=2, years=[2017, 2018])
    budget = generated_budgets().get(department__code="301", year=2017)
    used = set(budget.economiclines.values_list("code__code", flat=True))
    assert {"30104", "30311"} <= used and not used & {"30110", "30111", "30112", "30113", "30114"}
    assert not budget.economiclines.exclude(code__year=2017).exists()
    assert [str(r) for r in run_checks(budget) if not r.passed] == []
    later = generated_budgets().get(department__code="301", year=2018)
    assert {"30110", "30113"} <= set(later.economiclines.values_list("code__code", flat=True))


def test_every_template_code_is_a_leaf_of_every_year():
    used = {code for t in TEMPLATES for code in (t.admin_code, t.general_code, t.pi_code or t.admin_code[:5] + "50")}
    used |= {code for t in TEMPLATES for u in t.units for code in (u.basic_code, u.project_code) if code}
    used |= {code for t in TEMPLATES for _, _, code in t.projects}
    used |= {
        "2080501",
        "2080502",
        "2080505",
        "2080506",
        "2101101",
        "2101102",
        "2101103",
        "2210201",
        "2210202",
        "2210203",
    }
    for year in range(codes.FIRST_YEAR, codes.LAST_YEAR + 1):
        leaves = codes.leaves(Scheme.FUNCTION, year)
        assert {code: codes.in_year(code, year) for code in used if codes.in_year(code, year) not in leaves} == {}


def test_project_names_are_unique_within_a_unit():
    for index in range(0, 2000, 7):
        projects = department_plan(index, 1, YEARS).projects
        keys = [(p.unit, p.name) for p in projects]
        assert len(keys) == len(set(keys))


def test_postgresql_plans_a_generated_city_by_its_real_size(db):
    """Without fresh statistics PostgreSQL took 2,000 departments for two and chose plans that
    made every page of a freshly generated city several times slower."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("statistics are PostgreSQL's planner's")
    generate(departments=20, years=[2021])
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Budget._meta.db_table])
        assert cursor.fetchone()[0] == Budget.objects.count()
