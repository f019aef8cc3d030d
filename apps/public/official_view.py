"""The nine official tables as the budget page and each table's page show them."""

from collections.abc import Callable
from decimal import Decimal
from functools import cached_property

from django.utils.html import escape
from django.utils.safestring import mark_safe

from apps.budgets.amounts import AmountUnit
from apps.budgets.official import OfficialTable

from .performance import UnitBlock, performance_blocks

# The tables whose rows name projects: the project rows (by level) link to the project pages.
PROJECT_TABLES = {"projects": 1, "performance": 3}
# Two-sided tables: an amount whose side of the row has no item is padding, not a missing figure.
ITEM_OF = {"rev_amount": "rev_item", "exp_amount": "exp_item"}


def format_number(value: Decimal) -> str:
    """A weight as the disclosure prints it: 10, 12.5."""
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


class OfficialTableView:
    """One of the nine official tables in the reader's unit, as public/includes/official_table.html
    shows it. Code tables link each code to its code page and mark their rows so that
    static/js/site.js can fold 款 and 项 under their 类.

    Its layout is the disclosure's (headers over several rows, two-sided tables), never sorted or
    paged: the header comes from the table's own `header_rows`, and the body is built by `body_html`
    rather than cell by cell through the template engine (a budget page holds thousands of cells,
    and rendering them one by one was most of its time)."""

    def __init__(
        self,
        official: OfficialTable,
        links: dict[str, str] | None = None,
        unit: AmountUnit = AmountUnit.YUAN,
        code_url: Callable[[str], str] | None = None,
        project_urls: list[str] = (),
    ):
        self.official = official
        self.project_urls = project_urls
        self.links = links or {}  # its page and files (links.table_links)
        self.unit = unit
        self.code_url = code_url
        self.drills_down = bool(code_url) and any(c.key == "code" for c in official.columns)

    def cell_html(self, key: str, kind: str, value, link: str = "") -> str:
        if value is None or value == "":
            # A figure the source does not give: a dash, never a zero.
            return "<td></td>" if kind == "text" else '<td class="num blank">—</td>'
        if kind == "money":
            return f'<td class="num">{self.unit.format(value)}</td>'
        if kind == "number":
            return f'<td class="num">{format_number(value)}</td>'
        if key == "code" and self.code_url:
            return f'<td><a href="{escape(self.code_url(value))}">{escape(value)}</a></td>'
        if link:
            return f'<td class="project-name"><a href="{escape(link)}">{escape(value)}</a></td>'
        return f"<td>{escape(value)}</td>"

    def project_links(self) -> list[str | None]:
        """Per row, the project page its name links to (rows and projects share one order)."""
        level = PROJECT_TABLES.get(self.official.slug)
        urls = iter(self.project_urls)
        return [
            next(urls, None) if level and row.level == level and not row.is_total else None
            for row in self.official.rows
        ]

    @property
    def two_sided(self) -> bool:
        """收支总表 and 财政拨款收支总表: revenue and expenditure side by side."""
        return all(key in (c.key for c in self.official.columns) for key in ITEM_OF.values())

    def side(self, prefix: str) -> list[tuple[str, str, str]]:
        """One side of a two-sided table, for a phone: (label, amount, row classes) for each row it names."""
        rows = []
        for row in self.official.rows:
            label = row.cells.get(f"{prefix}_item")
            if label:
                amount = row.cells.get(f"{prefix}_amount")
                text = "—" if amount is None else self.unit.format(amount)
                classes = ("total" if row.is_total else "") + (f" level-{row.level}" if prefix == "exp" else "")
                rows.append((label, text, classes.strip()))
        return rows

    @property
    def sides(self) -> list[tuple[str, str, list]]:
        """(收入/支出, the amount column's label, rows) for the phone layout of a two-sided table."""
        labels = {c.key: c.label for c in self.official.columns}
        return [("收入", labels["rev_amount"], self.side("rev")), ("支出", labels["exp_amount"], self.side("exp"))]

    @cached_property
    def blocks(self) -> list[UnitBlock]:
        """The 绩效目标表 project by project (public/includes/performance_blocks.html)."""
        return performance_blocks(self.official.rows, self.project_links())

    @cached_property
    def body_html(self) -> str:
        columns = [(c.key, c.kind) for c in self.official.columns]
        rows = []
        for row, link in zip(self.official.rows, self.project_links(), strict=True):
            classes = f"level-{row.level}" + (" total" if row.is_total else "")
            cells = "".join(
                '<td class="num"></td>'
                if key in ITEM_OF and not row.cells.get(ITEM_OF[key])
                else self.cell_html(key, kind, row.cells.get(key), link if key == "name" else "")
                for key, kind in columns
            )
            rows.append(f'<tr class="{classes}" data-code="{escape(row.code)}" data-level="{row.level}">{cells}</tr>')
        return mark_safe("\n".join(rows))  # every value above is escaped or formatted by us
