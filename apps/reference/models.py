"""Reference data shared by every budget: who spends (departments and their
budget units), on what (the yearly classification trees) and the glossary."""

from django.db import models
from django.db.models import Q


class GovernmentManager(models.Manager):
    def get_by_natural_key(self, name: str) -> "Government":
        return self.get(name=name)

    def by_url_prefix(self, prefix: str) -> models.QuerySet:
        """The government a URL or ?government= names: its 行政区划代码, or g<id> (see Government.url_prefix)."""
        if prefix[:1] == "g" and prefix[1:].isascii() and prefix[1:].isdigit():
            return self.filter(pk=int(prefix[1:]))
        return self.filter(code=prefix)


class Government(models.Model):
    """A level of government whose departments publish budgets (行政区划): 绍兴市本级,
    上海市普陀区. Department codes are unique only within one government."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"
        DISTRICT = "district", "区级"

    code = models.CharField(
        "行政区划代码", max_length=12, blank=True, help_text="如 330600（绍兴市）、310107（普陀区）；文件未列的留空"
    )
    name = models.CharField("名称", max_length=100, unique=True, help_text="如 绍兴市本级、上海市普陀区")
    level = models.CharField("级次", max_length=10, choices=Level.choices)
    primary = models.BooleanField(
        "本站主体", default=False, help_text="本站主体的部门网址不带行政区划代码（/departments/205/2021/）"
    )

    # Moves the public pages' cache key (apps/budgets/caching.py): a rename is seen at once.
    # Blank for rows loaded raw (fixtures) and never edited since.
    updated_at = models.DateTimeField("修改时间", auto_now=True, null=True, db_index=True)
    objects = GovernmentManager()

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["-primary", "code"]
        constraints = [
            models.UniqueConstraint(fields=["primary"], condition=Q(primary=True), name="one_primary_government"),
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="government_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.name,)

    @property
    def whole(self) -> str:
        """How its pages name all its departments together: 全市, 全区 …"""
        return {"province": "全省", "city": "全市", "county": "全县", "district": "全区"}[self.level]

    @property
    def url_prefix(self) -> str:
        return self.prefix_of(self.code, self.pk)

    @staticmethod
    def prefix_of(code: str, pk: int) -> str:
        """The URL segment before a department code: the 行政区划代码, or g<id> where none is known."""
        return code or f"g{pk}"


class DepartmentQuerySet(models.QuerySet):
    def by_url_key(self, key: str) -> "DepartmentQuerySet":
        """The department a URL names: its code in the primary government, or
        行政区划代码-部门编码 (310107-900) in any other."""
        government, _, code = key.rpartition("-")
        if not government:
            return self.filter(government__primary=True, code=code)
        if government[0] == "g" and government[1:].isascii() and government[1:].isdigit():
            return self.filter(government_id=int(government[1:]), code=code)
        return self.filter(government__code=government, code=code)


class Department(models.Model):
    government = models.ForeignKey(
        Government, verbose_name="行政区划", on_delete=models.PROTECT, related_name="departments"
    )
    code = models.CharField("部门编码", max_length=20)
    name = models.CharField("部门名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True, help_text="如 市信访局，用于汇总行")
    alias = models.CharField(
        "另一名称", max_length=100, blank=True, help_text="如 市统一政务咨询投诉举报平台管理办公室"
    )
    alias_short = models.CharField("另一名称简称", max_length=50, blank=True, help_text="如 市政务平台办，用于说明正文")

    # Moves the public pages' cache key (apps/budgets/caching.py): a rename is seen at once.
    # Blank for rows loaded raw (fixtures) and never edited since.
    updated_at = models.DateTimeField("修改时间", auto_now=True, null=True, db_index=True)
    objects = DepartmentQuerySet.as_manager()
    # The columns `label` and `url_key` read: all a list that names departments and links to them needs.
    LINK_FIELDS = ("code", "name", "short_name", "government__code", "government__primary")

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["government__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["government", "code"], name="department_code_unique_in_government")
        ]

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

    @property
    def url_key(self) -> str:
        return self.key_of(self.code, self.government.url_prefix, self.government.primary)

    @staticmethod
    def key_of(code: str, government_prefix: str, primary: bool) -> str:
        """See DepartmentQuerySet.by_url_key: today's URLs keep the bare code."""
        return code if primary else f"{government_prefix}-{code}"


