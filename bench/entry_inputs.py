"""How many inputs it takes to enter a whole budget by hand in the admin: before (the
admin as it was: inlines with select2 pickers, projects on their own page) and after
(the workspace: codes typed, keyboard rows, paste, 以上年预算为底稿).

Counting rule: one input = one field filled (whatever the length of what is typed),
one choice made in a select (by keyboard or mouse), one click on a link, button or
checkbox, or one Enter that submits. Moving between fields (Tab), scrolling and reading
are free. A select2 autocomplete picker costs 3 (open it, type, choose). A field left
at its default costs nothing. Pasting a block costs 4: open the paste box, paste,
核对, 确认写入 (the rows are in a spreadsheet already, as the official tables are).

Usage (a database with the seed and `generate_city`):
    python bench/entry_inputs.py            # prints a JSON report"""

import json
import os
import sys
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetsite.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import F  # noqa: E402

from apps.budgets.carry_over import NARRATIVE_TEXT, carry_over  # noqa: E402
from apps.budgets.models import Budget, BudgetNarrative, Phase  # noqa: E402
from apps.projects.models import Project  # noqa: E402

PICKER, PASTE = 3, 4
NARRATIVE_FIELDS = [f.name for f in BudgetNarrative._meta.fields if f.name != "budget"]


def filled(value) -> int:
    return 0 if value in (None, "", 0) else 1


def narrative_inputs(budget: Budget) -> int:
    narrative = budget.stored_narrative
    return sum(filled(getattr(narrative, name)) for name in NARRATIVE_FIELDS)


def header_inputs(budget: Budget) -> int:
    """The add page: department and each unit by picker, the year, save."""
    return PICKER + 1 + PICKER * budget.units.count() + 1


def before(budget: Budget) -> Counter:
    """The old admin: every inline row starts with 添加另一个; codes and units by select2."""
    count = Counter(header=header_inputs(budget), narrative=narrative_inputs(budget) + 1)
    for line in budget.functionlines.all():
        count["function"] += 1 + PICKER + 1 + filled(line.source != "general") + PICKER * filled(line.unit_id) + 1
    for line in budget.economiclines.all():
        count["economic"] += 1 + PICKER + filled(line.nature != "personnel") + PICKER * filled(line.unit_id) + 1
    count["three_public"] = sum(1 + PICKER + 1 + 1 for _ in budget.three_public_lines.all())
    count["revenue"] = sum(1 + 1 + PICKER * filled(r.unit_id) + 1 for r in budget.revenuelines.all())
    count["purposes"] = sum(1 + PICKER + 1 for _ in budget.function_purposes.all())
    count["save_budget"] = 1
    for project in Project.objects.filter(budget=budget).prefetch_related("fundings", "indicators"):
        fields = 1 + PICKER + PICKER + filled(project.position) + 2 + PICKER + filled(project.goal) + 1
        fundings = sum(1 + filled(f.source != "general") + 1 for f in project.fundings.all())
        count["projects"] += fields + fundings
        count["indicators"] += sum(
            1 + filled(i.position) + 6 + filled(i.measure_unit) for i in project.indicators.all()
        )
    return count


def typed_line(line, default_nature: str = "") -> int:
    """A workspace row: code, nature (unless the default), source (unless 一般公共预算), unit, amount, Enter."""
    return 1 + filled(line.nature != default_nature) + filled(line.source != "general") + filled(line.unit_id) + 2


def after_typing(budget: Budget) -> Counter:
    count = Counter(header=header_inputs(budget), narrative=narrative_inputs(budget) + 1)
    count["function"] = sum(typed_line(line) for line in budget.functionlines.all())
    count["economic"] = sum(typed_line(line, "personnel") for line in budget.economiclines.all())
    count["three_public"] = sum(4 for _ in budget.three_public_lines.all())
    count["revenue"] = sum(1 + filled(r.unit_id) + 2 for r in budget.revenuelines.all())
    count["purposes"] = sum(3 for _ in budget.function_purposes.all())
    for project in Project.objects.filter(budget=budget).prefetch_related("fundings", "indicators"):
        # 新增项目 from the workspace (budget preset), unit, position, kind, name, code typed, goal, save.
        fields = 1 + 1 + filled(project.position) + 2 + 1 + filled(project.goal) + 1
        fundings = sum(filled(f.source != "general") + 1 for f in project.fundings.all())  # one blank row given
        count["projects"] += fields + fundings + max(0, project.fundings.count() - 1)
        indicators = list(project.indicators.all())
        # 顺序 is numbered on save; three blank rows are given, 添加另一个 for each one more.
        count["indicators"] += sum(6 + filled(i.measure_unit) for i in indicators) + max(0, len(indicators) - 3)
    return count


def after_paste(budget: Budget) -> Counter:
    """Each section pasted from the spreadsheet it was prepared in; narrative and 主要用于 typed."""
    count = Counter(header=header_inputs(budget), narrative=narrative_inputs(budget) + 1)
    count["purposes"] = sum(3 for _ in budget.function_purposes.all())
    units = {line.unit_id for line in budget.functionlines.all()} | {None}
    sources = {line.source for line in budget.functionlines.all()}
    # One paste per unit and source (the paste box takes one of each), a choice each when not the default.
    count["function"] = len(units) * len(sources) * PASTE + (len(units) - 1) + (len(sources) - 1)
    econ_units = {line.unit_id for line in budget.economiclines.all()} | {None}
    count["economic"] = len(econ_units) * PASTE + (len(econ_units) - 1)
    count["three_public"] = PASTE * bool(budget.three_public_lines.exists())
    count["revenue"] = PASTE * bool(budget.revenuelines.exists())
    count["projects"] = PASTE * Project.objects.filter(budget=budget).exists()
    count["indicators"] = PASTE * Project.objects.filter(budget=budget, indicators__isnull=False).exists()
    return count


def line_keys(budget: Budget) -> dict[str, dict]:
    def keyed(queryset, *fields):
        return {tuple(getattr(row, f) for f in fields): row for row in queryset}

    return {
        "function": keyed(
            budget.functionlines.annotate(code_code=F("code__code")), "code_code", "nature", "source", "unit_id"
        ),
        "economic": keyed(
            budget.economiclines.annotate(code_code=F("code__code")), "code_code", "nature", "source", "unit_id"
        ),
        "revenue": keyed(budget.revenuelines.all(), "source", "unit_id"),
        "three_public": keyed(budget.three_public_lines.all(), "unit_id", "category"),
    }


def edits_from_draft(draft: Budget, target: Budget) -> Counter:
    """Inputs to turn a carried-over draft into the target budget in the workspace: an amount
    changed is one field, a line gone one checkbox, a new line typed; one save for the edits."""
    count = Counter()
    old, new = line_keys(draft), line_keys(target)
    for section in new:
        for key, row in new[section].items():
            if key not in old[section]:
                count[section] += {"function": typed_line(row), "economic": typed_line(row, "personnel")}.get(
                    section, 4
                )
            elif old[section][key].amount != row.amount:
                count[section] += 1
        count[section] += sum(1 for key in old[section] if key not in new[section])
    count["save_budget"] = 1
    old_projects = {
        (p.unit_id, p.name): p for p in Project.objects.filter(budget=draft).prefetch_related("fundings", "indicators")
    }
    for project in Project.objects.filter(budget=target).prefetch_related("fundings", "indicators"):
        before_project = old_projects.pop((project.unit_id, project.name), None)
        if before_project is None:
            single = after_typing_project(project)
            count["projects"] += single[0]
            count["indicators"] += single[1]
            continue
        changes = sum(1 for f in ("kind", "goal", "position") if getattr(project, f) != getattr(before_project, f))
        changes += int(project.function_code.code != before_project.function_code.code)
        old_fundings = {f.source: f.amount for f in before_project.fundings.all()}
        changes += sum(1 for f in project.fundings.all() if old_fundings.get(f.source) != f.amount)
        old_indicators = {i.name: i for i in before_project.indicators.all()}
        fields = ["position", "level1", "level2", "operator", "value", "measure_unit", "weight"]
        for indicator in project.indicators.all():
            was = old_indicators.pop(indicator.name, None)
            changes += 9 if was is None else sum(1 for f in fields if getattr(was, f) != getattr(indicator, f))
        changes += len(old_indicators)  # delete checkboxes
        if changes:
            count["projects"] += 2 + changes  # open the project, the edits, save
    count["projects"] += 3 * len(old_projects)  # open, 删除, confirm
    return count


def after_typing_project(project: Project) -> tuple[int, int]:
    indicators = list(project.indicators.all())
    fields = 1 + 1 + filled(project.position) + 2 + 1 + filled(project.goal) + 1 + project.fundings.count()
    return fields, sum(6 + filled(i.measure_unit) for i in indicators) + max(0, len(indicators) - 3)


def sizes(budget: Budget) -> dict:
    return {
        "function_lines": budget.functionlines.count(),
        "economic_lines": budget.economiclines.count(),
        "three_public_lines": budget.three_public_lines.count(),
        "revenue_lines": budget.revenuelines.count(),
        "projects": budget.projects.count(),
        "indicators": Project.objects.filter(budget=budget).values("indicators").exclude(indicators=None).count(),
    }


def summary(count: Counter) -> dict:
    return {"total": sum(count.values()), **dict(sorted(count.items()))}


def carried_over(department_code: str) -> dict:
    """A generated department's 2021 budget entered from its 2020 budget (rolled back afterwards)."""
    source = Budget.objects.get(department__code=department_code, year=2020, phase=Phase.BUDGET)
    target = Budget.objects.get(department__code=department_code, year=2021, phase=Phase.BUDGET)
    with transaction.atomic():
        Budget.objects.filter(pk=target.pk).update(phase=Phase.ADJUSTED)  # make room for the draft
        draft, report = carry_over(source=source, year=2021)
        start = 5  # 以上年预算为底稿, choose the budget, the year, 预览, 建立草稿
        edits = edits_from_draft(draft, Budget.objects.get(pk=target.pk))
        result = {
            "department": department_code,
            "size": sizes(target),
            "before": summary(before(target)),
            "after_typing_from_scratch": summary(after_typing(target)),
            "after_from_last_year": summary(edits + Counter(carry_over=start)),
            "renamed": len(report.renamed),
            "retired": len(report.retired),
        }
        transaction.set_rollback(True)
    return result


def main() -> None:
    seed = Budget.objects.get(department__code="205", year=2021, phase=Phase.BUDGET)
    generated = (
        Budget.objects.filter(year=2020, phase=Phase.BUDGET)
        .exclude(department__code="205")
        .order_by("department__code")
        .values_list("department__code", flat=True)
    )
    report = {
        "seed_205_2021": {
            "size": sizes(seed),
            "before": summary(before(seed)),
            "after_typing": summary(after_typing(seed)),
            "after_paste": summary(after_paste(seed)),
        },
        "from_last_year": [carried_over(code) for code in list(generated)[:3]],
        "narrative_fields_kept_by_carry_over": NARRATIVE_TEXT,
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
