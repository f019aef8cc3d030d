"""The documented front (deploy/nginx.conf) in front of a real gunicorn: pages
are revalidated with the app, so a withdrawn budget is gone on the very next
request, with or without the browser's validators. Runs on its own SQLite file
database, so on either test database; skips without nginx, except in CI."""

import os
import subprocess
import sys

import pytest

from .servers import ROOT, Browser, app_env, gunicorn, nginx, nginx_binary

PAGE = "/departments/205/2021/"


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


@pytest.fixture
def site(tmp_path):
    if nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx is not installed (apt-get install -y nginx)")
    env = app_env(DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}", WEB_CONCURRENCY="2")
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed")
    run_dir = tmp_path / "nginx"
    run_dir.mkdir()
    tmp_path.chmod(0o755)
    run_dir.chmod(0o777)  # nginx's workers run as nobody
    with (
        gunicorn(DATABASE_URL=env["DATABASE_URL"], WEB_CONCURRENCY="2") as app,
        nginx(app, run_dir) as front,
    ):
        yield front, env


def test_a_withdrawn_page_is_gone_on_the_next_request(site):
    front, env = site
    browser = Browser()
    status, first, headers = browser.get(front + PAGE)
    assert status == 200 and "绍兴市信访局" in first
    assert headers["Cache-Control"] == "public, no-cache" and headers["ETag"]
    validators = {"If-None-Match": headers["ETag"], "If-Modified-Since": headers.get("Last-Modified", "")}
    assert browser.get(front + PAGE, validators)[0] == 304  # asked the app, which said: unchanged
    assert browser.get(front + PAGE + "?r=random")[2]["ETag"] == headers["ETag"]  # junk shares the page

    withdraw = (
        "from apps.budgets.models import Budget; from apps.budgets.services import budget_withdraw; "
        "budget_withdraw(budget=Budget.objects.get(department__code='205', year=2021, phase='budget'), "
        "user=None, reason='口径有误')"
    )
    manage(env, "shell", "-c", withdraw)
    assert browser.get(front + PAGE)[0] == 404
    assert browser.get(front + PAGE, validators)[0] == 404
    assert browser.get(front + PAGE, {"If-Modified-Since": validators["If-Modified-Since"]})[0] == 404
