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
