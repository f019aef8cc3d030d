"""The amount unit a reader chose (元 or 万元), carried by `?unit=` on every
page and download. Conversion happens on exact Decimals; only display rounds."""

from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

CENT = Decimal("0.01")


class AmountUnit(Enum):
    YUAN = "yuan"
    WAN = "wan"

    @property
    def label(self) -> str:
        return "元" if self is AmountUnit.YUAN else "万元"

    @property
    def divisor(self) -> Decimal:
        return Decimal(1) if self is AmountUnit.YUAN else Decimal(10000)

    @classmethod
    def from_query(cls, value: str | None) -> "AmountUnit":
        """`?unit=wan` selects 万元; anything else (or nothing) is 元."""
        return cls.WAN if value == cls.WAN.value else cls.YUAN

    def convert(self, amount: Decimal) -> Decimal:
        """An amount in this unit, two decimals, rounded half up."""
        return (amount / self.divisor).quantize(CENT, ROUND_HALF_UP)

    def format(self, amount: Decimal | None) -> str:
        """As tables print it: thousands separators, two decimals; blank for None."""
        return "" if amount is None else f"{self.convert(amount):,.2f}"
