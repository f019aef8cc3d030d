"""The national classification lists shipped as data (data/function_codes.txt,
data/economic_codes.txt; data/README.md says where each year comes from) and
the writing of every year's ClassificationCode rows from them.

A line is ``code name`` followed by optional marks:

- ``<YEAR:旧名`` the name the code had before YEAR (several marks for a code
  renamed more than once);
- ``YEAR+`` / ``-YEAR`` the first / last year the code exists; a code's
  children inherit its years and may narrow them;
- ``fund`` a 款 of 政府性基金预算 spending (its 项 inherit the mark).

A code whose meaning changed (economic 30311 住房公积金 until 2017, 代缴社会保险费
from 2019) is listed once per meaning, on lines whose years do not overlap;
the lines below a code belong to the line of it just above them.

The loading takes the model as an argument so that a data migration can pass
the historical model and management commands the real one.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import timezone

DATA = Path(__file__).parent / "data"
FIRST_YEAR, LAST_YEAR = 2017, 2026
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
# Scheme values as stored (apps.reference.models.Scheme); kept literal so that
# migrations do not depend on today's models module.
FILES = {"function": "function_codes.txt", "economic": "economic_codes.txt"}
CODE_SHAPE = re.compile(r"[0-9]{3}([0-9]{2}){0,2}")
BATCH_SIZE = 2000
OFFICIAL = "official"  # ClassificationCode.Origin.OFFICIAL


@dataclass(frozen=True)
class Code:
    """One code over the years of one meaning."""

    code: str
    name: str
    old_names: tuple[tuple[int, str], ...] = ()  # (first year of the newer name, older name), newest first
    since: int = FIRST_YEAR
    until: int = LAST_YEAR
    fund: bool = False

    def name_in(self, year: int) -> str:
        name = self.name
        for first_year, older in self.old_names:
            if year < first_year:
                name = older
        return name

    def exists_in(self, year: int) -> bool:
        return self.since <= year <= self.until


Listing = dict[str, tuple[Code, ...]]  # code → its meanings, oldest first


def parse(text: str, source: str = "listing") -> Listing:
    """A listing's codes; a ValueError names the file and line of the first bad line."""
    meanings: dict[str, list[Code]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            code = parse_line(line, meanings)
        except ValueError as error:
            raise ValueError(f"{source}, line {number} ({line!r}): {error}") from None
        meanings.setdefault(code.code, []).append(code)
    return {code: tuple(found) for code, found in meanings.items()}


def parse_line(line: str, meanings: dict[str, list[Code]]) -> Code:
    code, name, *marks = line.split()
    if not CODE_SHAPE.fullmatch(code):
        raise ValueError("a code has 3, 5 or 7 digits")
    parent = None
    if len(code) > 3:
        if code[:-2] not in meanings:
            raise ValueError(f"its parent {code[:-2]} is not listed above it")
        parent = meanings[code[:-2]][-1]
    since, until = (parent.since, parent.until) if parent else (FIRST_YEAR, LAST_YEAR)
    fund, old_names = bool(parent and parent.fund), []
    for mark in marks:
        if mark.startswith("<") and ":" in mark:
            year, older = mark[1:].split(":", 1)
            old_names.append((int(year), older))
        elif re.fullmatch(r"[0-9]{4}\+", mark):
            since = max(since, int(mark[:-1]))
        elif re.fullmatch(r"-[0-9]{4}", mark):
            until = min(until, int(mark[1:]))
        elif mark == "fund":
            fund = True
        else:
            raise ValueError(f"unknown mark {mark!r}")
    if since > until:
        raise ValueError(f"no year left ({since}–{until}, within its parent's years)")
    if any(other.since <= until and since <= other.until for other in meanings.get(code, [])):
        raise ValueError("its years overlap another line of the same code")
    return Code(code, name, tuple(sorted(old_names, reverse=True)), since, until, fund)


@cache
def listing(scheme: str) -> Listing:
    path = DATA / FILES[scheme]
    return parse(path.read_text(encoding="utf-8"), path.name)


def meaning(scheme: str, code: str, year: int) -> Code | None:
    """The listed code as it was in `year`; None where it did not exist."""
    return next((c for c in listing(scheme).get(code, ()) if c.exists_in(year)), None)


@cache
def tree(scheme: str, year: int) -> dict[str, str]:
    """Code → official name of every code listed for that year."""
    return {
        code: found.name_in(year)
        for code, meanings in listing(scheme).items()
        for found in meanings
        if found.exists_in(year)
    }


def leaves(scheme: str, year: int) -> set[str]:
    codes = tree(scheme, year)
    return set(codes) - {code[:-2] for code in codes if len(code) > 3}


def is_fund(code: str) -> bool:
    """A function code of 政府性基金预算 spending (in any year)."""
    return any(found.fund for found in listing("function").get(code, ()))


def parent_code(code: str) -> str | None:
    return code[:-2] if len(code) > 3 else None


def load_codes(model, years: Iterable[int] = YEARS) -> Counter:
    """Write every listed code of `years` into `model` (ClassificationCode or its
    historical version): create the missing rows, a level at a time in bulk so
    each can point at its parent, and give existing rows the listed name and
    parent. Rows the lists lack (a workbook's or a document's codes) are left as
    they are. Returns how many rows were created and changed."""
    years = list(years)
    wanted = {
        (scheme, year, code): name for scheme in FILES for year in years for code, name in tree(scheme, year).items()
    }
    names = {field.name for field in model._meta.get_fields()}
    has_origin = "origin" in names
    rows = {(r.scheme, r.year, r.code): r for r in model.objects.filter(year__in=years)}
    counts = Counter()
    for length in (3, 5, 7):
        missing = [
            model(scheme=scheme, year=year, code=code, name=name, parent=parent_row(rows, scheme, year, code))
            for (scheme, year, code), name in wanted.items()
            if len(code) == length and (scheme, year, code) not in rows
        ]
        for row in model.objects.bulk_create(missing, batch_size=BATCH_SIZE):
            rows[row.scheme, row.year, row.code] = row
        counts["created"] += len(missing)
    changed = []
    for (scheme, year, code), name in wanted.items():
        row, parent = rows[scheme, year, code], parent_row(rows, scheme, year, code)
        parent_id = parent.pk if parent else None
        if row.name != name or row.parent_id != parent_id or (has_origin and row.origin != OFFICIAL):
            row.name, row.parent_id = name, parent_id
            if has_origin:
                row.origin = OFFICIAL
            changed.append(row)
    fields = ["name", "parent", "origin"] if has_origin else ["name", "parent"]
    if "updated_at" in names:  # bulk_update sets no auto_now field itself; the public cache key reads it
        now = timezone.now()
        for row in changed:
            row.updated_at = now
        fields.append("updated_at")
    model.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
    counts["changed"] = len(changed)
    return counts


def parent_row(rows: dict, scheme: str, year: int, code: str):
    parent = parent_code(code)
    return rows[scheme, year, parent] if parent else None
