"""The budget workspace in the admin: sections grouped like the official tables, codes
typed in the budget's year, the checks panel, submit confirmation, scoping and history."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.budgets.models import FunctionLine, Status
from apps.reference.models import ClassificationCode, Scheme


def change_url(budget) -> str:
    return reverse("admin:budgets_budget_change", args=[budget.pk])


def workspace_post(client, budget, rows: list[dict]) -> object:
    """The workspace form as the browser sends it, with `rows` in the function-line section's new rows."""
    page = client.get(change_url(budget))
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["units"] = [u.pk for u in budget.units.all()]
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        prefix = fs.prefix
        extra = rows if fs.model is FunctionLine else []
        data[f"{prefix}-TOTAL_FORMS"] = len(fs.initial_forms) + len(extra)
        data[f"{prefix}-INITIAL_FORMS"] = len(fs.initial_forms)
        data[f"{prefix}-MIN_NUM_FORMS"], data[f"{prefix}-MAX_NUM_FORMS"] = 0, 1000
        for index, f in enumerate(fs.initial_forms):
            for name, field in f.fields.items():
                value = f.initial.get(name, field.initial)
                if value is not None and name != "DELETE":
                    data[f"{prefix}-{index}-{name}"] = getattr(value, "pk", value)
        for offset, row in enumerate(extra):
            for name, value in row.items():
                data[f"{prefix}-{len(fs.initial_forms) + offset}-{name}"] = value
            data[f"{prefix}-{len(fs.initial_forms) + offset}-budget"] = budget.pk
    data["carry_forward"] = str(budget.carry_forward)
    return client.post(change_url(budget), data)


def test_workspace_groups_function_lines_by_class_with_subtotals(client, users, seed_budget):
    client.force_login(users["editor"])
    page = client.get(change_url(seed_budget)).content.decode()
    assert 'id="code-201"' in page and 'id="code-20103"' in page  # 类 and 款 headings
    assert "一般公共服务支出" in page and "合计" in page
    assert "历史</a>" not in page.replace("修改历史</a>", "")  # only one history link
    assert "在站点上查看" not in page


def test_a_line_typed_by_code_is_saved_in_the_budget_year(client, users, draft):
    client.force_login(users["editor"])
    response = workspace_post(
        client, draft, [{"code": "2010301", "nature": "personnel", "source": "general", "amount": "1200.50"}]
    )
    assert response.status_code == 302
    line = FunctionLine.objects.get(budget=draft)
    assert (line.code.year, line.code.code, line.amount) == (2022, "2010301", Decimal("1200.50"))
    assert line.history.first().history_user == users["editor"]  # the write keeps its history, with who


def test_a_code_of_another_year_is_refused_naming_the_years(client, users, draft):
    ClassificationCode.objects.filter(scheme=Scheme.FUNCTION, year=2022, code="2299999").delete()
    ClassificationCode.objects.get_or_create(
        scheme=Scheme.FUNCTION, year=2017, code="2299999", defaults={"name": "旧科目"}
    )
    client.force_login(users["editor"])
    response = workspace_post(
        client, draft, [{"code": "2299999", "nature": "personnel", "source": "general", "amount": "1"}]
    )
    assert response.status_code == 200
    assert "科目 2299999 不在2022年支出功能分类中（它是2017年科目表中的科目）" in response.content.decode()
    assert not FunctionLine.objects.filter(budget=draft).exists()


def test_a_non_leaf_code_is_refused(client, users, draft):
    client.force_login(users["editor"])
    response = workspace_post(client, draft, [{"code": "20103", "nature": "personnel", "amount": "1"}])
    assert "下面还有科目" in response.content.decode()
    assert not FunctionLine.objects.filter(budget=draft).exists()


def test_code_suggestions_are_the_budget_year_only_with_name_and_level(client, users, draft, seed_budget):
    client.force_login(users["editor"])
    url = reverse("admin:budgets_budget_codes")
    data = client.get(url, {"scheme": "function", "year": 2022, "q": "20103"}).json()
    labels = [r["label"] for r in data["results"]]
    assert labels[:3] == [
        "20103 政府办公厅（室）及相关机构事务（款）",
        "2010301 行政运行（项）",
        "2010302 一般行政管理事务（项）",
    ]
    assert all(label.startswith("20103") for label in labels)


def test_checks_panel_shows_unequal_sides_with_a_not_equal_sign(client, users, draft, codes_2022):
    FunctionLine.objects.create(
        budget=draft, code=codes_2022["2010301"], nature="personnel", amount=Decimal("1234567.80")
    )
    client.force_login(users["editor"])
    page = client.get(change_url(draft)).content.decode()
    assert "≠" in page and "1,234,567.80" in page and "差额" in page and "怎么办" in page
    assert "1 = 应为 0" not in page


def test_submit_with_failing_checks_asks_to_confirm(client, users, draft, codes_2022):
    FunctionLine.objects.create(budget=draft, code=codes_2022["2010301"], nature="personnel", amount=Decimal("10"))
    client.force_login(users["editor"])
    url = reverse("admin:budgets_budget_submit", args=[draft.pk])
    page = client.post(url)
    assert page.status_code == 200 and "项校验不符" in page.content.decode() and "仍然提交审核" in page.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    client.post(url, {"confirm": "1"})
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_other_department_editor_cannot_open_or_paste(client, users, draft):
    client.force_login(users["other"])
    assert client.get(change_url(draft)).status_code == 404
    paste = reverse("admin:budgets_budget_paste", args=[draft.pk, "function"])
    assert client.post(paste, {"text": "2010301\t行政运行\t1"}).status_code == 404
    assert not FunctionLine.objects.filter(budget=draft).exists()


def test_reviewer_sees_the_panel_and_gets_a_chinese_403_on_import(client, users, seed_budget):
    client.force_login(users["reviewer"])
    page = client.get(change_url(seed_budget)).content.decode()
    assert "校验（每次保存后重新核对）" in page
    forbidden = client.get(reverse("admin:budgets_budget_import"))
    assert forbidden.status_code == 403 and "无权访问" in forbidden.content.decode()


def test_workspace_queries_do_not_grow_with_the_lines(client, users, draft, codes_2022):
    client.force_login(users["editor"])
    FunctionLine.objects.create(budget=draft, code=codes_2022["2010301"], nature="personnel", amount=Decimal("1"))
    with CaptureQueriesContext(connection) as few:
        client.get(change_url(draft))
    for nature in ("public", "project"):
        FunctionLine.objects.create(budget=draft, code=codes_2022["2010301"], nature=nature, amount=Decimal("1"))
    FunctionLine.objects.create(budget=draft, code=codes_2022["2080505"], nature="personnel", amount=Decimal("1"))
    with CaptureQueriesContext(connection) as more:
        client.get(change_url(draft))
    assert len(more) == len(few)


def test_a_new_budget_opens_in_its_workspace(client, users, seed_budget):
    client.force_login(users["editor"])
    data = {"department": seed_budget.department_id, "year": 2023, "phase": "budget", "carry_forward": "0"}
    data["units"] = [u.pk for u in seed_budget.units.all()]
    response = client.post(reverse("admin:budgets_budget_add"), data)
    budget = seed_budget.department.budgets.get(year=2023)
    assert response.url == change_url(budget)
