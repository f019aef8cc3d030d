"""Reading the figures and labels of a disclosure exactly: amounts as Decimal
(万元 converted by an exact ×10000, never through float), classification codes
whole or split, and labels compared regardless of full- or half-width
punctuation, quotes and spaces, which differ between PDF producers."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
WAN = Decimal("10000")
ZERO = Decimal("0")

AMOUNT = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
BLANK_MARKS = {"-", "—", "－", "--", "——", "/", "／"}
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
# A split code: 201 03 01, or 301 2 where a PDF dropped the 款's leading zero
# (30102); a part of one digit is zero-padded, never read as anything else.
SPLIT_CODE = re.compile(r"^(\d{3})\s+(\d{1,2})(?:\s+(\d{1,2}))?$")
WIDTH = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "：": ":",
        "，": ",",
        "；": ";",
        "　": " ",
        "“": "",
        "”": "",
        '"': "",
        "‘": "",
        "’": "",
        "〔": "(",
        "〕": ")",
    }
)


class AmountError(ValueError):
    pass


def is_amount(text: str) -> bool:
    return bool(AMOUNT.match(text.strip()))


def is_blank_mark(text: str) -> bool:
    """A printed dash or slash stands for an empty cell: it holds a place, but no figure."""
    return text.strip() in BLANK_MARKS


def amount(text: str, scale: Decimal = Decimal(1)) -> Decimal:
    """The printed figure in 元: 万元 tables are multiplied exactly; a result
    finer than a cent cannot be stored and is refused rather than rounded."""
    try:
        value = Decimal(text.strip().replace(",", "").replace("−", "-")) * scale
    except InvalidOperation:
        raise AmountError(f"“{text}”不是金额") from None
    if value < 0:
        raise AmountError(f"“{text}”是负数，金额不能为负")
    if value != value.quantize(CENT):
        raise AmountError(f"“{text}”换算成元后超过两位小数")
    return value.quantize(CENT)


def decimals(text: str) -> int:
    """How many decimals the disclosure printed: the precision of a rounded 万元 figure."""
    text = text.strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def wan(value: Decimal, places: int = 2) -> Decimal:
    """元 → 万元 rounded half up, as disclosures print it."""
    return (value / WAN).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def code(text: str) -> str | None:
    """`2010301` or `201 03 01` → 2010301; None when the text is no code."""
    text = text.strip()
    if CODE.match(text):
        return text
    split = SPLIT_CODE.match(text)
    return (
        "".join(part.zfill(len(part) if i == 0 else 2) for i, part in enumerate(split.groups()) if part)
        if split
        else None
    )


def label(text: str) -> str:
    """A label for comparison: no spaces, no quotes, half-width punctuation, no
    numbering such as 一、 (一) 1. or 其中: in front."""
    text = (text or "").translate(WIDTH).replace(" ", "").strip()
    text = re.sub(r"^(其中:|[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d+[.、])+", "", text)
    return re.sub(r"[(（](元|万元)[)）]$", "", text)


def same_name(a: str, b: str) -> bool:
    return label(a) == label(b)


def yuan(value: Decimal | None) -> str:
    return "空白" if value is None else f"{value:,.2f}"
