"""The workspace's sections: a line inline's forms as the official tables group them."""

from dataclasses import dataclass

from django import template
from django.db.models.functions import Substr

from apps.budgets.paste import PASTE_SECTIONS
from apps.reference.models import LEVEL_NAMES, ClassificationCode

register = template.Library()


@dataclass
class Group:
    code: str
    name: str
    level: str
    subtotal: object
    depth: int


@dataclass
class Line:
    form: object
    anchor: str  # the first line of a code carries the code's anchor (#code-2010301)


@register.simple_tag
def line_rows(inline_admin_formset) -> dict:
    """The blank rows for new lines, then the saved lines under their 类 (and 款) headings with
    subtotals summed by the database, and the section's total."""
    formset, opts = inline_admin_formset.formset, inline_admin_formset.opts
    budget = formset.instance
    forms = [f for f in inline_admin_formset if "__prefix__" not in f.form.prefix]
    new = [f for f in forms if not f.original]
    saved = [f for f in forms if f.original]
    lines = opts.model.objects.filter(budget=budget) if budget.pk else opts.model.objects.none()
    total = lines.total() if hasattr(lines, "total") else None
    span = len(list(inline_admin_formset.fields())) - 1  # the columns before the amount
    if not opts.group_levels:
        return {"new": new, "rows": [Line(f, "") for f in saved], "total": total, "span": span}
    subtotals = {n: lines.totals_by(Substr("code__code", 1, n)) for n in opts.group_levels}
    prefixes = {prefix for sums in subtotals.values() for prefix in sums}
    names = dict(
        ClassificationCode.objects.filter(scheme=opts.code_scheme, year=budget.year, code__in=prefixes).values_list(
            "code", "name"
        )
    )
    rows, current, anchored = [], {}, set()
    for form in saved:
        code = form.original.code.code
        for depth, n in enumerate(opts.group_levels):
            if len(code) > n and current.get(n) != code[:n]:
                current = {k: v for k, v in current.items() if k < n} | {n: code[:n]}
                rows.append(Group(code[:n], names.get(code[:n], ""), LEVEL_NAMES[n], subtotals[n].get(code[:n]), depth))
        rows.append(Line(form, "" if code in anchored else f"code-{code}"))
        anchored.add(code)
    return {"new": new, "rows": rows, "total": total, "span": span}


@register.simple_tag
def paste_columns(section: str) -> str:
    return PASTE_SECTIONS[section][2]


@register.filter
def money(value) -> str:
    """An amount in 元 with thousands separators and two decimals (blank stays blank)."""
    return "" if value is None or value == "" else f"{value:,.2f}"


@register.simple_tag
def paste_title(section: str) -> str:
    return PASTE_SECTIONS[section][0]
