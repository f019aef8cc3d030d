"""Codes a document brings: the one rule both the Excel import and the
disclosure ingest apply to the classification codes they meet.

A code the year's list has is known; a name that differs from the list's is a
warning naming both (real documents print older names). A code the list lacks
is accepted when it is placed consistently in the tree (a valid length for its
scheme, and its 类 and 款 in the year's list or printed in the same document),
kept as the document's (ClassificationCode.Origin.DOCUMENT) and listed as a
warning. Only a code that contradicts the tree is refused."""

from dataclasses import dataclass, field

from apps.reference.models import LEVEL_LENGTHS, ClassificationCode, Scheme

from .text import same_label


@dataclass(frozen=True)
class BroughtCode:
    scheme: str
    code: str
    name: str


@dataclass(frozen=True)
class Verdict:
    problem: str = ""  # the code contradicts the tree: refused
    warning: str = ""  # accepted, but worth reading: brought by the document, or named differently


@dataclass
class CodeBook:
    """One year's codes: the list's (from the database) and the document's own (printed: scheme → code → name)."""

    year: int | None
    printed: dict[str, dict[str, str]] = field(default_factory=dict)
    listed: dict[str, dict[str, str]] = field(default_factory=dict)
    # codes an earlier document brought (in the database, but not the national list's): scheme → code → note
    earlier: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.listed = {str(s): {} for s in Scheme}
        self.earlier = {str(s): {} for s in Scheme}
        for scheme, code, name, origin, note in ClassificationCode.objects.filter(year=self.year).values_list(
            "scheme", "code", "name", "origin", "origin_note"
        ):
            self.listed[scheme][code] = name
            if origin == ClassificationCode.Origin.DOCUMENT:
                self.earlier[scheme][code] = note

    def name(self, scheme: str, code: str) -> str | None:
        return self.listed.get(scheme, {}).get(code) or self.printed.get(scheme, {}).get(code)

    def names(self, scheme: str) -> dict[str, str]:
        """Every code of the scheme this document may use, with its name (the list's first)."""
        return {**self.printed.get(scheme, {}), **self.listed.get(scheme, {})}

    def is_leaf(self, scheme: str, code: str) -> bool:
        """No code below it among those the document uses: a figure is held once, at the level the document gives it."""
        return not any(other != code and other.startswith(code) for other in self.printed.get(scheme, {}))

    def check(self, scheme: str, code: str, name: str | None) -> Verdict:
        label = Scheme(scheme).label
        official = self.listed.get(scheme, {}).get(code)
        if official is not None:
            if name and not same_label(name, official):
                return Verdict(warning=f"科目 {code} 的名称“{name}”与{self.year}年{label}的“{official}”不同")
            if code in self.earlier.get(scheme, {}):
                note = self.earlier[scheme][code]
                return Verdict(warning=f"科目 {code} {official} 不在{self.year}年{label}中：沿用此前“{note}”所列")
            return Verdict()
        if len(code) not in LEVEL_LENGTHS[scheme]:
            return Verdict(problem=f"不是{label}的科目编码（应为 {'、'.join(map(str, LEVEL_LENGTHS[scheme]))} 位）")
        missing = [p for p in parents(code) if self.name(scheme, p) is None]
        if missing:
            return Verdict(
                problem=f"不在{self.year}年{label}中，其上级科目 {'、'.join(missing)} 既不在科目表中也未在文件中列出"
            )
        if not name:
            return Verdict(problem=f"不在{self.year}年{label}中，文件也没有列出它的名称")
        return Verdict(warning=f"科目 {code} {name} 不在{self.year}年{label}中：按文件所列接受，标为“文件所列”")

    def brought(self) -> list[BroughtCode]:
        """The printed codes the list lacks, parents first: what the write adds as the document's."""
        return [
            BroughtCode(scheme, code, name)
            for scheme, codes in self.printed.items()
            for code, name in sorted(codes.items(), key=lambda item: (len(item[0]), item[0]))
            if code not in self.listed.get(scheme, {}) and self.check(scheme, code, name).problem == ""
        ]


def parents(code: str) -> list[str]:
    return [code[:length] for length in (3, 5) if length < len(code)]


def store_codes(data) -> None:
    """The codes a document brings (BudgetData.codes), added to its year's list before any line uses them."""
    if data.codes and data.year:
        store_brought(data.year, data.codes, data.source_name or "导入的文件")


def store_brought(year: int, codes: list[BroughtCode], note: str) -> None:
    """Add the document's codes to the year's list (parents before children), marked as the document's."""
    for brought in sorted(codes, key=lambda c: len(c.code)):
        parent = (
            ClassificationCode.objects.get(scheme=brought.scheme, year=year, code=brought.code[:-2])
            if len(brought.code) > 3
            else None
        )
        ClassificationCode.objects.get_or_create(
            scheme=brought.scheme,
            year=year,
            code=brought.code,
            defaults={
                "name": brought.name,
                "parent": parent,
                "origin": ClassificationCode.Origin.DOCUMENT,
                "origin_note": note[:200],
            },
        )
