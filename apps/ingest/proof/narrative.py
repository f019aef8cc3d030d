"""The narrative's figures against the tables', and what follows from them.

Every figure the 说明 states is recomputed from the line items read from the
tables, rounded as the 说明 printed it, and the two are shown side by side;
a difference is reported with both values, never corrected. Prior-year
amounts follow from the comparison sentences: 持平 gives this year's amount,
增加/减少 X 万元 gives this year's ∓ X (as precise as X was printed); a
percentage alone gives no exact amount, and none is stored."""

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from apps.budgets.checks import FISCAL_REVENUE
from apps.budgets.measures import MEASURES
from apps.ingest.mapping.details import Details
from apps.ingest.numbers import CENT, WAN, yuan
from apps.ingest.readers.balance import CARRIED, CURRENT, lookup
from apps.ingest.readers.narrative import Figure, Narrative
from apps.ingest.report import Comparison, NoteKind, Report
from apps.ingest.trees import Tree
from apps.reference.models import Unit
from apps.workbooks import layout
from apps.workbooks.reader import BudgetData, Line

ZERO = Decimal(0)
USES = {
    "人员支出": "personnel",
    "人员经费": "personnel",
    "日常公用支出": "public",
    "公用经费": "public",
    "公用支出": "public",
    "项目支出": "project",
}
THREE = {
    "overseas": ("overseas",),
    "reception": ("reception",),
    "vehicle": ("vehicle_purchase", "vehicle_running"),
    "vehicle_purchase": ("vehicle_purchase",),
    "vehicle_running": ("vehicle_running",),
}


def total(lines: list[Line], **where: object) -> Decimal:
    return sum((row.values["金额"] for row in lines if all(test(row.values.get(k), v) for k, v in where.items())), ZERO)


def test(value: object, wanted: object) -> bool:
    return wanted(value) if callable(wanted) else value == wanted


class TableFigures:
    """This year's figures, summed exactly from the 明细 lines read from the tables."""

    def __init__(self, data: BudgetData, tree: Tree):
        self.data, self.tree = data, tree
        self.revenue = data.details[layout.REVENUE.name]
        self.spending = data.details[layout.FUNCTION.name]
        self.three = data.details[layout.THREE_PUBLIC.name]
        self.projects = data.details[layout.PROJECTS.name]

    def in_class(self, name: str) -> Callable[[str], bool] | None:
        codes = self.tree.named(name, "", 3)
        return (lambda code: code[:3] == codes[0]) if len(codes) == 1 else None

    def measure(self, key: str, **where: object) -> Decimal:
        """A measure (apps/budgets/measures.py) of the expenditure lines read, as the stored budget would sum it."""
        counts = MEASURES[key].counts
        return total([row for row in self.spending if counts(row.values["支出性质"], row.values["资金来源"])], **where)

    def value(self, key: tuple) -> Decimal | None:
        kind, *rest = key
        measured = {
            "expenditure_total": "total",
            "general_total": "general_total",
            "general_basic": "general_basic",
            "general_personnel": "general_personnel",
            "general_public": "general_public",
        }
        if kind in measured:
            return self.measure(measured[kind])
        simple = {
            "revenue_total": lambda: total(self.revenue),
            "carry_forward": lambda: self.data.carry_forward,
            "fiscal_total": lambda: total(self.revenue, 收入来源=lambda s: s in FISCAL_REVENUE),
            "running_cost": self.running_cost,
            "project_count": lambda: Decimal(len(self.projects)),
            "project_total": lambda: sum((self.project_sum(row, None) for row in self.projects), ZERO),
            "project_general": lambda: sum((self.project_sum(row, "一般公共预算") for row in self.projects), ZERO),
        }
        if kind in simple:
            return simple[kind]()
        name = rest[0] if rest else ""
        if kind == "revenue":
            return self.revenue_part(name)
        if kind == "use":
            return self.measure(USES[name]) if name in USES else None
        if kind == "three":
            return total(self.three, 类别=lambda c: c in THREE[name])
        if kind in ("class", "fiscal_class", "general_class"):
            within = self.in_class(name)
            measure = {"class": "total", "fiscal_class": "fiscal_total", "general_class": "general_total"}[kind]
            return self.measure(measure, 科目编码=within) if within else None
        return None

    def revenue_part(self, name: str) -> Decimal | None:
        if name == "上年结转":
            return total(self.revenue, 收入来源=lambda s: s.startswith("carryover"))
        source = lookup(CURRENT, name) or lookup(CARRIED, name) or ("gov_fund" if name == "政府性基金收入" else None)
        return total(self.revenue, 收入来源=source) if source else None

    def project_sum(self, line: Line, header: str | None) -> Decimal:
        headers = [header] if header else [f.header for f in layout.PROJECT_AMOUNTS.values()]
        return sum((line.values.get(h) or ZERO for h in headers), ZERO)

    def running_cost(self) -> Decimal:
        admin = {u["code"] for u in self.data.units if u["kind"] == Unit.Kind.ADMINISTRATIVE}
        return self.measure("fiscal_public", 单位编码=lambda u: u in admin)


