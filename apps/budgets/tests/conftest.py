"""A 2022 draft of the seed's department with a few 2022 codes, and one user per role."""

import pytest
from django.contrib.auth.models import Group

from apps.accounts.models import EDITORS, REVIEWERS, DepartmentMember
from apps.budgets.models import Budget
from apps.reference.models import ClassificationCode, Department, Scheme
from apps.reference.tests.helpers import home_government


def make_codes(year: int, rows: list[tuple[str, str, str]]) -> dict[str, ClassificationCode]:
    """Codes of one year: (scheme, code, name), parents first; the national list's rows where migrate loaded them."""
    made = {}
    for scheme, code, name in rows:
        parent = made.get(code[:-2]) if len(code) > 3 else None
        made[code], _ = ClassificationCode.objects.get_or_create(
            scheme=scheme, year=year, code=code, defaults={"name": name, "parent": parent}
        )
    return made


@pytest.fixture
def codes_2022(db):
    return make_codes(
        2022,
        [
            (Scheme.FUNCTION, "201", "一般公共服务支出"),
            (Scheme.FUNCTION, "20103", "政府办公厅（室）及相关机构事务"),
            (Scheme.FUNCTION, "2010301", "行政运行"),
            (Scheme.FUNCTION, "2010350", "事业运行"),
            (Scheme.FUNCTION, "208", "社会保障和就业支出"),
            (Scheme.FUNCTION, "20805", "行政事业单位养老支出"),
            (Scheme.FUNCTION, "2080505", "机关事业单位基本养老保险缴费支出"),
        ],
    ) | make_codes(
        2022,
        [
            (Scheme.ECONOMIC, "301", "工资福利支出"),
            (Scheme.ECONOMIC, "30101", "基本工资"),
        ],
    )


@pytest.fixture
def users(seed_budget, django_user_model):
    def staff(name, group, department=None):
        user = django_user_model.objects.create_user(name, password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        if department:
            DepartmentMember.objects.create(user=user, department=department)
        return user

    other = Department.objects.create(government=home_government(), code="301", name="绍兴市测试局")
    return {
        "editor": staff("editor", EDITORS, seed_budget.department),
        "other": staff("other", EDITORS, other),
        "reviewer": staff("reviewer", REVIEWERS),
    }


@pytest.fixture
def draft(seed_budget, codes_2022):
    budget = Budget.objects.create(department=seed_budget.department, year=2022)
    budget.units.set(seed_budget.units.all())
    return budget
