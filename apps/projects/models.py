"""项目支出: a budget's projects, their funding by source and their
performance indicators (绩效目标)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from simple_history.models import HistoricalRecords

from apps.budgets.models import PROJECT_SOURCES, Budget, LineItemQuerySet, Source, money
from apps.budgets.unit_scope import check_unit_scope
from apps.reference.models import ClassificationCode, Scheme, Unit


def funding_sums(path: str = "") -> dict[str, Sum]:
    """Project money, defined once: `total` and `<source>_amount` for each source, over the
    ProjectFunding rows reached through `path` ("fundings__" from a project); None where none is given."""
    by_source = {
        f"{source.value}_amount": Sum(f"{path}amount", filter=Q(**{f"{path}source": source}))
        for source in (*PROJECT_SOURCES, Source.UNSPECIFIED)
    }
    return {"total": Sum(f"{path}amount"), **by_source}


class ProjectQuerySet(models.QuerySet):
    def with_total(self) -> "ProjectQuerySet":
        """Each project's total: the sum of its funding (None for a project with none)."""
        return self.annotate(total=funding_sums("fundings__")["total"])

    def with_amounts(self) -> "ProjectQuerySet":
        """Each project's total and its amount per funding source, summed by the
        database (None where the project has no money from that source)."""
        return self.annotate(**funding_sums("fundings__"))

    def for_tables(self) -> "ProjectQuerySet":
        """Projects in the official order with their amounts, unit and function
        code, and indicators prefetched: two queries for any number of projects."""
        return (
            self.with_amounts()
            .select_related("unit", "function_code")
            .prefetch_related("indicators")
            .order_by("unit__code", "position", "id")
        )

    def for_project_list(self) -> "ProjectQuerySet":
        """Projects with their amounts, unit and function code for the public
        project list (filtered and sorted by the reader): one query, no indicators."""
        return self.with_amounts().select_related("unit", "function_code").order_by("unit__code", "position", "id")


class Project(models.Model):
    budget = models.ForeignKey(Budget, verbose_name="部门预算", on_delete=models.CASCADE, related_name="projects")
    unit = models.ForeignKey(
        Unit,
        verbose_name="项目单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="文件未列项目单位的留空",
    )
    position = models.PositiveIntegerField("顺序", default=0)
    kind = models.CharField("类型", max_length=100, blank=True, help_text="如 重大宣传、活动类项目")
    name = models.CharField("项目名称", max_length=200)
    function_code = models.ForeignKey(
        ClassificationCode,
        verbose_name="功能科目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"scheme": Scheme.FUNCTION},
        help_text="文件未列项目科目的留空",
    )
    goal = models.TextField("总体绩效目标", blank=True)

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords()

    def clean(self) -> None:
        check_unit_scope(self)

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["budget", "unit__code", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "unit", "name"], condition=Q(unit__isnull=False), name="unique_project_per_unit"
            ),
            models.UniqueConstraint(
                fields=["budget", "name"], condition=Q(unit__isnull=True), name="unique_project_no_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit.name}）" if self.unit_id else self.name


class ProjectFunding(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fundings")
    source = models.CharField(
        "资金来源",
        max_length=30,
        choices=[(s.value, s.label) for s in (*PROJECT_SOURCES, Source.UNSPECIFIED)],
        default=Source.GENERAL,
    )
    amount = money("金额（元）")

    objects = LineItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目资金"
        verbose_name_plural = "项目资金"
        ordering = ["project", "source"]
        constraints = [
            models.UniqueConstraint(fields=["project", "source"], name="one_funding_per_project_source"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="project_funding_not_negative"),
            models.CheckConstraint(
                condition=Q(source__in=(*PROJECT_SOURCES, Source.UNSPECIFIED)), name="project_funding_source_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.amount}"


class Indicator(models.Model):
    class Operator(models.TextChoices):
        GE = "≥", "≥"
        LE = "≤", "≤"
        EQ = "=", "="
        GT = ">", ">"
        LT = "<", "<"
        QUALITATIVE = "定性", "定性"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField("顺序", default=0)
    level1 = models.CharField("一级指标", max_length=50)
    level2 = models.CharField("二级指标", max_length=50)
    name = models.CharField("三级指标", max_length=200)
    operator = models.CharField("计算符号", max_length=4, choices=Operator.choices)
    value = models.CharField("指标值", max_length=200, help_text="数值，或 及时、2021年10月底前 等文字")
    measure_unit = models.CharField("计量单位", max_length=20, blank=True)
    weight = models.DecimalField(
        "指标权重", max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"
        ordering = ["project", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0) & Q(weight__lte=100), name="indicator_weight_0_to_100")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.operator} {self.value}{self.measure_unit}"
