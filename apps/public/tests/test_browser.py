"""The public site in a real browser, as a reader uses it: at desktop and phone
widths, with the mouse, the keyboard and without JavaScript; axe-core checks
each page type. Screenshots land in artifacts/screenshots/."""

import re
from pathlib import Path

import pytest

from apps.projects.models import Project

from .factories import budget_2020, many_departments

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "/",
    "budget": "/departments/205/2021/",
    "compare": "/departments/205/2021/?compare=2020",
    "three-public": "/three-public/2021/?sort=reception",
    "table": "/departments/205/2021/tables/expenditure/",
    "code": "/subjects/economic/30217/2021/",
    "projects": "/departments/205/2021/projects/",
    "project": "project",
    "glossary": "/glossary/",
    "search": "/search/?q=公务 接待",
    "missing": "/departments/205/2019/",
}


@pytest.fixture
def site(live_seed):
    """The seed, its 2020 budget and three more departments, on the live server."""
    budget_2020()
    many_departments(3)
    return live_seed.url


def address(site: str, page_type: str) -> str:
    path = PAGE_TYPES[page_type]
    if path == "project":
        project = Project.objects.get(budget__department__code="205", name="信访宣传经费")
        path = f"/departments/205/2021/projects/{project.pk}/"
    return site + path


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_budget_page_reads_on_desktop_and_phone(browser, live_seed, screenshot, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_seed.url}/departments/205/2021/")
    assert page.title().startswith("绍兴市信访局 2021年部门预算")
    assert (
        page.locator("h1").inner_text().startswith("绍兴市信访局（市统一政务咨询投诉举报平台管理办公室）2021年部门预算")
    )
    # Eight tables, and the 绩效目标表 project by project.
    assert page.locator("table.official").count() == 8
    assert page.locator("#performance .project-block").count() > 0
    # The page itself never scrolls sideways; wide tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    row = page.locator("#expenditure tr", has_text="2010301")
    assert not row.is_visible()  # folded under its 类 until the reader opens it
    page.locator("#expenditure tr[data-code='201'] button.drill").click()
    assert row.is_visible() and "4,839,768.54" in row.inner_text()
    # Charts are drawn from the vendored ECharts, no network needed.
    assert page.locator("#chart-composition svg").count() == 1
    assert errors == []  # nothing blocked by the Content-Security-Policy, nothing missing
    screenshot(page, f"budget-205-2021-{width}")
    page.close()


def test_a_table_page_and_a_missing_page(browser, live_seed, screenshot):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{live_seed.url}/departments/205/2021/tables/performance/")
    assert "督查次数" in page.locator("#performance").inner_text()
    screenshot(page, "performance-390")
    response = page.goto(f"{live_seed.url}/departments/205/2019/")
    assert response.status == 404 and "页面不存在" in page.content()
    page.close()


def test_drill_down_by_keyboard_then_follow_a_code_to_its_code_page(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/departments/205/2021/")
    toggle = page.locator("#general-public tr[data-code='201'] button.drill")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator("#general-public a", has_text="2010308").click()
    page.wait_for_url("**/subjects/function/2010308/2021/")
    assert page.locator("h1").inner_text().startswith("2010308 信访事务")
    assert "16,397,060.00" in page.locator("table.listing", has_text="绍兴市信访局").inner_text()
    page.close()


def test_without_javascript_every_row_shows_and_codes_are_links(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/departments/205/2021/")
    assert page.locator("#expenditure tr", has_text="2010301").is_visible()
    assert page.locator("#expenditure a[href='/subjects/function/201/2021/']").count() == 1
    context.close()


def test_switch_to_wan_and_every_link_keeps_it(browser, site):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(site + "/")
    page.locator(".unit-switch a", has_text="万元").click()
    page.wait_for_url(re.compile(r"unit=wan"))
    assert "2,525.88" in page.locator("table.listing tr", has_text="绍兴市信访局").inner_text()
    page.locator("table.listing a", has_text="绍兴市信访局").click()
    page.wait_for_url(re.compile(r"/departments/205/2021/\?unit=wan"))
    assert "单位：万元" in page.locator("#expenditure caption").inner_text()
    assert "2,525.88" in page.locator(".card-total").inner_text()
    page.close()


def test_search_for_receptions_and_compare_who_spends_most(browser, site, screenshot):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(site + "/")
    page.fill("#home-search-q", "接待")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    page.locator("a", has_text="30217 公务接待费").click()
    page.wait_for_url("**/subjects/economic/30217/2021/")
    rows = page.locator("table.listing", has_text="部门编码").locator("tbody tr").all_inner_texts()
    assert rows[0].startswith("205") and "22,000.00" in rows[0]
    assert page.locator("#chart-departments svg").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_compare_with_the_prior_year(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/departments/205/2021/")
    page.locator(".compare-choices a", has_text="2020年预算").click()
    page.wait_for_url(re.compile(r"compare=2020"))
    table = page.locator("table.comparison").first
    page.locator("table.comparison tr[data-code='201'] button.drill").first.click()
    assert "取消" in table.locator("tr[data-code='2010399']").inner_text()
    health = table.locator("tr[data-code='210']").inner_text()
    assert "卫生健康支出" in health and "医疗卫生与计划生育支出" in health
    assert page.locator("#chart-trend svg").count() == 1
    page.close()


def test_print_shows_whole_tables_and_no_navigation(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/departments/205/2021/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("#expenditure tr", has_text="2010301").is_visible()
    page.close()


# The bottom of each breadcrumb's text (the links are padded as tap targets, the current page is not).
CRUMB_TEXT_BOTTOMS = """() => [...document.querySelectorAll('.breadcrumbs li')].map(li => {
    const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT, n => n.data.trim() ? 1 : 3);
    const range = document.createRange();
    range.selectNodeContents(walker.nextNode());
    return Math.round(range.getBoundingClientRect().bottom);
})"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_each_page_type_is_accessible_and_fits_a_phone(browser, site, screenshot, page_type):
    for width in (1280, 390):
        # axe is injected as an inline script, which the site's own CSP (rightly) forbids.
        page = browser.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
        page.goto(address(site, page_type))
        assert page.title().endswith("部门预算公开")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, page_type
        if width == 1280:  # every crumb on one line, the current page's level with the links before it
            assert len(set(page.evaluate(CRUMB_TEXT_BOTTOMS))) <= 1, page_type
        screenshot(page, f"{page_type}-{width}")
        if width == 390:
            assert serious_violations(page) == []
        page.close()
