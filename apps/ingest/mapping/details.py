"""Building 明细 lines exactly as the workbook reader would: every value goes
through the same cell parser (choices by their labels, money to the cent), so
a line made from a disclosure is validated like a line typed into Excel, and
each line keeps the source line number it was read from."""

from decimal import Decimal

from apps.budgets import cells
from apps.ingest.report import Report
from apps.ingest.sources.text import SourceLine
from apps.workbooks import layout
from apps.workbooks.cells import parse
from apps.workbooks.reader import Line


class Details:
    def __init__(self, report: Report):
        self.report = report
        self.sheets: dict[str, list[Line]] = {spec.name: [] for spec in layout.DETAIL_SHEETS}

    def add(self, spec: layout.DetailSheet, table: str, line: SourceLine | None, raw: dict[str, object]) -> Line | None:
        """One 明细 row from the cells as the disclosure gives them; a cell the
        workbook reader would refuse is a problem located at the source line."""
        values, complete = {}, True
        for field in spec.fields:
            text = raw.get(field.header)
            try:
                values[field.header] = parse(field, shown(text))
            except cells.CellError as error:
                self.report.problem(table, line, field.header, text, str(error))
                complete = False
        if not complete:
            return None
        row = Line(line.number if line else 0, values, {h: raw.get(h) for h in spec.headers})
        self.sheets[spec.name].append(row)
        return row


def shown(value: object) -> object:
    """Decimals as their exact text, so that the parser never meets a float."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value
