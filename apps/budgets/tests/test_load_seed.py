"""`load_seed` adds the seed beside what a database holds and never writes over it: not another
budget stored under the seed's primary keys, not a staff edit to a seeded row."""

import json
from decimal import Decimal

from django.conf import settings
from django.core.management import call_command

from apps.budgets.checks import run_checks
from apps.budgets.models import Budget, FunctionLine, Status
from apps.projects.models import Project
from apps.reference.models import ClassificationCode, Department, GlossaryTerm, Government, Unit

FIXTURE = json.loads((settings.BASE_DIR / "fixtures" / "budget_205_2021.json").read_text(encoding="utf-8"))


def fixture_sum(model: str) -> Decimal:
    return sum(Decimal(o["fields"]["amount"]) for o in FIXTURE if o["model"] == model)


def another_budget_at_the_seed_keys() -> Budget:
    """What an import before the seed leaves: another government's department, unit, budget, line and
    project, each at primary key 1, where the fixture puts the seed's."""
    Budget.objects.all().delete()
    Unit.objects.all().delete()
    Department.objects.all().delete()
    district = Government.objects.create(name="上海市普陀区", code="310107", level=Government.Level.DISTRICT)
    department = Department.objects.create(pk=1, government=district, code="900", name="万里街道办事处")
    unit = Unit.objects.create(pk=1, department=department, code="900001", name="万里街道办事处本级")
    budget = Budget.objects.create(pk=1, department=department, year=2021)
    code = ClassificationCode.objects.get(scheme="function", year=2021, code="2010301")
    FunctionLine.objects.create(pk=1, budget=budget, unit=unit, code=code, nature="personnel", amount=Decimal("7.01"))
    Project.objects.create(pk=1, budget=budget, unit=unit, name="社区公共服务中心新建工程")
    return budget


def test_the_seed_loads_beside_a_budget_holding_its_keys(db):
    other = another_budget_at_the_seed_keys()
    call_command("load_seed", verbosity=0)
    other.refresh_from_db()
    assert (other.department.code, other.department.name, other.year) == ("900", "万里街道办事处", 2021)
    assert [(u.code, u.name) for u in Unit.objects.filter(department=other.department)] == [
        ("900001", "万里街道办事处本级")
    ]
    assert [line.amount for line in other.functionlines.all()] == [Decimal("7.01")]
    assert [p.name for p in other.projects.all()] == ["社区公共服务中心新建工程"]
    seed = Budget.objects.get(department__code="205", year=2021)
    assert seed.pk != other.pk and seed.department.name == "绍兴市信访局"
    assert [u.code for u in seed.units.all()] == ["205001", "205002"]
    assert FunctionLine.objects.filter(budget=seed).total() == fixture_sum("budgets.functionline")
    assert seed.projects.count() == 12 and seed.narrative.budget_id == seed.pk
    assert [check.name for check in run_checks(seed) if not check.passed] == []
    # Each added row has its first version, for the admin's history of the first edit.
    lines = sum(1 for o in FIXTURE if o["model"] == "budgets.functionline")
    assert (seed.history.count(), FunctionLine.history.filter(budget_id=seed.pk).count()) == (1, lines)


def test_loading_the_seed_again_keeps_what_staff_changed(seed_budget):
    GlossaryTerm.objects.filter(term="财政拨款收入").update(definition="本站改写的解释。")
    Budget.objects.filter(pk=seed_budget.pk).update(status=Status.DRAFT)
    call_command("load_seed", verbosity=0)
    assert GlossaryTerm.objects.get(term="财政拨款收入").definition == "本站改写的解释。"
    seed_budget.refresh_from_db()
    assert seed_budget.status == Status.DRAFT  # withdrawn stays withdrawn
    assert Budget.objects.count() == 1


def test_loading_the_seed_again_after_its_government_was_renamed(seed_budget):
    # The fixture names it 绍兴市本级, code 330600; staff renamed it. It is still the seed's government.
    Government.objects.filter(code="330600").update(name="绍兴市")
    call_command("load_seed", verbosity=0)
    assert list(Government.objects.values_list("code", "name", "primary")) == [("330600", "绍兴市", True)]
    assert Budget.objects.count() == 1 and Department.objects.count() == 1
