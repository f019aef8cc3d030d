"""The city's 三公 page: departments ranked by each category (all spending, as the
三公 tables give it), and the code page of 30217 (basic spending only) pointing to it."""

from decimal import Decimal

from apps.budgets.models import ThreePublicCategory, ThreePublicLine

from .factories import many_departments
from .helpers import hrefs, page_text, row_text


def test_the_code_page_of_30217_says_it_counts_basic_spending_and_links_the_ranking(client, seed_budget):
    response = client.get("/subjects/economic/30217/2021/")
    assert "本页只统计基本支出" in page_text(response)
    assert "/three-public/2021/?sort=reception" in hrefs(response)
    # The 公务接待费 of 绍兴市信访局 by economic code is 22,000.00: its basic spending only.
    assert "22,000.00" in row_text(response, "绍兴市信访局")


def test_the_ranking_puts_the_bureau_at_its_three_public_reception_figure(client, seed_budget):
    many_departments(3)
    # Two departments spend more on receptions and one less; the bureau is third.
    for code, amount in (("901", "200000.00"), ("902", "170000.00"), ("903", "1000.00")):
        budget = seed_budget.__class__.objects.get(department__code=code, year=2021)
        ThreePublicLine.objects.create(
            budget=budget, unit=budget.units.first(), category=ThreePublicCategory.RECEPTION, amount=Decimal(amount)
        )
    # 903 buys a car: first by the total, still last by receptions.
    budget = seed_budget.__class__.objects.get(department__code="903", year=2021)
    ThreePublicLine.objects.create(
        budget=budget,
        unit=budget.units.first(),
        category=ThreePublicCategory.VEHICLE_PURCHASE,
        amount=Decimal("300000"),
    )
    assert row_text(client.get("/three-public/2021/"), 'data-department="903"').split()[0] == "1"
    response = client.get("/three-public/2021/?sort=reception")
    assert response.status_code == 200
    row = row_text(response, 'data-department="205"')
    assert row.split()[:2] == ["3", "绍兴市信访局"] and "164,110.00" in row
    assert row_text(response, 'data-department="901"').split()[0] == "1"
    assert row_text(response, 'data-department="903"').split()[0] == "4"
    assert "全市公务接待费 53.51万元" in page_text(response)  # 164,110 + 200,000 + 170,000 + 1,000


def test_a_department_without_three_public_lines_is_blank_and_unranked(client, seed_budget):
    many_departments(1)
    row = row_text(client.get("/three-public/2021/"), 'data-department="901"')
    assert row.split()[0] == "—" and "0.00" not in row


def test_an_unknown_sort_falls_back_to_the_total_and_an_unpublished_year_is_404(client, seed_budget):
    assert "按“三公”经费合计排名" in page_text(client.get("/three-public/2021/?sort=<b>"))
    assert client.get("/three-public/1999/").status_code == 404
