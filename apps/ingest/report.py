"""What an ingest found and did, each item with the source line it stands on:
the tables, every check the tables' arithmetic allowed, what had to be
inferred or was fixed, the narrative's figures against the tables', and the
problems that stop the write."""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from apps.ingest.numbers import yuan
from apps.ingest.sources.text import SourceLine
from apps.workbooks.problems import Problem


@dataclass(frozen=True)
class Check:
    table: str
    line: SourceLine | None
    label: str
    stated: Decimal
    computed: Decimal
    ok: bool
    note: str = ""  # e.g. passing only within the rounding of a 万元 table

    def __str__(self) -> str:
        mark = "通过" if self.ok else "不符"
        return f"[{mark}] {self.label}：表中 {yuan(self.stated)}，计算 {yuan(self.computed)}" + (
            f"（{self.note}）" if self.note else ""
        )


class NoteKind(Enum):
    """What a note tells: its value is how the preview labels it."""

    READ = "读取"  # a step of reading worth knowing
    INFERRED = "推断"  # something not printed that the reader concluded
    FIXED = "修正"  # a misplacement corrected by arithmetic
    WARNING = "提示"  # accepted, but worth reading: a code the document brings, a name that differs …


@dataclass(frozen=True)
class Note:
    """One thing the reader wants the user to know, at the line it stands on."""

    kind: NoteKind
    table: str
    line: SourceLine | None
    text: str


@dataclass(frozen=True)
class Finding:
    """A printed figure its own rows do not give, by less than one 元 (a total
    printed in whole 元 over rows with cents): the rows are kept, this is shown."""

    table: str
    line: SourceLine | None
    label: str
    stated: Decimal
    computed: Decimal

    @property
    def sentence(self) -> str:
        return (
            f"原文 {yuan(self.stated)}，明细合计 {yuan(self.computed)}，相差 {yuan(abs(self.stated - self.computed))}"
        )

    def __str__(self) -> str:
        return f"{self.table} {self.label}：{self.sentence}"


# A disagreement below this is the document's own rounding (findings); at or above it, a contradiction (refused).
FINDING_LIMIT = Decimal(1)


@dataclass(frozen=True)
class Comparison:
    """A figure of the narrative (说明) against the same figure from the tables."""

    topic: str
    line: SourceLine | None
    narrative: str
    tables: str
    ok: bool


@dataclass
class TableSummary:
    title: str
    kind: str  # our name for it
    counterpart: bool  # one of our nine official tables
    line: SourceLine
    unit: str
    rows: int
    status: str
    heading: str = ""  # what the title says besides the name: 2021年·市级·部门


@dataclass
class Report:
    lines: dict[int, SourceLine] = field(default_factory=dict)
    tables: list[TableSummary] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)  # accepted, but shown: codes the document brings …
    compared: int = 0  # figures of the disclosure compared with the tables computed from the line items

    def problem(self, table: str, line: SourceLine | None, column: str, value: object, message: str) -> None:
        self.problems.append(Problem(table, line.number if line else None, column, value, message))

    def note(self, kind: NoteKind, table: str, line: SourceLine | None, text: str) -> None:
        self.notes.append(Note(kind, table, line, text))

    def warn(self, table: str, line: SourceLine | None, text: str) -> None:
        if not any(w.text == text for w in self.warnings):  # a code printed in several tables is told once
            self.warnings.append(Note(NoteKind.WARNING, table, line, text))

    def finding(self, table: str, line: SourceLine | None, label: str, stated: Decimal, computed: Decimal) -> bool:
        """Keep a disagreement below FINDING_LIMIT as a finding (True); a larger one is not one (False)."""
        if abs(stated - computed) >= FINDING_LIMIT:
            return False
        number = line.number if line else None
        if not any(
            (f.line.number if f.line else None) == number and f.table == table and f.stated == stated
            for f in self.findings
        ):
            self.findings.append(Finding(table, line, label, stated, computed))
        return True

    def check(
        self,
        table: str,
        line: SourceLine | None,
        label: str,
        stated: Decimal,
        computed: Decimal,
        tolerance: Decimal = Decimal(0),
    ) -> bool:
        """Record stated = computed; within `tolerance` only where the table rounds, and say so."""
        difference = abs(stated - computed)
        ok = difference <= tolerance
        note = f"相差 {yuan(difference)} 元，在万元表四舍五入的范围内" if ok and difference else ""
        if not ok and self.finding(table, line, label, stated, computed):
            ok, note = True, "文件自身不一致（不足 1 元）：按明细读入，记为发现"
        self.checks.append(Check(table, line, label, stated, computed, ok, note))
        if not ok:
            self.problem(
                table, line, label, yuan(stated), f"与计算值 {yuan(computed)} 不符，相差 {yuan(stated - computed)}"
            )
        return ok

    def page(self, number: int | None) -> int | None:
        line = self.lines.get(number) if number else None
        return line.page if line else None

    @property
    def failing_checks(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    @property
    def differing(self) -> list[Comparison]:
        return [c for c in self.comparisons if not c.ok]
