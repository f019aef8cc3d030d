"""A phone's first visit to a budget page, served as deployed: static files
collected and pre-compressed (whitenoise's CompressedStaticFilesStorage, what
nginx's gzip_static sends), pages gzipped by the app. Everything the browser
downloads, headers and encoded bodies, must come to 300 KB at most."""

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.testcases import LiveServerThread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIMIT = 300 * 1024


@pytest.fixture
def deployed_server(settings, tmp_path):
    """A server whose static files come from collectstatic through whitenoise (not
    Django's uncompressed static handler, which the usual live server uses)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.WHITENOISE_USE_FINDERS = False
    settings.DEBUG = False
    settings.MEDIA_URL = "/media/"  # the live server's media handler would otherwise answer every path it finds on disk
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_seed", verbosity=0)
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in shared.values():
        connection.inc_thread_sharing()
    server = LiveServerThread("localhost", lambda app: app, connections_override=shared, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield f"http://localhost:{server.port}"
    server.terminate()
    # The connections stay shareable: the browser's keep-alive sockets may close (and their
    # request threads close the connection) after this point.


def test_a_phones_first_visit_to_a_budget_page_transfers_at_most_300_kb(browser, deployed_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(f"{deployed_server}/departments/205/2021/", wait_until="networkidle")
    assert page.locator("#chart-composition svg").count() == 1  # the charts were drawn
    sizes = {request.url: request.sizes() for request in responses}
    total = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes.values())
    encodings = {url: request.response().headers.get("content-encoding") for url, request in zip(sizes, responses)}
    report = {url.rsplit("/", 1)[-1] or url: (sizes[url]["responseBodySize"], encodings[url]) for url in sizes}
    print("page weight", total, report)
    assert encodings[f"{deployed_server}/departments/205/2021/"] == "gzip"
    assert all(encoding in ("gzip", "br") for url, encoding in encodings.items() if url.endswith((".js", ".css")))
    assert total <= LIMIT, report
    context.close()
