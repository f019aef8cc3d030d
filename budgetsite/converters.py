"""URL converters shared by the public pages, downloads and the API."""

from apps.budgets.models import Phase
from apps.reference.models import Scheme


class TextConverter:
    """A path segment kept as text, matching only `regex`."""

    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class OtherPhaseConverter(TextConverter):
    """决算 and 调整预算 live one segment below the 预算 of the same year."""

    regex = "|".join(p.value for p in Phase if p != Phase.BUDGET)


class FileFormatConverter(TextConverter):
    regex = "xlsx|csv|json"


class SchemeConverter(TextConverter):
    """/subjects/function/… and /subjects/economic/…"""

    regex = "|".join(Scheme.values)


class CodeConverter(TextConverter):
    """A classification code: 3, 5 or 7 digits; anything else is not a code page."""

    regex = "[0-9]{3}(?:[0-9]{2}){0,2}"


class DepartmentConverter(TextConverter):
    """A department code as a path segment: at most 20 characters (the field's length), no control
    character (PostgreSQL refuses a NUL in text); anything else is no department page."""

    regex = "[^/\\x00-\\x1f\\x7f]{1,20}"


CONVERTERS = {
    "department": DepartmentConverter,
    "phase": OtherPhaseConverter,
    "fileformat": FileFormatConverter,
    "scheme": SchemeConverter,
    "code": CodeConverter,
}
