"""Whatever a reader types into the address bar, the site answers with a page
or a Chinese 404, never a server error."""

import pytest

from .helpers import page_text

ANSWERED = [
    "/?sort=nonsense",
    "/?per_page=-1",
    "/?per_page=abc",
    "/?page=-1",
    "/?page=0",
    "/?unit=%00",
    "/?q=%00",
    "/departments/205/2021/?compare=",
    "/departments/205/2021/?compare=%00",
    "/departments/205/2021/projects/?sort=nonsense",
    "/departments/205/2021/projects/?page=99",
    "/departments/205/2021/projects/?q=%00",
    "/subjects/function/20103/2021/?sort=xyz",
    "/search/?q=%00",
]
MISSING = [
    "/?year=%00",
    "/departments/205/99999999999999999999/",
    "/departments/205/2021/projects/99999999999999999999/",
    "/departments/%00/2021/",
    "/subjects/function/201/99999999999999999999/",
    "/subjects/function/%00/2021/",
    "/subjects/function/2010/2021/",
]


@pytest.mark.parametrize("url", ANSWERED)
def test_odd_parameters_still_get_the_page(client, seed_budget, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", MISSING)
def test_addresses_of_nothing_get_a_chinese_404(client, seed_budget, url):
    response = client.get(url)
    assert response.status_code == 404 and "页面不存在" in page_text(response)
