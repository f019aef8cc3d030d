"""The checks of apps/budgets/checks.py as finance staff read them: plain Chinese,
≠ where the sides differ (= only when they agree), amounts with separators,
the difference, links to the lines involved and what to do about it."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from apps.budgets.checks import CheckResult, run_checks
from apps.budgets.models import Budget
from apps.projects.models import Project

CODE = re.compile(r"(?:科目|基本支出)\s*(\d{3}(?:\d{2}){0,2})(?!\d)")

# (what the check's name starts with or contains, what to do, the workspace sections involved)
ADVICE = [
    (
        "收支预算总表",
        "收入合计应等于支出合计加结转下年：核对“收入”各行与“支出（功能分类）”各行的金额。",
        [("收入", "revenue"), ("支出（功能分类）", "function")],
    ),
    (
        "财政拨款收支预算总表",
        "财政拨款收入（一般公共预算、政府性基金、国有资本经营及其上年结转）应等于同样来源的支出加结转下年。",
        [("收入", "revenue"), ("支出（功能分类）", "function")],
    ),
    (
        "一般公共预算拨款收入",
        "收入中的“一般公共预算拨款收入”应等于资金来源为一般公共预算的各支出行之和。",
        [("收入", "revenue"), ("支出（功能分类）", "function")],
    ),
    (
        "基本支出 = 人员经费",
        "经济分类的基本支出合计应等于功能分类中一般公共预算人员经费与公用经费之和：找出两边金额不同的科目。",
        [("基本支出（经济分类）", "economic"), ("支出（功能分类）", "function")],
    ),
    (
        "人员经费：",
        "按经济分类填的人员经费（301 工资福利支出、303 对个人和家庭的补助）应等于按功能分类填的人员经费。",
        [("基本支出（经济分类）", "economic"), ("支出（功能分类）", "function")],
    ),
    (
        "公用经费：",
        "按经济分类填的公用经费（302 商品和服务支出等）应等于按功能分类填的公用经费。",
        [("基本支出（经济分类）", "economic"), ("支出（功能分类）", "function")],
    ),
    (
        "项目支出表合计",
        "各项目的资金合计应等于功能分类中“项目支出”各行之和：补上缺的项目或改正金额。",
        [("项目", "projects"), ("支出（功能分类）", "function")],
    ),
    (
        "项目支出（科目",
        "列在这个科目的项目资金之和应等于该科目的“项目支出”行：改正项目资金，或该科目项目支出行的金额。",
        [("项目", "projects")],
    ),
    ("绩效指标权重", "调整这个项目各项绩效指标的权重，使之合计为 100。", []),
    (
        "“三公”经费表",
        "“三公”经费表中这一类应不少于基本支出中对应经济科目的金额：补填“三公”经费，或改正经济科目的金额。",
        [("“三公”经费", "three-public"), ("基本支出（经济分类）", "economic")],
    ),
    (
        "末级科目",
        "把这一行改到本年度的末级科目（项，或没有项的款）上，或删除它。",
        [("支出（功能分类）", "function"), ("基本支出（经济分类）", "economic")],
    ),
]


def amount(value: Decimal, is_count: bool) -> str:
    return f"{value:,.0f}" if is_count else f"{value:,.2f}"


@dataclass
class PanelItem:
    result: CheckResult
    advice: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.result.passed

    @property
    def title(self) -> str:
        return self.result.name.replace(" = ", "应等于").replace(" ≥ ", "应不少于")

    @property
    def is_yes_no(self) -> bool:
        """Checks that count offending rows (1 = 应为 0) read as a sentence, not as numbers."""
        return self.result.is_count and self.result.right_label == "应为"

    @property
    def sentence(self) -> str:
        if self.passed:
            return "是：所有明细都列在本年度的末级科目上。" if self.is_yes_no else ""
        return f"否：{self.result.left_label.removesuffix('的明细')}。"

    @property
    def relation(self) -> str:
        if self.result.relation == "=":
            return "=" if self.passed else "≠"
        return "≥" if self.passed else "<"

    @property
    def left(self) -> str:
        return amount(self.result.left, self.result.is_count)

    @property
    def right(self) -> str:
        return amount(self.result.right, self.result.is_count)

    @property
    def difference(self) -> str:
        return amount(self.result.difference, self.result.is_count)


def advice_for(result: CheckResult) -> tuple[str, list[tuple[str, str]]]:
    for marker, advice, sections in ADVICE:
        if marker in result.name:
            return advice, [(label, f"#{anchor}") for label, anchor in sections]
    return "", []


def panel_items(budget: Budget, results: list[CheckResult] | None = None) -> list[PanelItem]:
    """Every check of the budget, the failing ones first, each with links into the workspace."""
    results = run_checks(budget) if results is None else results
    projects = {str(project): project.pk for project in Project.objects.filter(budget=budget).select_related("unit")}
    items = []
    for result in results:
        advice, links = advice_for(result)
        text = f"{result.name} {result.left_label}"
        codes = CODE.findall(text)
        links = [(f"科目 {code}", f"#code-{code}") for code in dict.fromkeys(codes)] + links
        for name, pk in projects.items():
            if name in result.name:
                links.insert(0, (f"项目：{name}", f"#project-{pk}"))
        items.append(PanelItem(result, advice if not result.passed else "", links if not result.passed else []))
    return sorted(items, key=lambda item: item.passed)
