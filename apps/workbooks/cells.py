"""Turning one workbook cell's value into the value its field stores, or saying why not."""

from apps.budgets.cells import CellError, code, money, text, weight, whole_number

from .layout import Field


def parse(field: Field, value):
    """The stored value for a cell of this field; None for an allowed blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if field.required:
            raise CellError("不能为空")
        return None
    if field.kind == "choice":
        label = str(value).strip()
        if label not in field.choices:
            raise CellError(f"不是可选值之一（{'、'.join(field.choices)}）")
        return field.choices[label]
    return {"money": money, "weight": weight, "int": whole_number, "code": code, "text": text}[field.kind](value)
