"""django-filter sets of the list pages. Amount bounds are typed in the
reader's unit (`?unit=wan&min_total=10` is 10万元) and compared in whole cents
by the database; a bound that is not a number gets the form's Chinese message."""

from decimal import Decimal

import django_filters
from django.db.models import Q, QuerySet

from apps.budgets.models import Budget
from apps.projects.models import Project

from .links import request_unit

# 14 digits, 2 decimals: even in 万元 the bound fits the database's integer cents.
AMOUNT_FIELD = {"min_value": Decimal("0"), "max_digits": 14, "decimal_places": 2}


class AmountFilter(django_filters.NumberFilter):
    """An amount bound in the reader's unit, converted to yuan before comparing."""

    def __init__(self, **kwargs):
        super().__init__(**AMOUNT_FIELD, **kwargs)

    def filter(self, qs: QuerySet, value: Decimal | None) -> QuerySet:
        if value is not None:
            value = value * request_unit(self.parent.request).divisor
        return super().filter(qs, value)


class UnitLabelsMixin:
    """Labels the amount bounds with the reader's unit: 支出总计不低于（万元）."""

    amount_labels: dict[str, str] = {}

    def label_amounts(self) -> None:
        unit = request_unit(self.request).label
        for name, label in self.amount_labels.items():
            self.filters[name].label = f"{label}（{unit}）"


class DepartmentBudgetFilter(UnitLabelsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(method="name_or_code", label="部门名称或编码", max_length=50)
    min_total = AmountFilter(field_name="total", lookup_expr="gte")
    max_total = AmountFilter(field_name="total", lookup_expr="lte")
    amount_labels = {"min_total": "支出总计不低于", "max_total": "支出总计不高于"}

    class Meta:
        model = Budget
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_amounts()

    def name_or_code(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        words = Q(department__name__icontains=value) | Q(department__short_name__icontains=value)
        return qs.filter(words | Q(department__alias__icontains=value) | Q(department__code=value))


class ProjectFilter(UnitLabelsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="项目名称", max_length=50)
    kind = django_filters.ChoiceFilter(label="类型", empty_label="全部类型")
    unit_code = django_filters.ChoiceFilter(field_name="unit__code", label="项目单位", empty_label="全部单位")
    min_total = AmountFilter(field_name="total", lookup_expr="gte")
    max_total = AmountFilter(field_name="total", lookup_expr="lte")
    amount_labels = {"min_total": "金额不低于", "max_total": "金额不高于"}

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, *args, budget: Budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_amounts()
        kinds = Project.objects.filter(budget=budget).order_by("kind").values_list("kind", flat=True).distinct()
        self.filters["kind"].extra["choices"] = [(kind, kind) for kind in kinds]
        self.filters["unit_code"].extra["choices"] = [(u.code, u.name) for u in budget.units.all()]
