"""Every official table on a phone (390 px) and a desktop: no digit cut, a visible
cue where a table scrolls sideways, the two-sided tables whole, the 绩效目标表
with every indicator in view, and tap targets of 44 px. Screenshots of each
table page land in artifacts/screenshots/."""

import pytest

from apps.budgets.official import ZHEJIANG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For each amount cell: its text fits the cell (nothing clipped inside it).
CUT_CELLS = """(root) => [...root.querySelectorAll('td.num, th.num')]
  .filter(cell => cell.offsetParent !== null && cell.scrollWidth > cell.clientWidth + 1)
  .map(cell => cell.textContent.trim())"""
# For each scrolling frame: whether it is wider than its box, and whether it says so.
FRAMES = """(root) => [...root.querySelectorAll('.scroll-frame')].map(frame => {
  const box = frame.querySelector('.table-scroll');
  const cue = frame.querySelector('.scroll-cue');
  return {wider: box.scrollWidth > box.clientWidth + 1, cue: !!cue && cue.offsetParent !== null,
          shade: getComputedStyle(frame, '::after').content !== 'none'};
})"""


@pytest.mark.parametrize("slug", list(ZHEJIANG))  # the seed's set
def test_each_table_fits_a_phone_without_cut_digits(browser, live_seed, screenshot, slug):
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{live_seed.url}/departments/205/2021/tables/{slug}/")
        section = page.locator(f"#{slug}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert section.evaluate(CUT_CELLS) == []
        for frame in section.evaluate(FRAMES):
            assert not frame["wider"] or (frame["cue"] and frame["shade"]), (slug, width, frame)
        if slug in ("summary", "fiscal-summary"):
            # Four columns on a desktop, the two sides one under the other on a phone: whole, no scrolling.
            assert not any(frame["wider"] for frame in section.evaluate(FRAMES)), (slug, width)
            sides = section.locator("table.official-side")
            assert sides.first.is_visible() == (width == 390)
            if width == 390:
                for index in range(sides.count()):
                    box = sides.nth(index).bounding_box()
                    assert box["x"] >= 0 and box["x"] + box["width"] <= width
                assert "25,258,772.17" in sides.first.inner_text()
        screenshot(page, f"table-{slug}-{width}")
        page.close()


def test_the_performance_table_shows_every_indicator_at_both_widths(browser, live_seed):
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{live_seed.url}/departments/205/2021/tables/performance/")
        rows = page.locator("#performance table.indicators-compact tbody tr:not(.group)")
        assert rows.count() > 10
        for index in range(rows.count()):
            box = rows.nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, index)
        # Project names lead to their pages.
        page.locator("#performance h5 a", has_text="信访宣传经费").click()
        page.wait_for_url("**/projects/*/")
        assert "信访宣传经费" in page.locator("h1").inner_text()
        page.close()


def test_drill_buttons_and_section_tabs_are_44_px_on_a_phone(browser, live_seed):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(f"{live_seed.url}/departments/205/2021/")
    button = page.locator("#expenditure tr[data-code='201'] button.drill").bounding_box()
    assert button["width"] >= 44 and button["height"] >= 44
    tab = page.locator(".section-tabs a", has_text="项目支出表").bounding_box()
    assert tab["height"] >= 44
    # The tabs take the reader to the first official table, well before twelve screens of text.
    assert page.evaluate("document.getElementById('summary').getBoundingClientRect().top + scrollY") < 3000
    page.locator(".section-tabs a", has_text="项目支出表").click()
    assert page.locator("#projects").is_visible()
    page.close()
