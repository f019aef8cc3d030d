"""The cross-department files and the download menus on every page type."""

import csv
import io

import openpyxl
import pytest


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_home_table_as_csv_and_xlsx(client, seed_budget):
    rows = rows_of(client.get("/years/2021/departments.csv?government=330600"))  # the home page's link
    assert rows == [
        ["部门编码", "部门名称", "支出总计", "基本支出", "项目支出", "占全市比重（%）"],
        ["205", "绍兴市信访局", "25258772.17", "8661712.17", "16597060.00", "100.0"],
    ]
    assert rows_of(client.get("/years/2021/departments.csv"))[0][-1] == "占全部比重（%）"  # every government's
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/years/2021/departments.xlsx?unit=wan").content)).active
    assert sheet["A3"].value == "单位：万元" and sheet["C5"].value == pytest.approx(2525.88)
    # The share a number, as the amounts are, so that a spreadsheet sorts and sums it; shown to one place.
    assert sheet["F5"].value == 100 and sheet["F5"].number_format == "0.0"


def test_code_page_comparison_as_csv(client, seed_budget):
    rows = rows_of(client.get("/subjects/economic/30217/2021/departments.csv"))
    assert rows == [["部门编码", "部门名称", "金额", "占该科目比重（%）"], ["205", "绍兴市信访局", "22000.00", "100.0"]]
    assert client.get("/subjects/economic/99999/2021/departments.csv").status_code == 404
    assert client.get("/years/2021/departments.json").status_code == 404


@pytest.mark.parametrize(
    "page,links",
    [
        (
            "/?year=2021",
            [
                "/years/2021/departments.xlsx?government=330600",
                "/years/2021/departments.csv?government=330600",
                "/years/2021/export.xlsx?government=330600",
            ],
        ),
        (
            "/departments/205/2021/?unit=wan",
            ["/departments/205/2021/export.xlsx?unit=wan", "/departments/205/2021/tables/summary.csv?unit=wan"],
        ),
        (
            "/departments/205/2021/tables/projects/",
            ["/departments/205/2021/tables/projects.xlsx", "/departments/205/2021/tables/projects.json"],
        ),
        ("/subjects/function/201/2021/", ["/subjects/function/201/2021/departments.xlsx?government=330600"]),
    ],
)
def test_every_page_type_offers_its_downloads(client, seed_budget, page, links):
    html = client.get(page).content.decode()
    for link in links:
        assert f'href="{link}"'.replace("&", "&amp;") in html or f'href="{link}"' in html
        assert client.get(link).status_code == 200
