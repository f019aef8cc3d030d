"""One year's classification tree, for checking codes and names and for
finding a code from the names a table or a sentence prints instead."""

from apps.ingest.numbers import label
from apps.reference.models import ClassificationCode


class Tree:
    def __init__(self, scheme: str, year: int | None, printed: dict[str, str] | None = None):
        """The year's list, and the codes the document itself prints (the list's name wins)."""
        self.scheme = scheme
        self.names: dict[str, str] = {
            **(printed or {}),
            **dict(ClassificationCode.objects.filter(scheme=scheme, year=year).values_list("code", "name")),
        }
        # A code answers to the list's name and to the document's own (older) name for it.
        self.labels: dict[str, set[str]] = {code: {label(name)} for code, name in self.names.items()}
        for code, name in (printed or {}).items():
            self.labels[code].add(label(name))

    def name(self, code: str) -> str | None:
        return self.names.get(code)

    def named(self, name: str, under: str = "", length: int | None = None) -> list[str]:
        wanted = label(name)
        return [
            code
            for code in self.names
            if wanted in self.labels[code] and code.startswith(under) and (length is None or len(code) == length)
        ]

    def locate(self, name: str, context: list[str]) -> str | None:
        """The code of a name printed without one, under the rows above it:
        a child of the nearest open 款 or 类, else a 类, else unique anywhere."""
        for parent in sorted(context, key=len, reverse=True):
            found = self.named(name, parent, len(parent) + 2)
            if len(found) == 1:
                return found[0]
        for length in (3, None):
            found = self.named(name, "", length)
            if len(found) == 1:
                return found[0]
        return None

    def path(self, names: list[str]) -> str | None:
        """类/款/项 names as a sentence gives them (一般公共服务支出（类）…行政运行（项）) → the code."""
        code = ""
        for name in names:
            found = self.named(name, code, len(code) + 2 if code else 3)
            if len(found) != 1:
                return None
            code = found[0]
        return code or None
