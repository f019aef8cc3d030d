"""The shape every official table shares, and the code-tree rows the code tables are made of."""

from dataclasses import dataclass, field

from apps.reference.models import LEVEL_NAMES, ClassificationCode


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str = ""  # the merged header cell above this one, e.g. 基本支出
    kind: str = "money"  # money (元, two decimals), number (as stored), percent (one decimal) or text
    number: str = ""  # the disclosure's column number row (**, 1, 2, …)


@dataclass
class Row:
    cells: dict[str, object]
    code: str = ""
    level: int = 0  # 0 合计 or a heading row, 1 类, 2 款, 3 项 (or unit/project depth)
    is_total: bool = False


@dataclass
class OfficialTable:
    slug: str
    name: str  # e.g. 收支预算总表
    title: str  # e.g. 2021年市级部门收支预算总表
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    empty_note: str = ""  # the disclosure's statement for a table without data
    findings: list = field(default_factory=list)  # where the document's own figures disagree (budgets.Finding)
    code_scheme: str = ""  # which classification the code cells belong to

    @property
    def amount_keys(self) -> list[str]:
        return [c.key for c in self.columns if c.kind == "money"]

    @property
    def header_rows(self) -> list[list["HeaderCell"]]:
        """The disclosure's header: one row, or two where columns are grouped
        (基本支出 over 人员支出/公用经费); an ungrouped column then spans both rows."""
        if not any(c.group for c in self.columns):
            return [[HeaderCell(c.label) for c in self.columns]]
        top: list[HeaderCell] = []
        below: list[HeaderCell] = []
        for column in self.columns:
            if not column.group:
                top.append(HeaderCell(column.label, rowspan=2))
                continue
            if top and top[-1].label == column.group and top[-1].is_group:
                top[-1].colspan += 1
            else:
                top.append(HeaderCell(column.group, is_group=True))
            below.append(HeaderCell(column.label))
        return [top, below]


@dataclass
class HeaderCell:
    label: str
    colspan: int = 1
    rowspan: int = 1
    is_group: bool = False


def tree_rows(totals: dict[str, dict], scheme: str, year: int, names: dict[str, str] | None = None) -> list[Row]:
    """Rows in code order (which is tree order: 201, 20103, 2010301, 205, …), each
    with the code's official name of that year (`names`: that year's code → name, read once
    for many budgets; else read here for these codes)."""
    if names is None:
        names = code_names(scheme, year, totals)
    return [
        Row(
            cells={"code": code, "name": names.get(code, ""), **totals[code]},
            code=code,
            level=sorted(LEVEL_NAMES).index(len(code)) + 1,
        )
        for code in sorted(totals)
    ]


def code_names(scheme: str, year: int, codes=None) -> dict[str, str]:
    """Code → official name in that year's classification, of these codes (None: of every code)."""
    found = ClassificationCode.objects.filter(scheme=scheme, year=year)
    return dict((found if codes is None else found.filter(code__in=codes)).values_list("code", "name"))
