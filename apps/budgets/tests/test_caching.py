"""Public responses carry validators and come from the cache; publishing or
withdrawing anything makes them new at once; staff responses are never cached."""

import os
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from apps.budgets import caching
from apps.budgets.caching import local_pages
from apps.budgets.models import Budget, FunctionLine, Status
from apps.budgets.services import budget_publish, budget_submit, budget_withdraw
from apps.reference.models import Department
from apps.reference.tests.helpers import home_government
from budgetsite.public_version import code_digest

URL = "/departments/205/2021/tables/summary.json"


@pytest.fixture(autouse=True)
def cached_pages(settings):
    settings.PUBLIC_CACHE_SECONDS = 300


def test_a_repeated_request_is_served_from_the_cache(client, seed_budget, django_assert_max_num_queries):
    first = client.get(URL)
    # Kept by browsers and proxies, but asked about every time: nothing is stale after a withdrawal.
    assert first["Cache-Control"] == "public, no-cache" and first["ETag"] and first["Last-Modified"]
    with django_assert_max_num_queries(1):  # the publication version, nothing else
        second = client.get(URL)
    assert second.content == first.content and second["ETag"] == first["ETag"]


def test_last_modified_is_the_moment_of_the_last_publication(client, seed_budget):
    """In UTC whatever the site's time zone (Asia/Shanghai): a date eight hours early would let a
    browser's If-Modified-Since keep a page a later change replaced."""
    published = datetime(2026, 3, 1, 9, 30, 15, tzinfo=UTC)
    Budget.objects.filter(pk=seed_budget.pk).update(published_at=published)
    Department.objects.update(updated_at=published - timedelta(days=1))
    assert client.get(URL)["Last-Modified"] == "Sun, 01 Mar 2026 09:30:15 GMT"


def test_a_conditional_request_gets_304(client, seed_budget, django_assert_max_num_queries):
    etag = client.get(URL)["ETag"]
    with django_assert_max_num_queries(1):
        response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and not response.content


def test_never_stale_after_a_status_change(client, seed_budget):
    etag = client.get(URL)["ETag"]
    Budget.objects.create(
        department=Department.objects.create(government=home_government(), code="301", name="新部门"),
        year=2021,
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 200  # someone published: a new version
    budget_withdraw(budget=seed_budget, user=None, reason="口径有误")
    assert client.get(URL).status_code == 404


def test_a_deploy_that_changes_what_renders_pages_changes_the_code_version(tmp_path):
    def write(name: str, text: str) -> None:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)

    write("templates/public/page.html", "<h1>{{ title }}</h1>")
    write("apps/public/views.py", "def page(): ...")
    write("apps/public/tests/test_page.py", "def test_page(): ...")
    write("requirements.txt", "django==5.2.8")
    deployed = code_digest(tmp_path)
    write("apps/public/tests/test_page.py", "def test_page(): assert True")
    assert code_digest(tmp_path) == deployed  # tests do not render pages
    for name, text in [
        ("templates/public/page.html", "<h1 class=title>{{ title }}</h1>"),
        ("apps/public/views.py", "def page(): return 1"),
        ("requirements.txt", "django==5.2.9"),
    ]:
        write(name, text)
        assert code_digest(tmp_path) != deployed, name
        deployed = code_digest(tmp_path)


def test_a_page_cached_before_a_deploy_is_rendered_anew_after_it(client, seed_budget, monkeypatch):
    etag = client.get(URL)["ETag"]
    monkeypatch.setattr(caching, "CODE_VERSION", "a-new-deploy")
    monkeypatch.setattr(caching, "VERSION_KEY", "publication-version:a-new-deploy")
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_staff_responses_are_private(admin_client, seed_budget):
    response = admin_client.get(URL)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_public_pages_are_cached_too(client, seed_budget, django_assert_max_num_queries):
    for url in ["/", "/departments/205/2021/", "/subjects/function/201/2021/", "/departments/205/2021/projects/"]:
        first = client.get(url)
        assert first.status_code == 200 and first["ETag"]
        with django_assert_max_num_queries(1):
            assert client.get(url).content == first.content


def test_parameters_no_page_reads_share_the_entry(client, seed_budget, django_assert_max_num_queries):
    first = client.get("/departments/205/2021/?unit=wan")
    for junk in ["r=1", "r=random&utm_source=x", "q=%E6%8E%A5%E5%BE%85", "page=2"]:  # the budget page reads no q, page
        with django_assert_max_num_queries(1):
            again = client.get(f"/departments/205/2021/?{junk}&unit=wan")
        assert again.content == first.content and again["ETag"] == first["ETag"]
    assert "r=random" not in client.get("/?r=random").content.decode()  # junk never reaches a rendered link
    assert client.get("/departments/205/2021/?unit=yuan")["ETag"] != first["ETag"]


