"""A department's budget for one year and phase, and everything inside it.

Only leaf figures are stored (one amount per code, nature, source and unit;
one per project and funding source; one per unit and 三公 category). Every
subtotal and total of the official tables is computed from them by the
database, so no figure is ever typed twice; a published budget's figures are
kept, once computed, in figures.py."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, FilteredRelation, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from apps.budgets.fields import MoneyField
from apps.reference.models import ClassificationCode, Department, Scheme, Unit


def money(verbose_name: str, **kwargs) -> MoneyField:
    return MoneyField(verbose_name, validators=[MinValueValidator(Decimal("0"))], **kwargs)


class Phase(models.TextChoices):
    BUDGET = "budget", "预算"
    FINAL = "final", "决算"
    ADJUSTED = "adjusted", "调整预算"


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    PUBLISHED = "published", "已公开"


class Nature(models.TextChoices):
    PERSONNEL = "personnel", "基本支出·人员支出"
    PUBLIC = "public", "基本支出·公用经费"
    PROJECT = "project", "项目支出"
    SUBSIDY = "subsidy", "对附属单位补助支出"
    REMITTANCE = "remittance", "上缴上级支出"
    BUSINESS = "business", "事业单位经营支出"
    # Last, so that choosing a nature by keyboard reaches the common ones first.
    BASIC = "basic", "基本支出（未分人员、公用）"


# 基本支出 as a whole; a document that does not split it by function code is
# held as Nature.BASIC, never as an invented 人员/公用 split.
BASIC_NATURES = (Nature.PERSONNEL, Nature.PUBLIC, Nature.BASIC)
SPLIT_BASIC_NATURES = (Nature.PERSONNEL, Nature.PUBLIC)


class Source(models.TextChoices):
    """Where the money of an expenditure line or a project comes from."""

    GENERAL = "general", "一般公共预算"
    GOV_FUND = "gov_fund", "政府性基金预算"
    STATE_CAPITAL = "state_capital", "国有资本经营预算"
    SPECIAL_ACCOUNT = "special_account", "财政专户管理资金"
    UNIT = "unit", "单位资金"
    CARRYOVER_GENERAL = "carryover_general", "上年结转·一般公共预算"
    CARRYOVER_GOV_FUND = "carryover_gov_fund", "上年结转·政府性基金预算"
    CARRYOVER_STATE_CAPITAL = "carryover_state_capital", "上年结转·国有资本经营预算"
    CARRYOVER_SPECIAL_ACCOUNT = "carryover_special_account", "上年结转·财政专户"
    CARRYOVER_UNIT = "carryover_unit", "上年结转·单位资金"
    UNSPECIFIED = "unspecified", "未列明来源"


# 财政拨款: money appropriated by the finance bureau, this year or carried over.
FISCAL_SOURCES = (
    Source.GENERAL,
    Source.GOV_FUND,
    Source.STATE_CAPITAL,
    Source.CARRYOVER_GENERAL,
    Source.CARRYOVER_GOV_FUND,
    Source.CARRYOVER_STATE_CAPITAL,
)
# The funding columns of the official 项目支出表.
PROJECT_SOURCES = (
    Source.GENERAL,
    Source.GOV_FUND,
    Source.CARRYOVER_GENERAL,
    Source.CARRYOVER_GOV_FUND,
    Source.SPECIAL_ACCOUNT,
    Source.UNIT,
)


class RevenueSource(models.TextChoices):
    GENERAL = "general", "一般公共预算拨款收入"
    GOV_FUND = "gov_fund", "政府性基金预算拨款收入"
    STATE_CAPITAL = "state_capital", "国有资本经营预算拨款收入"
    SPECIAL_ACCOUNT = "special_account", "专户资金"
    OPERATIONS = "operations", "事业收入（不含专户资金）"
    BUSINESS = "business", "事业单位经营收入"
    HIGHER_SUBSIDY = "higher_subsidy", "上级补助预算收入"
    AFFILIATE = "affiliate", "附属单位上缴预算收入"
    OTHER = "other", "其他收入"
    PRIOR_BALANCES = "prior_balances", "动用历年结转结余"
    CARRYOVER_GENERAL = "carryover_general", "上年结转·一般公共预算结转"
    CARRYOVER_GOV_FUND = "carryover_gov_fund", "上年结转·政府性基金结转"
    CARRYOVER_STATE_CAPITAL = "carryover_state_capital", "上年结转·国有资本经营预算结转"
    CARRYOVER_SPECIAL_ACCOUNT = "carryover_special_account", "上年结转·财政专户结转"
    CARRYOVER_UNIT = "carryover_unit", "上年结转·单位资金"


class TableSet(models.TextChoices):
    """Which province's set of official tables a budget's document publishes;
    pages and workbooks show the budget in that set, and checks compare only
    what the set holds."""

    ZHEJIANG = "zhejiang", "浙江格式（收支预算总表……项目绩效目标表）"
    SHANGHAI = "shanghai", "上海格式（财务收支预算总表……“三公”经费和机关运行经费预算表）"


class ThreePublicCategory(models.TextChoices):
    OVERSEAS = "overseas", "因公出国（境）费用"
    VEHICLE_PURCHASE = "vehicle_purchase", "公务用车购置费"
    VEHICLE_RUNNING = "vehicle_running", "公务用车运行维护费"
    RECEPTION = "reception", "公务接待费"


class BudgetQuerySet(models.QuerySet):
    def published(self) -> "BudgetQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, department_ids: list[int] | None) -> "BudgetQuerySet":
        """Published budgets, and the unpublished ones of these departments (None: of every department).
        Who sees which is access policy: accounts.scoping.drafts_visible_to(user) gives the ids."""
        if department_ids is None:
            return self
        if not department_ids:
            return self.published()
        return self.filter(Q(status=Status.PUBLISHED) | Q(department_id__in=department_ids))

    def at_address(self, department: str, year: int, phase: str) -> "BudgetQuerySet":
        """The budget a URL names (department key as Department.url_key gives it)."""
        departments = Department.objects.by_url_key(department)
        return self.filter(department__in=departments, year=year, phase=phase)

    def for_budget_page(self) -> "BudgetQuerySet":
        """Everything a budget page shows about the budget itself, in two queries
        (the budget with department, government and narrative, then its units)."""
        return self.select_related("department__government", "narrative").prefetch_related("units")

    def for_home_page(self) -> "BudgetQuerySet":
        """Published budgets with their department and spending totals (total, basic, project) from their
        stored whole figures: the home page's sortable, filterable list of departments in one query
        however many departments there are."""
        whole = FilteredRelation("figures", condition=Q(figures__scheme=Scheme.FUNCTION, figures__code=""))
        return (
            self.select_related("department__government")
            .annotate(whole=whole)
            .annotate(total=F("whole__total"), basic=F("whole__basic_total"), project=F("whole__project"))
        )

    def for_department_list(self) -> "BudgetQuerySet":
        """`for_home_page` with only the columns a list of budgets shows and links to (code, name, short
        name, the URL's key and phase), as model instances: the home page's largest departments, built
        from a third of the columns, which is most of what fetching them costs."""
        return self.for_home_page().only(*Budget.LINK_FIELDS)


class Budget(models.Model):
    department = models.ForeignKey(Department, verbose_name="部门", on_delete=models.PROTECT, related_name="budgets")
    year = models.PositiveSmallIntegerField("年度")
    phase = models.CharField("阶段", max_length=10, choices=Phase.choices, default=Phase.BUDGET)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    units = models.ManyToManyField(Unit, verbose_name="预算单位", related_name="budgets")
    carry_forward = money("结转下年", default=Decimal("0"))
    table_set = models.CharField("公开表格式", max_length=10, choices=TableSet.choices, default=TableSet.ZHEJIANG)
    running_cost = money(
        "机关运行经费（文件所列）", null=True, blank=True, help_text="文件直接列出的机关运行经费；未列出的留空"
    )
    published_at = models.DateTimeField("公开时间", null=True, blank=True, db_index=True)  # the public version
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True, db_index=True)  # the publication version

    objects = BudgetQuerySet.as_manager()
    # The columns `get_absolute_url` and the department's label read (see Department.LINK_FIELDS).
    LINK_FIELDS = ("year", "phase", *(f"department__{field}" for field in Department.LINK_FIELDS))
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        verbose_name = "部门预算"
        verbose_name_plural = "部门预算"
        ordering = ["-year", "department__code", "phase"]
        permissions = [
            ("submit_budget", "可以提交预算审核"),
            ("publish_budget", "可以公开、撤回预算"),
            ("restore_budget", "可以恢复预算的历史版本"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year", "phase"], name="one_budget_per_department_year_phase"
            ),
            models.CheckConstraint(condition=Q(carry_forward__gte=0), name="carry_forward_not_negative"),
        ]
        indexes = [
            models.Index(fields=["status", "year"], name="budgets_by_status_year"),  # published_years
            # A department's published budgets by year: the budget page's other years and its history. SQLite,
            # which plans without statistics, took the index above for as selective and read every published
            # budget of the city to find one department's.
            models.Index(fields=["department", "status", "year"], name="budgets_of_department_by_year"),
        ]

    def __str__(self) -> str:
        return f"{self.department.name} {self.year}年{self.get_phase_display()}"

    @property
    def title(self) -> str:
        return f"{self.department.title}{self.year}年部门{self.get_phase_display()}"

    @property
    def level_label(self) -> str:
        """市级 or 区级 …, as the tables' titles say it (2021年市级部门收支预算总表)."""
        return self.department.government.get_level_display()

    @property
    def url_kwargs(self) -> dict:
        """The 预算 phase owns the short URL; other phases add a segment (…/2021/final/)."""
        kwargs = {"department": self.department.url_key, "year": self.year}
        return kwargs if self.phase == Phase.BUDGET else {**kwargs, "phase": self.phase}

    def get_absolute_url(self) -> str:
        return reverse("public:budget", kwargs=self.url_kwargs)

    @property
    def stored_narrative(self) -> "BudgetNarrative":
        """The stored narrative, or a blank one for a budget that has none yet."""
        try:
            return self.narrative
        except BudgetNarrative.DoesNotExist:
            return BudgetNarrative(budget=self)


class BudgetNarrative(models.Model):
    """What the data cannot give: the stored part of the narrative. The 说明's
    figures, shares and comparison sentences are generated from the line items
    and the prior-year amounts kept here (see explanation.py)."""

    budget = models.OneToOneField(Budget, on_delete=models.CASCADE, primary_key=True, related_name="narrative")
    duties = models.TextField("主要职能", blank=True, help_text="每行一条")
    unit_composition = models.TextField("部门预算单位构成", blank=True)
    prior_general_actual = money("上年一般公共预算拨款执行数", null=True, blank=True)
    general_change_reason = models.CharField("一般公共预算拨款变化原因", max_length=500, blank=True)
    overseas_note = models.CharField("因公出国（境）费用说明", max_length=500, blank=True)
    prior_overseas = money("上年因公出国（境）费用预算", null=True, blank=True)
    reception_purpose = models.CharField("公务接待费用途", max_length=500, blank=True)
    reception_change_reason = models.CharField("公务接待费变化原因", max_length=500, blank=True)
    prior_reception = money("上年公务接待费预算", null=True, blank=True)
    vehicle_change_reason = models.CharField("公务用车费用变化原因", max_length=500, blank=True)
    prior_vehicle = money("上年公务用车购置及运行维护费预算", null=True, blank=True)
    vehicles_cars = models.PositiveSmallIntegerField("购置轿车（辆）", default=0)
    vehicles_vans = models.PositiveSmallIntegerField("购置商务（面包）车（辆）", default=0)
    vehicles_buses = models.PositiveSmallIntegerField("购置客车（辆）", default=0)
    prior_running_cost = money("上年机关运行经费预算", null=True, blank=True)
    running_cost_change_reason = models.CharField("机关运行经费变化原因", max_length=500, blank=True)
    procurement_goods = money("政府采购货物预算", default=Decimal("0"))
    procurement_works = money("政府采购工程预算", default=Decimal("0"))
    procurement_services = money("政府采购服务预算", default=Decimal("0"))
    assets_note = models.TextField("国有资产占有使用情况", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "预算说明（存储部分）"
        verbose_name_plural = "预算说明（存储部分）"

    def __str__(self) -> str:
        return f"{self.budget} 说明"

    @property
    def duty_list(self) -> list[str]:
        return [line.strip() for line in self.duties.splitlines() if line.strip()]


class NarrativeSection(models.Model):
    """One section of the narrative as the document has it, in its order and
    under its own heading (主要职能, 机构设置, 其他相关情况说明 …); a project's own
    sections (项目概况, 立项依据 …) name the project."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="sections")
    project = models.ForeignKey(
        "projects.Project",
        verbose_name="项目",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sections",
    )
    position = models.PositiveIntegerField("顺序")
    heading = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "说明章节"
        verbose_name_plural = "说明章节"
        ordering = ["budget", "position"]
        constraints = [models.UniqueConstraint(fields=["budget", "position"], name="one_section_per_position")]

    def __str__(self) -> str:
        return self.heading


class Finding(models.Model):
    """Where the document disagrees with itself: a total it prints that its own
    rows do not give. The rows are what is stored; the finding keeps the printed
    figure beside them, shown with the table, and never blocks publishing."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="findings")
    table = models.CharField("表", max_length=100)
    row = models.CharField("行", max_length=200)
    stated = MoneyField("原文")
    computed = MoneyField("明细合计")
    location = models.CharField("位置", max_length=100, blank=True, help_text="如 第12页")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "文件自身不一致之处"
        verbose_name_plural = "文件自身不一致之处"
        ordering = ["budget", "id"]

    def __str__(self) -> str:
        return f"{self.table}·{self.row}：{self.sentence}"

    @property
    def difference(self) -> Decimal:
        return self.stated - self.computed

    @property
    def sentence(self) -> str:
        return f"原文 {self.stated:,.2f}，明细合计 {self.computed:,.2f}，相差 {abs(self.difference):,.2f}"


class FunctionPurpose(models.Model):
    """主要用于…: what one function code's money is for, in one budget."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="function_purposes")
    code = models.ForeignKey(
        ClassificationCode,
        verbose_name="功能科目",
        on_delete=models.PROTECT,
        limit_choices_to={"scheme": Scheme.FUNCTION},
    )
    text = models.CharField("主要用途", max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "科目用途说明"
        verbose_name_plural = "科目用途说明"
        ordering = ["code__code"]
        constraints = [models.UniqueConstraint(fields=["budget", "code"], name="one_purpose_per_budget_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class StatusChange(models.Model):
    """Every submission, publication, withdrawal and return, with who and why."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField("原状态", max_length=10, choices=Status.choices)
    to_status = models.CharField("新状态", max_length=10, choices=Status.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL)
    reason = models.TextField("原因", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "状态变更"
        verbose_name_plural = "状态变更"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.budget} {self.get_from_status_display()} → {self.get_to_status_display()}"


# Last, in this order: the lines build on the models above, and the stored figures' columns are the
# measures, which are defined on the lines and the choices above.
from .lines import (  # noqa: E402, F401, I001
    EconomicLine,
    FunctionLine,
    LineItem,
    LineItemQuerySet,
    RevenueLine,
    ThreePublicLine,
    unique_per_unit,
)
from .figures import BudgetFigures, CityFigures, CityProject  # noqa: E402, F401
