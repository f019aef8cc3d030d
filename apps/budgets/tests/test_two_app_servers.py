"""Two app servers behind one name, as docs/deploy.md describes: an upload
previewed on one is confirmed on the other (the upload waits in the database)."""

import re

import pytest
from django.conf import global_settings
from django.core.management import call_command
from django.db import connection

from apps.budgets.models import Budget
from apps.workbooks.models import PendingUpload
from apps.workbooks.tests.conftest import workbook_bytes
from apps.workbooks.tests.test_bad_input import edited
from apps.workbooks.tests.test_import_integrity import details_only, info_value

from .servers import Browser, gunicorn

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(base: str, username: str, password: str) -> Browser:
    browser = Browser()
    browser.get(f"{base}/admin/login/")
    status, _, headers = browser.post(f"{base}/admin/login/", {"username": username, "password": password})
    assert status == 302, "sign-in failed"
    return browser


def test_preview_on_one_server_and_confirm_on_the_other(django_user_model, settings):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share a PostgreSQL database; the SQLite test database lives in memory")
    call_command("load_seed", verbosity=0)
    seed = Budget.objects.get(department__code="205", year=2021, phase="budget")
    workbook = edited(edited(workbook_bytes(seed), details_only), info_value("阶段", "决算"))
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # the servers' own, not the tests' fast one
    django_user_model.objects.create_superuser("chief", password="a long password 11")
    with gunicorn() as first, gunicorn() as second:
        browser = signed_in(first, "chief", "a long password 11")
        browser.get(f"{first}/admin/budgets/budget/import/")
        status, page, _ = browser.post(f"{first}/admin/budgets/budget/import/", {}, {"file": ("budget.xlsx", workbook)})
        assert status == 200 and "尚未写入任何数据" in page
        token = re.search(r"/admin/budgets/budget/import/([\w-]+)/", page).group(1)
        assert not Budget.objects.filter(department__code="205", year=2021, phase="final").exists()

        status, _, headers = browser.post(f"{second}/admin/budgets/budget/import/{token}/", {})
        budget = Budget.objects.get(department__code="205", year=2021, phase="final")
        assert status == 302 and headers["Location"] == f"/admin/budgets/budget/{budget.pk}/change/"
        assert budget.status == "draft" and budget.functionlines.count() == seed.functionlines.count()
        assert not PendingUpload.objects.exists()  # confirmed: the upload is gone
        assert browser.post(f"{first}/admin/budgets/budget/import/{token}/", {})[0] == 404  # and serves once