def rounded(value: Decimal, like: Decimal) -> Decimal:
    return value.quantize(Decimal(1).scaleb(like.as_tuple().exponent), ROUND_HALF_UP)


def compare(narrative: Narrative, figures: TableFigures, report: Report) -> None:
    for figure in narrative.figures:
        value = figures.value(figure.key)
        if figure.key == ("procurement_total",):
            parts = [narrative.texts.get(f) for f in ("procurement_goods", "procurement_works", "procurement_services")]
            value = sum((p for p in parts if p is not None), ZERO) * WAN
        if value is None:
            report.note(NoteKind.READ, "说明", figure.line, f"说明中的“{figure.topic}”在表中找不到对应的数，未比较")
            continue
        if figure.key == ("project_count",):
            report.comparisons.append(
                Comparison(figure.topic, figure.line, f"{figure.wan} 个", f"{value} 个", value == figure.wan)
            )
            continue
        stated_in_wan = rounded(value / WAN, figure.wan)
        ok = stated_in_wan == figure.wan
        source = "说明中各项之和" if figure.key == ("procurement_total",) else "表"
        report.comparisons.append(
            Comparison(
                figure.topic, figure.line, f"{figure.wan} 万元", f"{source} {yuan(value)} 元 = {stated_in_wan} 万元", ok
            )
        )
        if figure.share is not None:
            compare_share(figure, value, figures, report)


def compare_share(figure: Figure, value: Decimal, figures: TableFigures, report: Report) -> None:
    whole_key = {"revenue": ("revenue_total",), "use": ("expenditure_total",), "general_class": ("general_total",)}.get(
        figure.key[0]
    )
    whole = figures.value(whole_key) if whole_key else None
    if whole:
        share = rounded(value * 100 / whole, figure.share)
        report.comparisons.append(
            Comparison(f"{figure.topic}（占比）", figure.line, f"{figure.share}%", f"{share}%", share == figure.share)
        )


def derive_priors(narrative: Narrative, figures: TableFigures, data: BudgetData, report: Report) -> None:
    differing = {c.topic for c in report.comparisons if not c.ok}
    for change in narrative.changes:
        current = figures.value(change.key)
        label = layout_label(change.field)
        stated = next((f for f in narrative.figures if f.key == change.key), None)
        if current is None or (stated and stated.topic in differing):
            report.note(NoteKind.INFERRED, "说明", change.line, f"{label}：本年数与表不符或无法从表中得出，未推算")
            continue
        current = current.quantize(CENT)
        if change.direction == "持平":
            data.narrative[change.field] = current
            report.note(
                NoteKind.INFERRED, "说明", change.line, f"{label} = 本年 {yuan(current)} 元（说明称与上年持平）"
            )
        elif change.wan is not None:
            difference = change.wan * WAN
            prior = current - difference if change.direction == "增加" else current + difference
            data.narrative[change.field] = prior
            precision = Decimal(5).scaleb(change.wan.as_tuple().exponent - 1) * WAN
            report.note(
                NoteKind.INFERRED,
                "说明",
                change.line,
                f"{label} = 本年 {yuan(current)} {'−' if change.direction == '增加' else '+'} {yuan(difference)}"
                f"（说明称{change.direction} {change.wan} 万元）= {yuan(prior)} 元；说明的差额四舍五入到 {change.wan.as_tuple().exponent * -1} 位小数，"
                f"上年数可能相差至多 {yuan(precision)} 元",
            )
        else:
            report.note(
                NoteKind.INFERRED,
                "说明",
                change.line,
                f"{label}：说明只给出{change.direction} {change.percent}%，无法精确推出上年数，未填写",
            )


def layout_label(field: str) -> str:
    return next((label for label, name in layout.NARRATIVE_FIELDS.items() if name == field), field)


def purposes(narrative: Narrative, figures: TableFigures, details: Details, report: Report) -> None:
    general = [row for row in figures.spending if row.values["资金来源"] == "general"]
    seen = set()
    for names, text, stated, line in narrative.purposes:
        code = figures.tree.path(names)
        if code is None:
            report.note(
                NoteKind.READ, "说明", line, f"说明中的科目“{'/'.join(names)}”在当年支出功能分类中找不到，用途未读入"
            )
            continue
        value = total(general, 科目编码=lambda c, prefix=code: c.startswith(prefix))
        ok = rounded(value / WAN, stated) == stated
        report.comparisons.append(
            Comparison(
                f"一般公共预算·{code} {'/'.join(names)}",
                line,
                f"{stated} 万元",
                f"{yuan(value)} 元 = {rounded(value / WAN, stated)} 万元",
                ok,
            )
        )
        if text and code not in seen:
            seen.add(code)
            details.add(
                layout.PURPOSES, "说明", line, {"科目编码": code, "科目名称": figures.tree.name(code), "主要用途": text}
            )
