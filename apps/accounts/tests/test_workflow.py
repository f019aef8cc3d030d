"""Draft → submitted → published, gated by the checks; withdrawal and return
with reasons; history with who and what; restore; completeness; lockout."""

import re
from decimal import Decimal

import pytest
from django.http import HttpRequest
from django.test import Client
from django.utils import timezone

from apps.budgets.models import Budget, FunctionLine, StatusChange

ADMIN = "/admin/budgets/budget/"


def test_editor_submits_reviewer_publishes_and_editor_is_locked_out(as_role, world, client):
    draft = world["draft"]
    draft.functionlines.all().delete()
    as_role("editor A").post(f"{ADMIN}{draft.pk}/submit/")
    assert Budget.objects.get(pk=draft.pk).status == "submitted"
    page = client.get(f"{ADMIN}{draft.pk}/change/").content.decode()
    assert "提交或公开后不能修改" in page and 'name="_save"' not in page

    client.force_login(world["users"]["reviewer"])
    client.post(f"{ADMIN}{draft.pk}/publish/")
    budget = Budget.objects.get(pk=draft.pk)
    assert budget.status == "published" and budget.published_at is not None
    assert [(c.from_status, c.to_status, c.user.username) for c in budget.status_changes.order_by("at", "id")] == [
        ("draft", "submitted", "editor_a"),
        ("submitted", "published", "reviewer"),
    ]


def test_publishing_is_refused_while_a_check_fails(as_role, world):
    draft = world["draft"]  # one 100.00 line and no revenue: 收入 ≠ 支出
    Budget.objects.filter(pk=draft.pk).update(status="submitted")
    response = as_role("reviewer").post(f"{ADMIN}{draft.pk}/publish/", follow=True)
    page = response.content.decode()
    assert Budget.objects.get(pk=draft.pk).status == "submitted"
    assert "项校验不符，不能公开" in page
    assert "收入总计 0.00 = 支出合计（含结转下年） 100.00，差额 -100.00" in page


def test_withdrawal_needs_a_reason_and_keeps_it(as_role, world):
    published = world["published"]
    client = as_role("reviewer")
    assert "原因" in client.get(f"{ADMIN}{published.pk}/withdraw/").content.decode()
    client.post(f"{ADMIN}{published.pk}/withdraw/", {"reason": ""})
    assert Budget.objects.get(pk=published.pk).status == "published"
    client.post(f"{ADMIN}{published.pk}/withdraw/", {"reason": "发现公务接待费口径有误"})
    assert Budget.objects.get(pk=published.pk).status == "draft"
    assert StatusChange.objects.get(budget=published).reason == "发现公务接待费口径有误"
    assert client.get("/departments/205/2021/").status_code == 200  # the reviewer still sees it
    client.logout()
    assert client.get("/departments/205/2021/").status_code == 404


def test_editors_cannot_publish_or_withdraw(as_role, world):
    client = as_role("editor A")
    assert client.post(f"{ADMIN}{world['published'].pk}/withdraw/", {"reason": "x"}).status_code == 403
    assert Budget.objects.get(pk=world["published"].pk).status == "published"


def test_changes_are_recorded_and_an_earlier_version_restored(as_role, world, client):
    line = world["line"]
    editor = as_role("editor A")
    form = {"budget": line.budget_id, "unit": "", "code": line.code.code, "nature": "personnel", "source": "general"}
    editor.post(f"/admin/budgets/functionline/{line.pk}/change/", {**form, "amount": "250.00"})
    page = editor.get(f"{ADMIN}{line.budget_id}/changes/").content.decode()
    assert "editor_a" in page and "100.00 → 250.00" in page

    version = FunctionLine.history.filter(id=line.pk).order_by("history_date").first().history_date
    client.force_login(world["users"]["reviewer"])
    client.post(f"{ADMIN}{line.budget_id}/restore/", {"as_of": version.isoformat()})
    assert FunctionLine.objects.get(pk=line.pk).amount == Decimal("100.00")
    assert "恢复为" in StatusChange.objects.get(budget_id=line.budget_id).reason


