"""A bar chart on a phone: every bar's amount is printed whole; a name too long
for the width is the part shortened (the full name stays in the tooltip and the
图表数据 table)."""

import json

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def grouped(amount: str) -> str:
    """An amount as the charts print it: thousands separated, its decimals as given."""
    whole, point, cents = amount.partition(".")
    return f"{int(whole):,}{point}{cents}"


def test_a_narrow_bar_chart_shortens_names_never_amounts(browser, live_seed, screenshot):
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto(f"{live_seed.url}/departments/205/2021/")
    chart = page.locator("#chart-economic")
    chart.scroll_into_view_if_needed()
    page.wait_for_selector("#chart-economic svg text")
    texts = chart.locator("svg text").evaluate_all("texts => texts.map((text) => text.textContent)")
    points = json.loads(page.locator("#chart-data-economic").text_content())["points"]
    for point in points:
        label = grouped(point["value"]) + (f"（{point['share']}%）" if point.get("share") else "")
        assert label in texts, point
    shortened = [text for text in texts if text.endswith("…")]
    assert shortened, "no name long enough to shorten at 320 px: the test would prove nothing"
    assert all(any(point["name"].startswith(text[:-1]) for point in points) for text in shortened)
    screenshot(page, "chart-economic-320")
    page.close()
