from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models

CENT = Decimal("0.01")
# The largest amount one line may hold: 9,999,999,999.99 元 (just under 100亿). Stored as cents it is
# below 10^12, so a SUM cannot overflow the database's 64-bit integer (SQLite raises, PostgreSQL would
# not) before 9.2 million lines at the maximum: ten times a generated city of 2,000 departments × 5 years,
# and 92 times the IMPORT_MAX_ROWS a sheet. Forms, the Excel import and the disclosure ingest check it
# before writing, on every database alike.
MAX_AMOUNT = Decimal("9999999999.99")


class MoneyField(models.BigIntegerField):
    """Yuan as a Decimal to the cent in Python, whole cents in the database.

    SQLite keeps DECIMAL columns as floating point, so SUM over many amounts
    could drift by a cent; integer cents add up exactly on every backend."""

    description = "金额（元，精确到分）"
    default_validators = [MaxValueValidator(MAX_AMOUNT, message=f"金额不能超过 {MAX_AMOUNT:,} 元")]

    def from_db_value(self, value, expression, connection) -> Decimal | None:
        return None if value is None else Decimal(value).scaleb(-2)

    def to_python(self, value) -> Decimal | None:
        if value is None or value == "":
            return None
        try:
            amount = Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            raise ValidationError(f"“{value}”不是金额", code="invalid") from None
        if not amount.is_finite():
            raise ValidationError(f"“{value}”不是金额", code="invalid")
        if amount.adjusted() >= 16:  # cents beyond a 64-bit integer; quantize() fails on huge exponents
            raise ValidationError(f"金额“{value}”过大", code="invalid")
        if amount != amount.quantize(CENT):
            raise ValidationError(f"金额“{value}”最多两位小数", code="invalid")
        return amount.quantize(CENT)

    def get_prep_value(self, value) -> int | None:
        amount = self.to_python(value)
        return None if amount is None else int(amount.scaleb(2))

    def value_to_string(self, obj) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(self.to_python(value))

    def formfield(self, **kwargs):
        return super(models.IntegerField, self).formfield(
            **{
                "form_class": forms.DecimalField,
                "max_digits": 12,
                "decimal_places": 2,
                "max_value": MAX_AMOUNT,
                **kwargs,
            }
        )
