"""A budget's units, and the unit of each of its lines, are its own department's:
offered that way in the admin, refused by the forms and models, and a budget
that got one anyway fails a check and cannot be published."""

from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from apps.budgets.checks import run_checks
from apps.budgets.models import Budget, FunctionLine
from apps.budgets.services import WorkflowError, budget_publish, budget_submit
from apps.reference.models import Unit


@pytest.fixture
def foreign_unit(world):
    department_b = world["users"]["editor B"].memberships.get().department
    return Unit.objects.create(department=department_b, code="301001", name="测试局本级", kind="administrative")


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_the_budget_form_offers_and_accepts_only_the_departments_units(world, foreign_unit):
    draft, request = world["draft"], admin_request(world["users"]["superuser"])
    form_class = site._registry[Budget].get_form(request, draft, change=True)
    assert foreign_unit not in form_class.base_fields["units"].queryset
    own = list(draft.department.units.values_list("pk", flat=True))
    data = {"department": draft.department_id, "year": 2021, "phase": "final", "carry_forward": "0"}
    assert form_class(data={**data, "units": own}, instance=draft).is_valid()
    refused = form_class(data={**data, "units": [*own, foreign_unit.pk]}, instance=draft)
    assert not refused.is_valid() and "units" in refused.errors


def test_a_new_budget_cannot_take_another_departments_unit(world, foreign_unit):
    request = admin_request(world["users"]["superuser"])
    form_class = site._registry[Budget].get_form(request, None, change=False)
    data = {"department": world["draft"].department_id, "year": 2019, "phase": "budget", "carry_forward": "0"}
    form = form_class(data={**data, "units": [foreign_unit.pk]})
    assert not form.is_valid() and "不属于" in str(form.errors["units"])


def test_line_rows_offer_only_the_departments_units(world, foreign_unit):
    draft, request = world["draft"], admin_request(world["users"]["superuser"])
    draft.units.set(draft.department.units.all())
    budget_admin = site._registry[Budget]
    offered = 0
    for inline in budget_admin.get_inline_instances(request, draft):
        field = inline.get_formset(request, draft).form.base_fields.get("unit")
        if field is not None:
            assert {unit.department_id for unit in field.queryset} == {draft.department_id}
            offered += 1
    assert offered


def test_a_line_with_another_departments_unit_is_invalid(world, foreign_unit):
    line = FunctionLine(
        budget=world["draft"], unit=foreign_unit, code=world["code"], nature="personnel", amount=Decimal("1.00")
    )
    with pytest.raises(ValidationError, match="不属于本预算的部门"):
        line.full_clean()


def test_a_budget_with_another_departments_unit_fails_its_checks_and_stays_unpublished(world, foreign_unit):
    draft = world["draft"]
    draft.functionlines.all().delete()  # otherwise passes every check
    draft.units.add(foreign_unit)
    FunctionLine.objects.create(budget=draft, unit=foreign_unit, code=world["code"], nature="personnel", amount=0)
    failing = [str(result) for result in run_checks(draft) if not result.passed]
    assert any("须属于本部门" in failure for failure in failing), failing
    budget_submit(budget=draft, user=world["users"]["editor A"])
    with pytest.raises(WorkflowError, match="校验不符"):
        budget_publish(budget=draft, user=world["users"]["reviewer"])
    assert Budget.objects.get(pk=draft.pk).status == "submitted"