class Unit(models.Model):
    class Kind(models.TextChoices):
        ADMINISTRATIVE = "administrative", "行政单位"
        PUBLIC_INSTITUTION = "public_institution", "事业单位"
        OTHER = "other", "其他"

    department = models.ForeignKey(Department, verbose_name="部门", on_delete=models.PROTECT, related_name="units")
    code = models.CharField("单位编码", max_length=20, blank=True, help_text="文件未列单位编码的留空")
    name = models.CharField("单位名称", max_length=100)
    kind = models.CharField("单位性质", max_length=20, choices=Kind.choices)
    # Moves the public pages' cache key (apps/budgets/caching.py): a rename is seen at once.
    # Blank for rows loaded raw (fixtures) and never edited since.
    updated_at = models.DateTimeField("修改时间", auto_now=True, null=True, db_index=True)

    class Meta:
        verbose_name = "预算单位"
        verbose_name_plural = "预算单位"
        ordering = ["department", "code", "name"]
        constraints = [
            # Unique within a government, which the import checks; the database can hold it per department.
            models.UniqueConstraint(fields=["department", "code"], condition=~Q(code=""), name="unit_code_unique"),
            models.UniqueConstraint(fields=["department", "name"], name="unit_name_unique_in_department"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


class Scheme(models.TextChoices):
    FUNCTION = "function", "支出功能分类"
    ECONOMIC = "economic", "部门预算支出经济分类"


# Code length → level name. Function codes are 类/款/项 (3/5/7 digits),
# economic codes 类/款 (3/5 digits).
LEVEL_NAMES = {3: "类", 5: "款", 7: "项"}
LEVEL_LENGTHS = {Scheme.FUNCTION: (3, 5, 7), Scheme.ECONOMIC: (3, 5)}


class ClassificationCodeManager(models.Manager):
    def get_by_natural_key(self, scheme: str, year: int, code: str) -> "ClassificationCode":
        return self.get(scheme=scheme, year=year, code=code)


class ClassificationCode(models.Model):
    """One code of one year's official list; the lists are revised yearly, so a
    code belongs to its year and a budget uses the tree of its own year. A code
    that a document used but the year's list lacks is kept, marked as the
    document's, so that the document can be held as it was published."""

    class Origin(models.TextChoices):
        OFFICIAL = "official", "国家科目表"
        DOCUMENT = "document", "文件所列"

    scheme = models.CharField("分类", max_length=10, choices=Scheme.choices)
    year = models.PositiveSmallIntegerField("年度")
    code = models.CharField("科目编码", max_length=7)
    name = models.CharField("科目名称", max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name="上级科目", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    origin = models.CharField("来源", max_length=10, choices=Origin.choices, default=Origin.OFFICIAL)
    origin_note = models.CharField("来源说明", max_length=200, blank=True, help_text="带来此科目的文件")
    # Moves the public pages' cache key (apps/budgets/caching.py): a rename is seen at once.
    # Blank for rows loaded raw (fixtures) and never edited since.
    updated_at = models.DateTimeField("修改时间", auto_now=True, null=True, db_index=True)

    # Fixtures name a code by (scheme, year, code): migrate loads the codes, so their ids vary.
    objects = ClassificationCodeManager()

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
        # A code page's history finds the same number in every year's tree (without it: every code read).
        indexes = [models.Index(fields=["code", "scheme"], name="codes_by_number")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def natural_key(self) -> tuple[str, int, str]:
        return (self.scheme, self.year, self.code)

    @property
    def level(self) -> str:
        return LEVEL_NAMES[len(self.code)]


class GlossaryTerm(models.Model):
    """名词解释: shared by every budget, shown where the terms appear."""

    term = models.CharField("名词", max_length=200, unique=True)
    definition = models.TextField("解释")
    position = models.PositiveSmallIntegerField("顺序", default=0)
    # Moves the public pages' cache key (apps/budgets/caching.py): a rename is seen at once.
    # Blank for rows loaded raw (fixtures) and never edited since.
    updated_at = models.DateTimeField("修改时间", auto_now=True, null=True, db_index=True)

    class Meta:
        verbose_name = "名词解释"
        verbose_name_plural = "名词解释"
        ordering = ["position", "term"]

    def __str__(self) -> str:
        return self.term
