"""Classification codes typed by number and resolved in the budget's own year.

A code belongs to one year's list (the lists are revised yearly), so a form
never offers another year's copy: what is typed is looked up in the budget's
year, and a code that exists only in other years is refused naming them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.urls import reverse

from apps.reference.models import ClassificationCode, Scheme


def code_label(code: ClassificationCode) -> str:
    return f"{code.code} {code.name}（{code.level}）"


class YearCodes:
    """One scheme's codes of one year, loaded once (code → code object, and which are leaves)."""

    def __init__(self, scheme: str, year: int):
        self.scheme, self.year = scheme, year
        self._codes: dict[str, ClassificationCode] | None = None
        self._leaves: set[str] = set()

    def _load(self) -> dict[str, ClassificationCode]:
        if self._codes is None:
            children = ClassificationCode.objects.filter(parent=OuterRef("pk"))
            rows = ClassificationCode.objects.filter(scheme=self.scheme, year=self.year).annotate(
                has_children=Exists(children)
            )
            self._codes = {row.code: row for row in rows}
            self._leaves = {row.code for row in rows if not row.has_children}
        return self._codes

    def get(self, code: str) -> ClassificationCode | None:
        return self._load().get(code)

    def is_leaf(self, code: str) -> bool:
        self._load()
        return code in self._leaves

    def resolve(self, text: str, leaf: bool = True) -> ClassificationCode:
        """The year's code for what was typed, or a ValidationError saying what is wrong."""
        typed = "".join(str(text).split())
        if not (typed.isdigit() and len(typed) in (3, 5, 7)):
            raise ValidationError(f"“{text}”不是科目编码：应为 3、5 或 7 位数字。")
        code = self.get(typed)
        label = Scheme(self.scheme).label
        if code is None:
            raise ValidationError(not_in_year_message(typed, self.scheme, self.year))
        if leaf and not self.is_leaf(typed):
            raise ValidationError(
                f"科目 {code_label(code)} 下面还有科目：明细只能列在末级科目（项，或没有项的款），"
                f"请填写{self.year}年{label}中它下面的末级科目。"
            )
        return code


def not_in_year_message(code: str, scheme: str, year: int) -> str:
    other_years = sorted(
        ClassificationCode.objects.filter(scheme=scheme, code=code).values_list("year", flat=True).distinct()
    )
    message = f"科目 {code} 不在{year}年{Scheme(scheme).label}中"
    if other_years:
        message += f"（它是{'、'.join(str(y) for y in other_years)}年科目表中的科目）"
    return message + f"：请使用{year}年的科目。"


def wrong_year_message(code: ClassificationCode, year: int) -> str:
    return f"科目 {code_label(code)} 是{code.year}年科目表中的科目，本预算是{year}年的：请使用{year}年的科目。"


class CodeField(forms.CharField):
    """A code typed by number; the form resolves it in the budget's year (see YearCodeForm)."""

    def __init__(self, scheme: str, **kwargs):
        self.scheme = scheme
        attrs = {"class": "code-input", "inputmode": "numeric", "autocomplete": "off", "size": 8}
        attrs["data-scheme"] = scheme
        super().__init__(max_length=9, widget=forms.TextInput(attrs=attrs), **kwargs)


class YearCodeForm(forms.ModelForm):
    """A model form whose code foreign keys (`code_schemes`: field → scheme) are typed as numbers
    and resolved in the budget's year: `budget_year` set by the admin for inline forms, else the
    form's chosen budget or the instance's."""

    code_schemes: dict[str, str] = {}
    budget_year: int | None = None
    leaf_only = True
    year_codes: dict[str, YearCodes] | None = None  # shared by every form of a formset

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, scheme in self.code_schemes.items():
            if name not in self.fields:
                continue
            old = self.fields[name]
            self.fields[name] = CodeField(scheme, label=old.label, required=old.required, help_text=old.help_text)
            attrs = self.fields[name].widget.attrs
            attrs["data-codes-url"] = reverse("admin:budgets_budget_codes")
            if self.year_for_display():
                attrs["data-year"] = self.year_for_display()
            current = getattr(self.instance, f"{name}_id", None) and getattr(self.instance, name)
            if current:
                self.initial[name] = current.code
                self.fields[name].widget.attrs["title"] = code_label(current)

    def year_for_display(self) -> int | None:
        if self.budget_year:
            return self.budget_year
        budget = self.instance_budget()
        return budget.year if budget else None

    def instance_budget(self):
        budget_id = getattr(self.instance, "budget_id", None)
        return self.instance.budget if budget_id else None

    def year_for_clean(self) -> int | None:
        if self.budget_year:
            return self.budget_year
        budget = self.cleaned_data.get("budget") if "budget" in self.fields else self.instance_budget()
        return budget.year if budget else None

    def codes(self, scheme: str, year: int) -> YearCodes:
        # The admin gives each request's formset one shared cache; a lone form keeps its own.
        cache = self.year_codes if self.year_codes is not None else self.__dict__.setdefault("_year_codes", {})
        key = f"{scheme}:{year}"
        if key not in cache:
            cache[key] = YearCodes(scheme, year)
        return cache[key]

    def clean(self):
        cleaned = super().clean()
        year = self.year_for_clean()
        for name, scheme in self.code_schemes.items():
            typed = cleaned.get(name)
            if name not in self.fields or not typed:
                continue
            if year is None:
                self.add_error(name, "请先选择部门预算，科目按预算的年度查找。")
                continue
            try:
                cleaned[name] = self.codes(scheme, year).resolve(typed, leaf=self.leaf_only)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned
