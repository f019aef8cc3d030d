"""The project page: codes in the budget's year, 一级/二级 from the official lists (stored
free text kept valid), Chinese labels, and back to the workspace after saving."""

import re
from decimal import Decimal

from django.urls import reverse

from apps.projects.admin import IndicatorForm
from apps.projects.models import Indicator, Project
from apps.reference.models import ClassificationCode


def project_data(budget, code: str) -> dict:
    return {
        "budget": budget.pk,
        "unit": budget.units.order_by("code").first().pk,
        "position": 1,
        "kind": "活动类",
        "name": "信访宣传",
        "function_code": code,
        "goal": "",
        "fundings-TOTAL_FORMS": 1,
        "fundings-INITIAL_FORMS": 0,
        "fundings-0-source": "general",
        "fundings-0-amount": "50000",
        "indicators-TOTAL_FORMS": 1,
        "indicators-INITIAL_FORMS": 0,
        "indicators-0-position": 1,
        "indicators-0-level1": "产出指标",
        "indicators-0-level2": "数量指标",
        "indicators-0-name": "宣传次数",
        "indicators-0-operator": "≥",
        "indicators-0-value": "12",
        "indicators-0-measure_unit": "次",
        "indicators-0-weight": "100",
        "_save": "保存",
    }


def test_a_project_is_added_from_the_workspace_and_returns_to_it(client, users, draft):
    client.force_login(users["editor"])
    url = reverse("admin:projects_project_add") + f"?budget={draft.pk}"
    form = client.get(url).context["adminform"].form
    assert form.initial["budget"] == draft.pk
    assert list(form.fields["unit"].queryset) == list(draft.units.all())
    response = client.post(url, project_data(draft, "2010350"))
    project = Project.objects.get(budget=draft)
    assert response.url == reverse("admin:budgets_budget_change", args=[draft.pk]) + f"#project-{project.pk}"
    assert project.function_code.year == 2022 and project.fundings.get().amount == Decimal("50000.00")


def test_a_code_of_another_year_is_refused_naming_the_year(client, users, draft):
    ClassificationCode.objects.filter(year=2022, code="2010308").delete()  # retired, for this test
    client.force_login(users["editor"])
    response = client.post(reverse("admin:projects_project_add"), project_data(draft, "2010308"))
    page = response.content.decode()
    assert "科目 2010308 不在2022年支出功能分类中（它是2017、2018、2019、2020、2021、2023" in page
    assert not Project.objects.filter(budget=draft).exists()


def test_the_budget_picker_finds_the_new_year_by_typing_it(client, users, draft):
    client.force_login(users["editor"])
    found = client.get(
        reverse("admin:autocomplete"),
        {"term": "2022", "app_label": "projects", "model_name": "project", "field_name": "budget"},
    ).json()
    assert [r["text"] for r in found["results"]] == [str(draft)]
    by_name = client.get(
        reverse("admin:autocomplete"),
        {"term": "信访局", "app_label": "projects", "model_name": "project", "field_name": "budget"},
    )
    # a name is no year (and no error); only drafts can take a new project, so the published 2021 one is not offered
    assert [r["text"] for r in by_name.json()["results"]] == [str(draft)]


def test_indicator_levels_are_the_official_lists_and_stored_free_text_stays_valid(seed_budget):
    indicator = Indicator.objects.filter(project__budget=seed_budget, level2="社会效益指标").first()
    form = IndicatorForm(instance=indicator)
    level1 = [value for value, _ in form.fields["level1"].choices]
    assert level1 == ["", "产出指标", "效益指标", "满意度指标", "成本指标"]
    level2 = {value for _, group in form.fields["level2"].choices[1:] if isinstance(group, list) for value, _ in group}
    assert {"数量指标", "经济成本", "可持续影响指标", "社会效益指标"} <= level2
    indicator.level1 = "自定义一级"
    bound = IndicatorForm(
        {**{f: getattr(indicator, f) for f in IndicatorForm.Meta.fields}},
        instance=Indicator.objects.get(pk=indicator.pk),
    )
    assert not bound.is_valid() and "level1" in bound.errors  # a new free-text value is not accepted
    kept = Indicator.objects.get(pk=indicator.pk)
    kept.level1 = "自定义一级"
    kept.save()
    assert IndicatorForm({f: getattr(kept, f) for f in IndicatorForm.Meta.fields}, instance=kept).is_valid()


def test_labels_are_chinese(client, users, seed_budget):
    client.force_login(users["editor"])
    page = client.get(reverse("admin:projects_indicator_changelist")).content.decode()
    text = re.sub(r"<[^>]+>", " ", page)  # what the page shows, without markup
    assert "column-project_name" in page and "project" not in text.lower()
    indicator = Indicator.objects.filter(project__budget=seed_budget).first()
    form = client.get(reverse("admin:projects_indicator_change", args=[indicator.pk])).content.decode()
    assert "project" not in re.sub(r"<[^>]+>", " ", form).lower() and "<label>项目:</label>" in form
