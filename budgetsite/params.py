"""One validation of every public query parameter.

Each parameter has one rule, the same on every page, the API and the
downloads; each public view reads a declared set of them (READS, by URL name).
Before a view runs, its query string is replaced by the cleaned parameters it
reads, in a fixed order: anything else (`?r=random`, `utm_…`) is dropped, so it
neither reaches a link the page renders nor makes a new cache entry
(apps/budgets/caching.py keys pages by the cleaned query). A value that cannot
name anything (a year that is not four ASCII digits, a department code with a
control character) is a 404; a harmless bad value (an unknown unit or sort, a
page that is not a number) falls back to the default, as if it were absent."""

import re
from collections.abc import Callable

from django.http import Http404, QueryDict

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def ascii_match(pattern: str) -> Callable[[str], str | None]:
    compiled = re.compile(pattern, re.ASCII)
    return lambda value: value if compiled.fullmatch(value) else None


def text(limit: int) -> Callable[[str], str | None]:
    """Free text: control characters removed, cut to `limit` characters, blank is absent."""

    def clean(value: str) -> str | None:
        value = CONTROL.sub("", value).strip()[:limit]
        return value or None

    return clean


def required(rule: Callable[[str], str | None], message: str) -> Callable[[str], str | None]:
    """A parameter that names something: a value it cannot be is a 404, not the default."""

    def clean(value: str) -> str | None:
        if value == "":
            return None
        cleaned = rule(value)
        if cleaned is None:
            raise Http404(message.format(CONTROL.sub("", value)[:20]))
        return cleaned

    return clean


# Parameter → rule. A rule returns the cleaned value, None to drop it, or raises Http404.
RULES: dict[str, Callable[[str], str | None]] = {
    "unit": ascii_match(r"yuan|wan"),
    "year": required(ascii_match(r"[12][0-9]{3}"), "没有“{}”年度已公开的部门预算。"),
    "page": ascii_match(r"[1-9][0-9]{0,5}"),
    "per_page": ascii_match(r"[1-9][0-9]{0,2}"),
    "sort": ascii_match(r"-?[a-z0-9_]{1,40}(,-?[a-z0-9_]{1,40}){0,3}"),
    "compare": ascii_match(r"[12][0-9]{3}(-[a-z]{1,10})?"),
    "q": text(100),
    "kind": text(100),
    "unit_code": text(20),
    "min_total": text(30),
    "max_total": text(30),
    "department": required(ascii_match(r"[0-9A-Za-z_.-]{1,20}"), "没有编码为“{}”的部门。"),
    "government": required(ascii_match(r"[0-9A-Za-z_.-]{1,20}"), "没有编码为“{}”的行政区划。"),
}

LIST = ("page", "per_page", "sort")
# URL name → the parameters its view reads. Every page reads `unit` (the 元/万元 switch).
READS: dict[str, tuple[str, ...]] = {
    "public:home": ("year", *LIST, "q", "min_total", "max_total", "government"),
    "public:three-public": ("sort", "government"),
    "public:three-public-latest": ("government",),
    "public:search": ("q",),
    "public:code": (*LIST, "government"),
    "public:budget": ("compare",),
    "public:projects": (*LIST, "q", "kind", "unit_code", "min_total", "max_total"),
    "api:departments": ("page", "government"),
    "api:budgets": ("page", "department", "year", "government"),
    "api:projects": ("page",),
    "api:codes": ("page",),
    "workbooks:year-xlsx": ("government",),
    "workbooks:year-table-csv": ("government",),
    "workbooks:year-departments": ("government",),
    "workbooks:code-departments": ("government",),
    "opendata:year-data-package": ("government",),
}


def reads(view_name: str | None) -> tuple[str, ...]:
    return ("unit", *READS.get(view_name or "", ()))


def cleaned(query: QueryDict, names: tuple[str, ...]) -> QueryDict:
    """The parameters in `names` that `query` carries, cleaned, in a fixed order (one value each)."""
    result = QueryDict(mutable=True)
    for name in sorted(names):
        raw = query.get(name)
        value = None if raw is None else RULES[name](raw)
        if value is not None:
            result[name] = value
    result._mutable = False
    return result


def clean_request(request) -> None:
    """Give the view only the parameters it reads, cleaned; Http404 for a value that names nothing."""
    match = getattr(request, "resolver_match", None)
    query = cleaned(request.GET, reads(match.view_name if match else None))
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def year_param(raw: str | None) -> int | None:
    """A `?year=` outside the public views (the admin's completeness page): None when absent or not a year."""
    value = ascii_match(r"[12][0-9]{3}")(raw or "")
    return int(value) if value else None
