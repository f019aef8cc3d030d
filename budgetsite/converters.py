"""URL converters shared by the public pages, downloads and the API."""

from apps.budgets.models import Phase


class OtherPhaseConverter:
    """决算 and 调整预算 live one segment below the 预算 of the same year."""

    regex = "|".join(p.value for p in Phase if p != Phase.BUDGET)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FileFormatConverter(OtherPhaseConverter):
    regex = "xlsx|csv|json"
