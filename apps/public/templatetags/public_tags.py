"""Template helpers for the public pages: the reader's amount unit (元/万元)
carried by every link and followed by every amount, percentages from exact
Decimals, and glossary terms explained where they appear."""

import re
from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.html import format_html

from apps.budgets.amounts import AmountUnit
from apps.public.first_screen import compact_amount
from apps.public.links import file_of_government, page_of_government, request_unit, with_unit
from apps.public.official_view import format_number
from apps.reference.models import Government

register = template.Library()
CJK = re.compile(r"[\u4e00-\u9fff]")


def reader_unit(context) -> AmountUnit:
    return request_unit(context.get("request"))


def page_government(context) -> Government | None:
    """The government the page is about: a city page's chosen one (None: all), or the budget's."""
    if "government" in context:
        return context["government"]
    budget = context.get("budget")
    return budget.department.government if budget else None


@register.simple_tag(takes_context=True)
def unit_url(context, viewname: str, *args, **kwargs) -> str:
    """`{% url %}` that keeps the reader's unit."""
    return with_unit(reverse(viewname, args=args, kwargs=kwargs), reader_unit(context))


@register.simple_tag(takes_context=True)
def city_url(context, viewname: str, **kwargs) -> str:
    """A page of every department (home, a code page, 三公), keeping the unit and the page's government."""
    return page_of_government(unit_url(context, viewname, **kwargs), page_government(context))


@register.simple_tag(takes_context=True)
def year_file_url(context, viewname: str, **kwargs) -> str:
    """A file of every department's figures, of the page's government, in the reader's unit."""
    return file_of_government(unit_url(context, viewname, **kwargs), page_government(context))


@register.simple_tag(takes_context=True)
def unit_href(context, url: str) -> str:
    """An already built URL (e.g. get_absolute_url) that keeps the reader's unit."""
    return with_unit(url, reader_unit(context))


@register.simple_tag(takes_context=True)
def unit_label(context) -> str:
    return reader_unit(context).label


@register.simple_tag(takes_context=True)
def unit_input(context) -> str:
    """The hidden field that lets a GET form (search, filters) keep the unit."""
    unit = reader_unit(context)
    if unit is AmountUnit.YUAN:
        return ""
    return format_html('<input type="hidden" name="unit" value="{}">', unit.value)


@register.simple_tag(takes_context=True)
def money(context, amount: Decimal | None) -> str:
    """An amount in the reader's unit, two decimals with separators."""
    return reader_unit(context).format(amount)


@register.simple_tag(takes_context=True)
def headline_money(context, amount: Decimal | None, signed: bool = False) -> str:
    """A headline amount: 万元/亿元 as the disclosures speak, unless the reader chose
    a unit (`?unit=yuan` exact to the cent, `?unit=wan` 万元 everywhere)."""
    if amount is None:
        return "—"
    request = context.get("request")
    chosen = request.GET.get("unit") if request else None
    sign = ("+" if amount > 0 else "−" if amount < 0 else "") if signed else ""
    amount = abs(amount) if signed else amount
    if chosen == "yuan":
        return f"{sign}{AmountUnit.YUAN.format(amount)}元"
    if chosen == AmountUnit.WAN.value:
        return f"{sign}{AmountUnit.WAN.format(amount)}万元"
    return sign + compact_amount(amount)


@register.simple_tag(takes_context=True)
def signed_money(context, amount: Decimal | None) -> str:
    """A change with its sign spelled out (+/−), so colour never carries it alone."""
    if amount is None:
        return ""
    sign = "+" if amount > 0 else "−" if amount < 0 else ""
    return sign + reader_unit(context).format(abs(amount))


@register.filter
def percent(value: Decimal | None) -> str:
    """A share from explanation.share(): 28.5%; a dash where the base is zero."""
    return "—" if value is None else f"{value}%"


@register.filter
def weight(value) -> str:
    """An indicator weight as the disclosure prints it: 10, 12.5; blank when not given."""
    return "—" if value is None or value == "" else format_number(value)


@register.filter
def signed_percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"+{value}%" if value > 0 else f"−{abs(value)}%" if value < 0 else "0.0%"


@register.simple_tag(takes_context=True)
def term(context, word: str, label: str = "") -> str:
    """A glossary term where it appears: its definition as title text and a
    link to the glossary entry (reachable by keyboard, unlike a bare title)."""
    entry = context.get("glossary_terms", {}).get(word)
    if entry is None:
        return label or word
    href = with_unit(reverse("public:glossary"), reader_unit(context)) + f"#term-{entry.pk}"
    return format_html('<a class="term" href="{}" title="{}">{}</a>', href, entry.definition, label or word)


@register.filter
def definition_of(word: str, glossary_terms: dict) -> str:
    entry = (glossary_terms or {}).get(word)
    return entry.definition if entry else ""


@register.filter
def readable_404(exception) -> str:
    """The 404's own Chinese message; Django's English defaults are not shown."""
    message = str(exception or "")
    return message if CJK.search(message) else ""


@register.simple_tag(takes_context=True)
def year_url(context, year: int) -> str:
    """The home page of one year, keeping the unit and the page's government."""
    url = with_unit(f"{reverse('public:home')}?year={year}", reader_unit(context))
    return page_of_government(url, page_government(context))


@register.simple_tag(takes_context=True)
def budget_url(context, budget, viewname: str, **kwargs) -> str:
    """A page of this budget (its projects, one project, a table), keeping the unit."""
    return with_unit(reverse(viewname, kwargs={**budget.url_kwargs, **kwargs}), reader_unit(context))


@register.simple_tag(takes_context=True)
def budget_file_url(context, budget) -> str:
    """A budget's whole workbook, in the reader's unit (a table's files are its `links`)."""
    return with_unit(reverse("workbooks:budget-xlsx", kwargs=budget.url_kwargs), reader_unit(context))


@register.simple_tag(takes_context=True)
def three_public_url(context, year: int, key: str = "") -> str:
    """The 三公 ranking of a year, by one category (`?sort=`), keeping the unit and the page's government."""
    url = reverse("public:three-public", kwargs={"year": year}) + (f"?sort={key}" if key and key != "total" else "")
    return page_of_government(with_unit(url, reader_unit(context)), page_government(context))


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if mapping else None
