"""The figures of published budgets, stored when a budget is published and removed when it is withdrawn.

A published budget cannot change, so what its lines add up to (every measure of apps/budgets/measures.py,
for the whole budget and for every code prefix of each classification) is computed once, by the same
grouped sums the live pages use on drafts, and read by public pages, exports and the API. The city's
figures per year and code are the sums of its published 预算's figures, written in the same transaction,
with its largest projects."""

from django.db import models

from apps.budgets.fields import MoneyField
from apps.budgets.measures import MEASURES
from apps.reference.models import Government, Scheme


class StoredFigures(models.Model):
    scheme = models.CharField("分类", max_length=10, choices=Scheme.choices)
    code = models.CharField("科目编码前缀", max_length=12, blank=True)  # "": the whole, every code

    class Meta:
        abstract = True


# One column a measure: a row carries every figure of one code, so a table row is one stored row.
for measure in MEASURES.values():
    StoredFigures.add_to_class(measure.key, MoneyField(measure.label, null=True))


class BudgetFigures(StoredFigures):
    budget = models.ForeignKey("budgets.Budget", on_delete=models.CASCADE, related_name="figures")

    class Meta:
        verbose_name = verbose_name_plural = "已公开预算的合计数"
        constraints = [models.UniqueConstraint(fields=["budget", "scheme", "code"], name="unique_budget_figures")]
        # Code pages: departments by their amount for one code, largest first. Read in this order, a page of
        # fifty stops after about fifty rows a year instead of sorting every department's row of the code.
        indexes = [models.Index(fields=["scheme", "code", "-total"], name="budget_figures_by_amount")]


class CityFigures(StoredFigures):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField("年度")
    departments = models.PositiveIntegerField("部门数")
    published_at = models.DateTimeField("最近公开时间", null=True)

    class Meta:
        verbose_name = verbose_name_plural = "全市（区）各年度合计数"
        constraints = [
            models.UniqueConstraint(fields=["government", "year", "scheme", "code"], name="unique_city_figures"),
        ]
        # The pages read one code's rows of every government or year: its history, its total, the
        # published years (the whole's rows, code ""). Without it, each read every stored code.
        indexes = [models.Index(fields=["code", "scheme", "year"], name="city_figures_by_code")]


class CityProject(models.Model):
    """One of the city's largest projects of a year (the home page names the first few), kept with its figures."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="largest_projects")
    year = models.PositiveSmallIntegerField("年度")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    total = MoneyField("项目金额")

    class Meta:
        verbose_name = verbose_name_plural = "全市（区）各年度最大的项目"
        indexes = [models.Index(fields=["year", "-total"], name="city_projects_by_size")]