def test_restoring_a_published_budget_makes_it_a_draft(as_role, world):
    published = world["published"]
    before = FunctionLine.history.filter(budget_id=published.pk).order_by("-history_date").first().history_date
    FunctionLine.objects.filter(budget=published).first().delete()
    as_role("superuser").post(f"{ADMIN}{published.pk}/restore/", {"as_of": before.isoformat()})
    budget = Budget.objects.get(pk=published.pk)
    assert budget.status == "draft" and budget.functionlines.count() == 14


@pytest.mark.parametrize("as_of", ["2021-13-45T25:61:00", "not a date", "2021-02-30", "x" * 5000, ""])
def test_a_malformed_restore_moment_is_refused_with_a_message(as_role, world, as_of):
    published = world["published"]
    response = as_role("superuser").post(f"{ADMIN}{published.pk}/restore/", {"as_of": as_of}, follow=True)
    assert response.status_code == 200 and "请选择要恢复的版本" in response.content.decode()
    assert Budget.objects.get(pk=published.pk).status == "published"


def test_a_moment_without_a_time_zone_is_read_in_the_sites(as_role, world):
    published = world["published"]
    before = FunctionLine.history.filter(budget_id=published.pk).order_by("-history_date").first().history_date
    FunctionLine.objects.filter(budget=published).first().delete()
    naive = timezone.localtime(before).replace(tzinfo=None).isoformat()
    as_role("superuser").post(f"{ADMIN}{published.pk}/restore/", {"as_of": naive})
    assert Budget.objects.get(pk=published.pk).functionlines.count() == 14


def test_checks_page_and_changelist_mark(as_role, world):
    client = as_role("reviewer")
    page = client.get(f"{ADMIN}{world['draft'].pk}/checks/").content.decode()
    assert "项不符，需要处理" in page and "≠" in page and "差额" in page
    changelist = client.get(ADMIN).content.decode()
    assert "✔ 全部通过" in changelist and re.search(r"✘ \d+ 项不符", changelist)


def test_completeness_view(as_role, world):
    page = as_role("reviewer").get(f"{ADMIN}completeness/?year=2021").content.decode()
    assert "政府性基金支出预算表（有空表说明）" in page  # the seed's empty table
    assert "没有 2021 年预算" in page  # department B
    assert as_role("editor A").get(f"{ADMIN}completeness/").status_code == 403


def test_repeated_failed_sign_ins_lock_the_account(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "editor_a", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor_a", "password": "pw-editor_a"})
    assert response.status_code == 429 and not client.session.get("_auth_user_id")
    assert client.login(request=HttpRequest(), username="reviewer", password="pw-reviewer")  # others are not locked


def test_a_lockout_is_for_the_account_from_that_address_only(world, settings):
    """Guessing `admin`'s password from one address does not lock its owner out from another."""
    guesser, owner = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.2")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        guesser.post("/admin/login/", {"username": "editor_a", "password": "wrong"})
    assert guesser.post("/admin/login/", {"username": "editor_a", "password": "pw-editor_a"}).status_code == 429
    owner.post("/admin/login/", {"username": "editor_a", "password": "pw-editor_a"})
    assert owner.session.get("_auth_user_id")


def test_behind_the_front_the_forwarded_address_counts(world, settings):
    """nginx (127.0.0.1, trusted) passes the client's address; a client's own X-Forwarded-For is ignored."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7").post(
            "/admin/login/", {"username": "editor_a", "password": "wrong"}
        )
    office = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    office.post("/admin/login/", {"username": "editor_a", "password": "pw-editor_a"})
    assert office.session.get("_auth_user_id")
    spoofing = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert spoofing.post("/admin/login/", {"username": "editor_a", "password": "pw-editor_a"}).status_code == 429
