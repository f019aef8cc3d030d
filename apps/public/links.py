"""Addresses of the public pages, each carrying the reader's amount unit
(`?unit=wan`), so that a shared link shows what its sender saw; and a link to a
page or file of every department (home, code pages, 三公, the year's files)
naming the government the reader is looking at (`?government=310107`)."""

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.http import HttpRequest
from django.urls import reverse

from apps.budgets.amounts import AmountUnit
from apps.reference.models import Government


def request_unit(request: HttpRequest | None) -> AmountUnit:
    """The unit the reader chose with `?unit=`; 元 by default."""
    return AmountUnit.from_query(request.GET.get("unit") if request else None)


def with_unit(url: str, unit: AmountUnit) -> str:
    """The URL carrying the unit. 元 is the default, so it needs no parameter
    and 元 links stay short (/departments/205/2021/)."""
    return url if unit is AmountUnit.YUAN else with_param(url, "unit", unit.value)


def with_param(url: str, key: str, value: str) -> str:
    scheme, netloc, path, query, fragment = urlsplit(url)
    params = [(k, v) for k, v in parse_qsl(query) if k != key] + [(key, value)]
    return urlunsplit((scheme, netloc, path, urlencode(params), fragment))


def page_of_government(url: str, government: Government | None) -> str:
    """A page of every department (home, a code page, 三公) about one government. Those pages show
    the primary government when `?government=` is absent, so its links stay short."""
    if government is None or government.primary:
        return url
    return with_param(url, "government", government.url_prefix)


def file_of_government(url: str, government: Government | None) -> str:
    """A year's file of one government. Without `?government=` the files hold every government's
    budgets, so a page's download names its government, the primary one too."""
    return url if government is None else with_param(url, "government", government.url_prefix)


def unit_reverse(unit: AmountUnit, viewname: str, **kwargs) -> str:
    return with_unit(reverse(viewname, kwargs=kwargs), unit)


def code_url(scheme: str, code: str, year: int, unit: AmountUnit, government: Government | None = None) -> str:
    return page_of_government(unit_reverse(unit, "public:code", scheme=scheme, code=code, year=year), government)


def fill_in(url: str, placeholder: str) -> Callable[[str | int], str]:
    """An address reversed once with `placeholder` as one of its path's segments, as a function of that
    segment's value: many links from one reverse() (about 50 µs each). Split at the placeholder's last
    occurrence, where the value is: a department coded like the placeholder comes before it."""
    before, after = url.rsplit(f"/{placeholder}", 1)
    return lambda value: f"{before}/{value}{after}"


def code_urls(scheme: str, year: int, unit: AmountUnit, government: Government | None) -> Callable[[str], str]:
    """Code → its code page, for many codes of one tree: one reverse() for all of them."""
    return fill_in(code_url(scheme, "000", year, unit, government), "000")


def budget_url_with(budget, viewname: str, unit: AmountUnit, **kwargs) -> str:
    """A page of a budget (one project, one table…), keeping the unit."""
    return unit_reverse(unit, viewname, **budget.url_kwargs, **kwargs)


def project_urls(budget, unit: AmountUnit) -> Callable[[int], str]:
    """A project's page by its id, for a budget's projects: one reverse() for all of them."""
    return fill_in(budget_url_with(budget, "public:project", unit, pk=0), "0")


TABLE_FILES = ("xlsx", "csv", "json")
SLUG_PLACEHOLDER = "table-slug"  # a slug no table has, replaced by each table's


def table_links(budget, unit: AmountUnit) -> Callable[[str], dict[str, str]]:
    """A table's page ("page") and files (xlsx, csv, json) by its slug, keeping the unit: one reverse()
    a kind for all of a budget's tables."""
    templates = {
        "page": budget_url_with(budget, "public:table", unit, slug=SLUG_PLACEHOLDER),
        **{
            fmt: budget_url_with(budget, "workbooks:table-file", unit, slug=SLUG_PLACEHOLDER, fmt=fmt)
            for fmt in TABLE_FILES
        },
    }
    filled = {kind: fill_in(url, SLUG_PLACEHOLDER) for kind, url in templates.items()}
    return lambda slug: {kind: url(slug) for kind, url in filled.items()}
