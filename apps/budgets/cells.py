"""Turning one typed or pasted value into the value a field stores, or saying why not: money to the cent,
weights, whole numbers, codes. Used by the admin's paste and by the workbook and disclosure readers."""

from decimal import Decimal, InvalidOperation

from .fields import MAX_AMOUNT

CENT = Decimal("0.01")


# Positions, counts and years: far above any real one, and an int the database takes.
WHOLE_NUMBER_LIMIT = 2_147_483_647


class CellError(ValueError):
    pass


def as_decimal(value) -> Decimal:
    if isinstance(value, float):  # never produced by our reader; refuse rather than guess
        raise CellError("是浮点数，无法保证精确到分")
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise CellError("不是数字") from None
    if not number.is_finite():
        raise CellError("不是数字")
    return number


def money(value) -> Decimal:
    amount = as_decimal(value)
    if amount < 0:
        raise CellError("是负数，金额不能为负")
    if amount > MAX_AMOUNT:  # before quantize(), which cannot take an exponent this large
        raise CellError(f"超过金额上限 {MAX_AMOUNT:,} 元")
    if amount != amount.quantize(CENT):
        raise CellError("超过两位小数，金额应精确到分")
    return amount.quantize(CENT)


def weight(value) -> Decimal:
    number = as_decimal(value)
    if not 0 <= number <= 100:
        raise CellError("应在 0 到 100 之间")
    if number != number.quantize(CENT):
        raise CellError("最多两位小数")
    return number


def whole_number(value) -> int:
    number = as_decimal(value)
    if number != number.to_integral_value() or number < 0:
        raise CellError("应为非负整数")
    if number > WHOLE_NUMBER_LIMIT:
        raise CellError(f"超过 {WHOLE_NUMBER_LIMIT:,}")
    return int(number)


def code(value) -> str:
    text = str(value).strip().replace(" ", "")
    if not text.isdigit() or len(text) not in (3, 5, 7):
        raise CellError("不是 3、5 或 7 位的科目编码")
    return text


def code_text(value) -> str:
    """A unit or department code: digits kept as text even if the cell was a number."""
    return str(value).strip() if not isinstance(value, int) else str(value)


def text(value) -> str:
    return str(value).strip()
