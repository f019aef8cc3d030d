"""A reader looking at one government's budgets stays with that government: every
link to a page of every department (home, code pages, 三公) and every download
names it, so a district's reader never lands on the city's figures."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from apps.budgets.models import Budget
from apps.budgets.tests.district import district_budget

from .helpers import group_text, hrefs, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(seed_budget) -> Budget:
    """上海市普陀区's 205 publishing in the seed city's year: two governments on one site."""
    return district_budget(year=2021)


def links_to(response, path: str) -> set[str]:
    """Every address the page links `path` with (a code can be linked from several tables)."""
    return {href for href in hrefs(response) if href.split("?")[0] == path}


def test_a_district_budget_links_to_its_own_code_pages(client, district):
    page = client.get("/departments/310107-205/2021/")
    assert links_to(page, "/subjects/function/2120101/2021/") == {"/subjects/function/2120101/2021/?government=310107"}
    assert "/?government=310107" in hrefs(page)  # 首页 in the breadcrumbs: the district's home
    code_page = client.get("/subjects/function/2120101/2021/?government=310107")
    assert "普陀" in page_text(code_page) and "绍兴市信访局" not in page_text(code_page)
    # The seed's budget is the primary government's: its links stay as short as before.
    seed = client.get("/departments/205/2021/")
    assert links_to(seed, "/subjects/function/2010301/2021/") == {"/subjects/function/2010301/2021/"}


def test_a_district_code_page_keeps_the_district_in_its_links(client, district):
    page = client.get("/subjects/function/212/2021/?government=310107&unit=wan")
    assert "行政区划： 绍兴市本级（市级） 上海市普陀区（区级）" in page_text(page)  # which one this page adds up
    assert "2021年全区各部门合计" in page_text(page)
    assert "212 城乡社区支出的下级科目（2021年全区各部门合计）" in page_text(page)
    assert links_to(page, "/subjects/function/21201/2021/") == {
        "/subjects/function/21201/2021/?unit=wan&government=310107"
    }
    [xlsx] = links_to(page, "/subjects/function/212/2021/departments.xlsx")
    assert xlsx == "/subjects/function/212/2021/departments.xlsx?unit=wan&government=310107"
    listing = load_workbook(BytesIO(client.get(xlsx).content)).active
    departments = [row[:2] for row in listing.iter_rows(min_row=5, values_only=True)]  # below the header
    assert departments == [("310107-205", "上海市普陀区人民政府某街道办事处")]


def test_the_home_page_downloads_are_of_the_government_it_shows(client, district):
    home = client.get("/?year=2021&government=310107")
    assert links_to(home, "/years/2021/departments.csv") == {"/years/2021/departments.csv?government=310107"}
    assert links_to(home, "/years/2021/export.xlsx") == {"/years/2021/export.xlsx?government=310107"}
    assert links_to(home, "/years/2021/datapackage.zip") == {"/years/2021/datapackage.zip?government=310107"}
    district_csv = client.get("/years/2021/departments.csv?government=310107").content.decode("utf-8-sig")
    assert "310107-205" in district_csv and "绍兴市信访局" not in district_csv and "占全区比重" in district_csv
    # The primary government's home names it too: without ?government= the files hold every government.
    city_home = client.get("/?year=2021")
    assert links_to(city_home, "/years/2021/departments.csv") == {"/years/2021/departments.csv?government=330600"}
    every = client.get("/years/2021/departments.csv").content.decode("utf-8-sig")
    assert "\n205," in every and "\n310107-205," in every  # codes repeat between governments: keys do not
    assert client.get("/years/2021/departments.csv?government=999999").status_code == 404


def test_the_three_public_page_adds_up_the_chosen_government(client, district):
    page = client.get("/three-public/2021/?government=310107")
    text = page_text(page)
    assert "全区因公出国（境）费用" in text and "全市" not in text
    assert "行政区划： 绍兴市本级（市级） 上海市普陀区（区级）" in text
    assert "/three-public/2021/?sort=reception&government=310107" in hrefs(page)
    assert client.get("/three-public/?government=310107")["Location"].endswith("/three-public/2021/?government=310107")


def test_a_government_whose_budgets_are_drafts_again_is_not_offered(client, district):
    assert "行政区划：" in page_text(client.get("/?year=2021"))
    Budget.objects.filter(pk=district.pk).update(status="draft")  # its stored figures stay behind
    assert "行政区划：" not in page_text(client.get("/?year=2021"))
    assert "行政区划：" not in page_text(client.get("/subjects/function/201/2021/"))


def test_the_three_public_menu_opens_the_chosen_governments_latest_year(client, seed_budget):
    district_budget(year=2020)  # the city's latest is 2021
    assert client.get("/three-public/?government=310107")["Location"].endswith("/three-public/2020/?government=310107")
    page = client.get("/three-public/2020/?government=310107")
    assert "/three-public/2021/?government=310107" not in hrefs(page)  # no year it has not published


def test_search_names_another_governments_department_with_its_government(client, district):
    found = group_text(client.get("/search/", {"q": "205"}), "部门")
    assert "上海市普陀区 · 部门编码 205" in found and "绍兴市信访局" in found
    assert "绍兴市本级 · " not in found  # the primary government's departments as before


def test_the_home_page_offers_every_year_each_showing_the_government_that_published_it(client, seed_budget):
    assert "行政区划" not in page_text(client.get("/"))  # one government: nothing to tell apart
    district_budget()  # 上海市普陀区 in 2024, a year the seed's city has not published
    home = client.get("/")
    assert "行政区划： 上海市普陀区（区级）" in page_text(home)  # the latest year: the district's
    assert "2024年全区1个部门" in page_text(home)
    assert {"?year=2024", "?year=2021"} <= set(hrefs(home))  # the city's year is one link away
    city = client.get("/?year=2021")
    assert "行政区划： 绍兴市本级（市级）" in page_text(city)
    assert "2021年全市1个部门" in page_text(city) and "绍兴市信访局" in page_text(city)
    # A reader who chose the district stays with it: only its years.
    chosen = client.get("/?government=310107")
    assert "?government=310107&year=2021" not in hrefs(chosen) and "?government=310107&year=2024" in hrefs(chosen)
