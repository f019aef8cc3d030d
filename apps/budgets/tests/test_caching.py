"""Public responses carry validators and come from the cache; publishing or
withdrawing anything makes them new at once; staff responses are never cached."""

import pytest
from django.utils import timezone

from apps.budgets.models import Budget, Status
from apps.budgets.services import budget_withdraw
from apps.reference.models import Department
from apps.reference.tests.helpers import home_government

URL = "/departments/205/2021/tables/summary.json"


@pytest.fixture(autouse=True)
def cached_pages(settings):
    settings.PUBLIC_CACHE_SECONDS = 300


def test_a_repeated_request_is_served_from_the_cache(client, seed_budget, django_assert_max_num_queries):
    first = client.get(URL)
    assert first["Cache-Control"] == "public, max-age=300" and first["ETag"] and first["Last-Modified"]
    with django_assert_max_num_queries(1):  # the publication version, nothing else
        second = client.get(URL)
    assert second.content == first.content and second["ETag"] == first["ETag"]


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
