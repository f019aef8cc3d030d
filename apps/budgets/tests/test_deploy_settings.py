"""Production settings come from the environment and pass Django's deployment checks."""

import os
import subprocess
import sys

from django.conf import settings


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; a deployment never has it.
    unset = ("DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unset} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        HTTPS="1",
        SECRET_KEY="x" * 30 + "-production-only-secret-" + "y" * 30,
        ALLOWED_HOSTS="budget.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_development_defaults_are_flagged():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0 and "SECRET_KEY" in result.stdout + result.stderr


def test_a_mistyped_setting_stops_the_process():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0 and "DEBUG='maybe' is not a boolean" in result.stderr


def load_wsgi(**env: str) -> subprocess.CompletedProcess:
    """What gunicorn and runserver do first: import the WSGI application."""
    unset = ("DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unset} | env
    return subprocess.run(
        [sys.executable, "-c", "import budgetsite.wsgi"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_app_servers_refuse_the_development_key_without_debug():
    refused = load_wsgi()
    assert refused.returncode != 0 and "SECRET_KEY is the development default" in refused.stderr
    assert load_wsgi(SECRET_KEY="short-but-not-default").returncode != 0
    assert load_wsgi(DEBUG="1").returncode == 0  # a developer's machine
    assert load_wsgi(SECRET_KEY="a-long-production-secret-" * 3).returncode == 0


def test_every_log_line_carries_the_request_id(client, seed_budget):
    import logging

    from budgetsite.requestid import RequestIdFilter

    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["line"]["format"]))
    lines = []
    handler.emit = lambda record: lines.append(handler.format(record))
    logging.getLogger("django.request").addHandler(handler)
    try:
        response = client.get("/departments/205/1999/", HTTP_X_REQUEST_ID="abcdef12-3456")
        generated = client.get("/departments/205/1998/")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert response["X-Request-ID"] == "abcdef12-3456" and len(generated["X-Request-ID"]) == 32
    assert any("[abcdef12-3456] django.request: Not Found: /departments/205/1999/" in line for line in lines), lines
    assert any(f"[{generated['X-Request-ID']}]" in line for line in lines)


def test_admins_come_from_the_environment():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.ADMINS)",
        ],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "budgetsite.settings",
            "ADMINS": "值班 <ops@example.org>, b <b@x.cn>",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "[('值班', 'ops@example.org'), ('b', 'b@x.cn')]"
