from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from apps.accounts.models import EDITORS, REVIEWERS, DepartmentMember
from apps.budgets.models import Budget, FunctionLine
from apps.reference.models import ClassificationCode, Department
from apps.reference.tests.helpers import home_government


@pytest.fixture
def world(seed_budget, django_user_model):
    """Department A (the seed's 205: a published budget and a draft) and B, and one user per role."""
    department_a = seed_budget.department
    department_b = Department.objects.create(government=home_government(), code="301", name="绍兴市测试局")
    draft = Budget.objects.create(department=department_a, year=2021, phase="final")
    code = ClassificationCode.objects.get(scheme="function", year=2021, code="2010301")
    line = FunctionLine.objects.create(budget=draft, code=code, nature="personnel", amount=Decimal("100.00"))

    def staff(name: str, group: str, department=None):
        user = django_user_model.objects.create_user(name, password="pw-" + name, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        if department:
            DepartmentMember.objects.create(user=user, department=department)
        return user

    users = {
        "anonymous": None,
        "editor A": staff("editor_a", EDITORS, department_a),
        "editor B": staff("editor_b", EDITORS, department_b),
        "reviewer": staff("reviewer", REVIEWERS),
        "superuser": django_user_model.objects.create_superuser("root", password="pw-root"),
    }
    published_line = FunctionLine.objects.filter(budget=seed_budget).first()
    return {
        "published": seed_budget,
        "draft": draft,
        "line": line,
        "published_line": published_line,
        "users": users,
        "code": code,
    }


@pytest.fixture
def as_role(client, world):
    def login(role: str):
        user = world["users"][role]
        if user:
            client.force_login(user)
        return client

    return login
