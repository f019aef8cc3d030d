from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an uploaded file, located as a person would look for it."""

    sheet: str
    row: int | None  # the spreadsheet's own row number (1-based); None for the whole sheet
    column: str  # the column's header, or its letter where there is none
    value: object
    message: str

    def __str__(self) -> str:
        where = self.sheet + (f" 第{self.row}行" if self.row else "") + (f"「{self.column}」" if self.column else "")
        value = "" if self.value in (None, "") else f"“{self.value}”"
        return f"{where}：{value}{self.message}"


class WorkbookInvalid(Exception):
    """Raised with every problem found, so the user can fix them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
