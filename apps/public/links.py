"""Addresses of the public pages, each carrying the reader's amount unit
(`?unit=wan`), so that a shared link shows what its sender saw."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.http import HttpRequest
from django.urls import reverse

from apps.budgets.amounts import AmountUnit


def request_unit(request: HttpRequest | None) -> AmountUnit:
    """The unit the reader chose with `?unit=`; 元 by default."""
    return AmountUnit.from_query(request.GET.get("unit") if request else None)


def with_unit(url: str, unit: AmountUnit) -> str:
    """The URL carrying the unit. 元 is the default, so it needs no parameter
    and 元 links stay short (/departments/205/2021/)."""
    if unit is AmountUnit.YUAN:
        return url
    scheme, netloc, path, query, fragment = urlsplit(url)
    params = [(key, value) for key, value in parse_qsl(query) if key != "unit"] + [("unit", unit.value)]
    return urlunsplit((scheme, netloc, path, urlencode(params), fragment))


def unit_reverse(unit: AmountUnit, viewname: str, **kwargs) -> str:
    return with_unit(reverse(viewname, kwargs=kwargs), unit)


def code_url(scheme: str, code: str, year: int, unit: AmountUnit) -> str:
    return unit_reverse(unit, "public:code", scheme=scheme, code=code, year=year)


def budget_url_with(budget, viewname: str, unit: AmountUnit, **kwargs) -> str:
    """A page of a budget (one project, one table…), keeping the unit."""
    return unit_reverse(unit, viewname, **budget.url_kwargs, **kwargs)
