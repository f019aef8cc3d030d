"""Reference data shared by every budget: who spends (departments and their
budget units), on what (the yearly classification trees) and the glossary."""

from django.db import models


class Department(models.Model):
    code = models.CharField("部门编码", max_length=20, unique=True)
    name = models.CharField("部门名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True, help_text="如 市信访局，用于汇总行")
    alias = models.CharField(
        "另一名称", max_length=100, blank=True, help_text="如 市统一政务咨询投诉举报平台管理办公室"
    )
    alias_short = models.CharField("另一名称简称", max_length=50, blank=True, help_text="如 市政务平台办，用于说明正文")

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def title(self) -> str:
        """The name as it heads a disclosure: 绍兴市信访局（市统一政务咨询投诉举报平台管理办公室）."""
        return f"{self.name}（{self.alias}）" if self.alias else self.name

    @property
    def narrative_name(self) -> str:
        """The name as the 说明 paragraphs use it: 绍兴市信访局（市政务平台办）."""
        return f"{self.name}（{self.alias_short}）" if self.alias_short else self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Unit(models.Model):
    class Kind(models.TextChoices):
        ADMINISTRATIVE = "administrative", "行政单位"
        PUBLIC_INSTITUTION = "public_institution", "事业单位"
        OTHER = "other", "其他"

    department = models.ForeignKey(Department, verbose_name="部门", on_delete=models.PROTECT, related_name="units")
    code = models.CharField("单位编码", max_length=20, unique=True)
    name = models.CharField("单位名称", max_length=100)
    kind = models.CharField("单位性质", max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = "预算单位"
        verbose_name_plural = "预算单位"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Scheme(models.TextChoices):
    FUNCTION = "function", "支出功能分类"
    ECONOMIC = "economic", "部门预算支出经济分类"


# Code length → level name. Function codes are 类/款/项 (3/5/7 digits),
# economic codes 类/款 (3/5 digits).
LEVEL_NAMES = {3: "类", 5: "款", 7: "项"}
LEVEL_LENGTHS = {Scheme.FUNCTION: (3, 5, 7), Scheme.ECONOMIC: (3, 5)}


class ClassificationCode(models.Model):
    """One code of one year's official list; the lists are revised yearly, so a
    code belongs to its year and a budget uses the tree of its own year."""

    scheme = models.CharField("分类", max_length=10, choices=Scheme.choices)
    year = models.PositiveSmallIntegerField("年度")
    code = models.CharField("科目编码", max_length=7)
    name = models.CharField("科目名称", max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name="上级科目", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = "科目"
        verbose_name_plural = "科目"
        ordering = ["scheme", "year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year", "code"], name="unique_code_per_scheme_year"),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{3}([0-9]{2}){0,2}$"), name="code_is_3_5_or_7_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def level(self) -> str:
        return LEVEL_NAMES[len(self.code)]


class GlossaryTerm(models.Model):
    """名词解释: shared by every budget, shown where the terms appear."""

    term = models.CharField("名词", max_length=200, unique=True)
    definition = models.TextField("解释")
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "名词解释"
        verbose_name_plural = "名词解释"
        ordering = ["position", "term"]

    def __str__(self) -> str:
        return self.term
