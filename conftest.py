import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from apps.budgets.models import Budget


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the seed budget; each test's changes roll back."""
    with django_db_blocker.unblock():
        call_command("load_seed", verbosity=0)


@pytest.fixture(autouse=True)
def uncached_pages(settings):
    """Tests see every request do its work (apps/budgets/tests/test_caching.py turns the cache on);
    and each test's database starts the same, so cached pages would carry over between tests."""
    settings.PUBLIC_CACHE_SECONDS = 0
    # Tests' transactions never commit, so the renewals that run on commit would not run either.
    settings.PUBLIC_VERSION_SECONDS = 0
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests make many users; real hashing is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed_budget(db) -> Budget:
    return Budget.objects.get(department__code="205", year=2021, phase="budget")


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
SCREENSHOTS = Path(__file__).parent / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; skipped where it is missing, except in CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs the chromium package")
        pytest.skip("Chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")
    # Playwright's sync API runs an event loop in this thread; the tests' own
    # database calls in the same thread are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def browser(chromium):
    """The session's Chromium, each page a test opened closed after it: a page left open keeps its
    connections to the live server, and when the session stops that server, their request threads
    close the shared in-memory database from the wrong thread."""
    yield chromium
    for context in chromium.contexts:
        context.close()


@pytest.fixture
def live_seed(live_server):
    """The live server's database is flushed between browser tests: load the seed again."""
    call_command("load_seed", verbosity=0)
    return live_server


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's command line; skipped where it is missing, except in CI."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice is not installed (apt-get install -y libreoffice-calc-nogui)")
    return found
