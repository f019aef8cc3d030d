"""django-tables2 views of the official tables: one Table class whose columns
come from the OfficialTable's own column list."""

from decimal import Decimal

import django_tables2 as tables

from apps.budgets.official import Column, OfficialTable


def format_yuan(value: Decimal) -> str:
    return f"{value:,.2f}"


def format_number(value: Decimal) -> str:
    """A weight as the disclosure prints it: 10, 12.5."""
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


class MoneyColumn(tables.Column):
    def __init__(self, **kwargs):
        super().__init__(attrs={"th": {"class": "num"}, "td": {"class": "num"}}, **kwargs)

    def render(self, value: Decimal) -> str:
        return format_yuan(value)

    def value(self, value: Decimal | None) -> str:
        return "" if value is None else str(value)


class NumberColumn(MoneyColumn):
    def render(self, value: Decimal) -> str:
        return format_number(value)


COLUMN_CLASSES = {"money": MoneyColumn, "number": NumberColumn, "text": tables.Column}


def row_class(record: dict) -> str:
    row = record["_row"]
    return f"level-{row.level}" + (" total" if row.is_total else "")


class OfficialTableView(tables.Table):
    class Meta:
        template_name = "public/includes/official_table.html"
        orderable = False
        attrs = {"class": "official"}
        row_attrs = {"class": row_class}

    def __init__(self, official: OfficialTable, detail_url: str = "", **kwargs):
        self.official = official
        self.detail_url = detail_url
        columns = [(column.key, self.make_column(column)) for column in official.columns]
        data = [{**row.cells, "_row": row} for row in official.rows]
        super().__init__(data=data, extra_columns=columns, **kwargs)

    @staticmethod
    def make_column(column: Column) -> tables.Column:
        return COLUMN_CLASSES[column.kind](verbose_name=column.label, default="", empty_values=(None, ""))

