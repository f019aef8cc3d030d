from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

CENT = Decimal("0.01")


class MoneyField(models.BigIntegerField):
    """Yuan as a Decimal to the cent in Python, whole cents in the database.

    SQLite keeps DECIMAL columns as floating point, so SUM over many amounts
    could drift by a cent; integer cents add up exactly on every backend."""

    description = "金额（元，精确到分）"

    def from_db_value(self, value, expression, connection) -> Decimal | None:
        return None if value is None else Decimal(value).scaleb(-2)

    def to_python(self, value) -> Decimal | None:
        if value is None or value == "":
            return None
        try:
            amount = Decimal(str(value).replace(",", ""))
        except InvalidOperation:
            raise ValidationError(f"“{value}”不是金额", code="invalid") from None
        if not amount.is_finite() or amount != amount.quantize(CENT):
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
            **{"form_class": forms.DecimalField, "max_digits": 18, "decimal_places": 2, **kwargs}
        )