def test_saving_a_draft_keeps_the_public_cache(client, seed_budget, django_assert_max_num_queries):
    draft = Budget.objects.create(department=seed_budget.department, year=2021, phase="final")
    etag = client.get(URL)["ETag"]
    line = FunctionLine.objects.filter(budget=seed_budget).first()
    FunctionLine.objects.create(budget=draft, code=line.code, nature=line.nature, amount="1.00")
    draft.carry_forward = "5.00"
    draft.save()
    with django_assert_max_num_queries(1):
        assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_withdrawal_in_the_same_second_is_not_answered_304(client, seed_budget):
    other = Budget.objects.create(department=seed_budget.department, year=2021, phase="final")
    budget_submit(budget=other, user=None)
    budget_publish(budget=other, user=None)
    first = client.get("/departments/205/2021/final/")
    assert first.status_code == 200
    # Published within this second: no Last-Modified yet, so If-Modified-Since can never answer 304 for it.
    assert not first.has_header("Last-Modified")
    budget_withdraw(budget=other, user=None, reason="有误")
    since = first.get("Last-Modified") or "Thu, 01 Jan 2099 00:00:00 GMT"
    assert client.get("/departments/205/2021/final/", HTTP_IF_MODIFIED_SINCE=since).status_code == 404
    assert client.get("/departments/205/2021/final/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404


@pytest.mark.parametrize("rename", ["department", "code", "glossary"])
def test_a_renamed_reference_is_seen_at_once(client, seed_budget, rename):
    from apps.reference.models import ClassificationCode, GlossaryTerm

    page = "/departments/205/2021/"
    etag = client.get(page)["ETag"]
    if rename == "department":
        department = seed_budget.department
        department.name = "绍兴市人民来访接待局"
        department.save()
        expected = "绍兴市人民来访接待局"
    elif rename == "code":
        code = ClassificationCode.objects.get(scheme="function", year=2021, code="2010308")
        code.name = "信访事务（新名称）"
        code.save()
        expected = "信访事务（新名称）"
    else:
        term = GlossaryTerm.objects.order_by("pk").first()
        term.definition = "新的解释文字。"
        term.save()
        expected = "新的解释文字。"
    response = client.get(page, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and expected in response.content.decode()


# A database of its own on the machine's Redis, emptied around each test: one for each parallel
# worker (pytest.ini runs at most four, gw0…gw3), so that one worker's clear() spares another's pages.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", f"redis://127.0.0.1:6379/{14 - WORKER}")


def use_redis(settings) -> None:
    """The shared cache as deployed (REDIS_URL): skipped without Redis, except in CI."""
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_TEST_URL}}
    try:
        cache.clear()
    except Exception as error:  # the client's connection errors
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis at {REDIS_TEST_URL} does not answer: {error}")


@pytest.fixture(params=["memory", "redis"])
def version_cached(request, settings):
    settings.PUBLIC_VERSION_SECONDS = 300  # long: only the renewals below may make it new
    if request.param == "redis":
        with redis_and_local_pages(settings):
            yield
    else:
        yield


@contextmanager
def redis_and_local_pages(settings):
    """As deployed with Redis: each process keeps the pages it served besides the shared cache."""
    use_redis(settings)
    settings.PUBLIC_LOCAL_PAGES_MB = 8
    local_pages(8).clear()
    yield
    cache.clear()
    local_pages(8).clear()


def test_a_hit_asks_the_database_nothing(client, seed_budget, version_cached, django_assert_num_queries):
    first = client.get(URL)
    with django_assert_num_queries(0):
        again = client.get(URL)
        not_modified = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.content == first.content and not_modified.status_code == 304


def test_the_workflow_renews_the_cached_version_on_commit(
    client, seed_budget, version_cached, django_capture_on_commit_callbacks
):
    assert client.get(URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        budget_withdraw(budget=seed_budget, user=None, reason="口径有误")
    assert client.get(URL).status_code == 404


def test_an_admin_rename_renews_the_cached_version_on_commit(
    client, admin_client, seed_budget, version_cached, django_capture_on_commit_callbacks
):
    from apps.reference.models import GlossaryTerm

    page = "/glossary/"
    etag = client.get(page)["ETag"]
    term = GlossaryTerm.objects.order_by("pk").first()
    form = {"term": term.term, "definition": "管理后台改过的解释。", "position": term.position}
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(f"/admin/reference/glossaryterm/{term.pk}/change/", form).status_code == 302
    response = client.get(page, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "管理后台改过的解释。" in response.content.decode()


def test_a_site_without_budgets_still_sees_a_rename(client, db):
    from apps.reference.models import GlossaryTerm

    Budget.objects.all().delete()  # a new site: its glossary and codes written before any budget
    term = GlossaryTerm.objects.create(term="预算", definition="旧的解释。", position=1)
    assert "旧的解释。" in client.get("/glossary/").content.decode()
    term.definition = "新的解释。"
    term.save()
    assert "新的解释。" in client.get("/glossary/").content.decode()


def test_a_process_serves_its_own_copy_while_the_version_holds(
    client, seed_budget, settings, django_assert_num_queries
):
    with redis_and_local_pages(settings):
        first = client.get(URL)
        cache.delete_many(cache.keys("page:*"))  # gone from Redis: only this process's copy is left
        with django_assert_num_queries(1):  # the publication version; the page is not rendered again
            assert client.get(URL).content == first.content
        budget_withdraw(budget=seed_budget, user=None, reason="口径有误")  # a new version
        assert client.get(URL).status_code == 404
