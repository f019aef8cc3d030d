"""The budget pages in a real browser, at desktop and phone widths."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_budget_page_reads_on_desktop_and_phone(browser, live_seed, screenshot, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_seed.url}/departments/205/2021/")
    assert page.title().startswith("绍兴市信访局 2021年部门预算")
    assert page.locator("h1").inner_text().startswith("绍兴市信访局（市统一政务咨询投诉举报平台管理办公室）2021年部门预算")
    assert page.locator("table.official").count() == 9
    # The page itself never scrolls sideways; wide tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    row = page.locator("#expenditure tr", has_text="2010301")
    assert "4,839,768.54" in row.inner_text()
    screenshot(page, f"budget-205-2021-{width}")
    page.close()


def test_a_table_page_and_a_missing_page(browser, live_seed, screenshot):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{live_seed.url}/departments/205/2021/tables/performance/")
    assert "督查次数" in page.locator("table").inner_text()
    screenshot(page, "performance-390")
    response = page.goto(f"{live_seed.url}/departments/205/2019/")
    assert response.status == 404 and "页面不存在" in page.content()
    page.close()
