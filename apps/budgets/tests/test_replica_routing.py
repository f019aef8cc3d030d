"""With a read replica configured, public reads go to it; the admin, signed-in
staff and every write stay on the primary."""

from django.test import RequestFactory

from apps.budgets.models import Budget
from budgetsite.routers import PrimaryForStaffMiddleware, ReadReplicaRouter


def database_for(settings, path: str, method: str = "get", cookies: dict | None = None) -> str:
    settings.DATABASE_READ_REPLICA = "replica"
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies or {})
    seen = []
    PrimaryForStaffMiddleware(lambda r: seen.append(ReadReplicaRouter().db_for_read(Budget)))(request)
    return seen[0]


def test_public_reads_use_the_replica(settings):
    assert database_for(settings, "/departments/205/2021/") == "replica"


def test_admin_staff_and_writes_use_the_primary(settings):
    assert database_for(settings, "/admin/budgets/budget/") == "default"
    assert database_for(settings, "/departments/205/2021/", cookies={"sessionid": "x"}) == "default"
    assert database_for(settings, "/search/", method="post") == "default"
    assert ReadReplicaRouter().db_for_write(Budget) == "default"


def test_without_a_replica_everything_uses_the_primary(settings):
    assert ReadReplicaRouter().db_for_read(Budget) == "default"
