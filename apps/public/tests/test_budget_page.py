"""The budget page beyond the official tables: headline figures, charts,
drill-down markup, code links, and the comparison with another year."""

import re
from decimal import Decimal

import pytest

from apps.budgets.models import Budget, Phase, Status

from .factories import budget_2020
from .helpers import chart_payload, hrefs, page_text, row_text

URL = "/departments/205/2021/"


def test_headline_figures_exact_to_the_cent_with_their_shares(client, seed_budget):
    text = page_text(client.get(URL + "?unit=yuan"))
    for figure in [
        "2021年支出预算总计 25,258,772.17元",
        "基本支出 8,661,712.17元 占34.3%",
        "人员支出 7,193,148.60元 占28.5%",
        "公用经费 1,468,563.57元 占5.8%",
        "项目支出 16,597,060.00元 占65.7%",
    ]:
        assert figure in text
    assert "按万元、亿元显示" in text


def test_headline_in_wan_by_default_and_exact_yuan_one_click_away(client, seed_budget):
    response = client.get(URL)
    text = page_text(response)
    assert "2021年支出预算总计 2,525.88万元" in text and "基本支出 866.17万元 占34.3%" in text
    assert "?unit=yuan" in hrefs(response) and "精确到元" in text
    # The official tables keep the disclosure's 元.
    assert "4,839,768.54" in row_text(response, 'data-code="2010301"')
    assert "2021年支出预算总计 2,525.88万元" in page_text(client.get(URL + "?unit=wan"))


def test_headline_compares_with_last_years_budget_without_being_asked(client, prior_budget):
    text = page_text(client.get(URL))
    # 25,258,772.17 against 2020's 20,490,000.00.
    assert "2021年支出预算总计 2,525.88万元 比2020年预算增加 +476.88万元 （+23.3%）" in text
    assert "项目支出 1,659.71万元 占65.7% 比2020年增加 +79.71万元" in text


def test_the_five_largest_items_across_functions_and_projects(client, seed_budget):
    response = client.get(URL)
    items = re.findall(
        r'<li>\s*<a href="([^"]+)">([^<]+)</a> <span class="kind">([^<]+)</span>', response.content.decode()
    )
    assert len(items) == 5
    url, name, kind = items[0]
    assert (name, kind) == ("呼叫中心服务费", "项目") and "/projects/" in url
    assert ("行政运行（2010301）", "基本支出") in [(name, kind) for _, name, kind in items]
    assert "呼叫中心服务费 项目 1,271.52万元 50.3%" in page_text(response)


def test_the_disclosures_own_comparisons(client, seed_budget):
    text = page_text(client.get(URL))
    # 一般公共预算当年拨款 against the 2020 执行数 the 说明 states; 公务接待费 against last year's budget.
    assert "一般公共预算当年拨款 2,525.88万元 ，比2020年执行数增加 +185.90万元" in text
    assert "公务接待费 16.41万元 ，比上年预算减少 −1.59万元 （−8.8%）" in text
    assert "因公出国（境）费用" not in text.split("公开说明中的比较")[1].split("上年数取自")[0]  # nothing either year


def test_charts_of_functions_economic_codes_and_natures(client, seed_budget):
    response = client.get(URL + "?unit=wan")
    composition = chart_payload(response, "composition")
    assert composition["kind"] == "bar" and composition["unit"] == "万元"
    general = composition["points"][0]
    assert general["name"] == "201 一般公共服务支出" and general["value"] == "2280.44" and general["share"] == "90.3"
    assert general["children"][0]["name"] == "20103 政府办公厅（室）及相关机构事务"
    economic = chart_payload(response, "economic")["points"]
    assert [p["name"] for p in economic[:2]] == ["30102 津贴补贴", "30199 其他工资福利支出"]
    natures = chart_payload(response, "natures")["points"]
    assert natures == [
        {"name": "基本支出", "value": "866.17", "share": "34.3"},
        {"name": "项目支出", "value": "1659.71", "share": "65.7"},
    ]
    # Each chart also has its numbers as a table, the text alternative.
    assert "图表数据" in page_text(response) and 'role="img"' in response.content.decode()


def test_code_tables_drill_down_and_link_every_code(client, seed_budget):
    response = client.get(URL + "?unit=wan")
    body = response.content.decode()
    assert body.count("data-drilldown") == 4  # 支出总表, 一般公共预算支出表, 基本支出表, 政府性基金表
    assert 'data-code="201" data-level="1"' in body and 'data-code="2010301" data-level="3"' in body
    links = hrefs(response)
    assert "/subjects/function/2010308/2021/?unit=wan" in links
    assert "/subjects/economic/30217/2021/?unit=wan" in links


def test_a_page_of_a_budget_and_its_links_all_keep_the_unit(client, prior_budget):
    response = client.get(URL + "?unit=wan&compare=2020")
    internal = [h for h in hrefs(response) if h.startswith(("/", "?")) and not h.startswith("/static/")]
    switch_to_yuan = [h for h in internal if "unit=yuan" in h]
    assert len(set(switch_to_yuan)) == 1  # the unit switch and the headline's 精确到元
    assert all("unit=wan" in h for h in internal if h not in switch_to_yuan)


def test_without_other_budgets_there_is_nothing_to_compare(client, seed_budget):
    text = page_text(client.get(URL))
    assert "暂无其他年度或阶段的已公开预算可供比较" in text
    assert "历年支出总计" not in text


def test_compare_with_the_prior_year_row_by_row(client, prior_budget):
    response = client.get(URL + "?compare=2020")
    plain = hrefs(client.get(URL))
    assert "?compare=2020#compare" in plain and "/departments/205/2020/" in plain
    # 2010301 行政运行: 4,839,768.54 against 4,500,000.00.
    row = row_text(response, 'data-code="2010301"')
    assert "4,839,768.54 4,500,000.00 +339,768.54 +7.6%" in row
    assert "新增" in row_text(response, 'data-code="2010350"')
    gone = row_text(response, 'data-code="2010399"')
    assert "取消" in gone and "−800,000.00 −100.0%" in gone
    assert "/subjects/function/2010399/2020/" in hrefs(response)  # a gone code links to its own year
    # A new row has no base: no percentage.
    assert "+1,567,549.47 —" in row_text(response, 'data-code="2010350"')


def test_a_renamed_code_keeps_its_history(client, prior_budget):
    row = row_text(client.get(URL + "?compare=2020"), 'data-code="210"')
    assert "卫生健康支出" in row and "2020年名称：医疗卫生与计划生育支出" in row and "更名" in row
    assert "473,856.00 190,000.00 +283,856.00 +149.4%" in row


def test_compare_headline_figures_and_totals_over_the_years(client, prior_budget):
    response = client.get(URL + "?compare=2020")
    text = page_text(response)
    assert "2021年支出预算总计 2,525.88万元 比2020年预算增加 +476.88万元 （+23.3%）" in text
    assert "总计 25,258,772.17元 比2020年预算增加 +4,768,772.17元" in page_text(
        client.get(URL + "?compare=2020&unit=yuan")
    )
    trend = chart_payload(response, "trend")
    assert trend["kind"] == "line"
    assert [(p["name"], p["value"]) for p in trend["points"]] == [("2020年", "20490000.00"), ("2021年", "25258772.17")]


def test_economic_codes_are_compared_too(client, prior_budget):
    response = client.get(URL + "?compare=2020")
    assert "基本支出按经济分类科目比较" in page_text(response)
    # 30217 公务接待费: 22,000.00 against 30,000.00.
    assert "22,000.00 30,000.00 −8,000.00 −26.7%" in row_text(response, 'data-code="30217"')


def test_compare_with_another_phase_of_the_same_year(client, seed_budget):
    Budget.objects.create(department=seed_budget.department, year=2021, phase=Phase.FINAL, status=Status.PUBLISHED)
    response = client.get(URL + "?compare=2021-final")
    assert "2021年预算与2021年决算" in page_text(response)
    # The 决算 comes after the 预算 (and has no lines yet here).
    assert "其后取消" in row_text(response, 'data-code="2010301"')


@pytest.mark.parametrize("value", ["1999", "abc", "2020", "<b>x</b>", "2021-final"])
def test_a_compare_target_that_is_not_a_published_budget_gets_a_message(client, seed_budget, value):
    budget_2020(status=Status.DRAFT)
    response = client.get(URL, {"compare": value})
    assert response.status_code == 200
    assert "的已公开预算可供比较" in page_text(response)
    assert "<b>x</b>" not in response.content.decode()


def test_glossary_terms_are_explained_where_they_appear(client, seed_budget):
    body = client.get(URL + "?unit=wan").content.decode()
    term = 'class="term" href="/glossary/?unit=wan#term-'
    assert body.count(term) >= 2
    assert 'title="是预算单位为保障其正常运转，完成日常工作任务所发生的支出' in body


def test_the_official_tables_headers_explain_their_terms(client, seed_budget):
    # A column headed 基本支出 is as much a use of the term as a headline card is.
    definition = "是预算单位为保障其正常运转，完成日常工作任务所发生的支出"
    for url in (URL + "?unit=wan", URL + "tables/expenditure/?unit=wan"):
        body = client.get(url).content.decode()
        table = body[body.index('id="expenditure"') :]
        header = table[: table.index("</thead>")]
        link = rf'<th [^>]*><a class="term" href="/glossary/\?unit=wan#term-\d+" title="{definition}[^"]*">基本支出</a></th>'
        assert re.search(link, header), url


def test_the_budget_links_to_its_projects(client, seed_budget):
    response = client.get(URL)
    assert "/departments/205/2021/projects/" in hrefs(response)


def test_an_older_budget_without_a_stored_narrative_compares_forward(client, prior_budget):
    response = client.get("/departments/205/2020/?compare=2021")
    assert response.status_code == 200
    assert "2020年预算与2021年预算" in page_text(response)
    # Seen from 2020, 事业运行 is not gone: it appears later.
    assert "其后新增" in row_text(response, 'data-code="2010350"')
    assert "其后取消" in row_text(response, 'data-code="2010399"')


def final_of(budget: Budget) -> Budget:
    """A published 决算 of the seed's year: the 预算's lines at 90%."""
    final = Budget.objects.create(
        department=budget.department, year=budget.year, phase=Phase.FINAL, status=Status.PUBLISHED
    )
    final.units.set(budget.units.all())
    for line in budget.functionlines.all():
        line.pk, line.budget, line.amount = None, final, (line.amount * 9 / 10).quantize(Decimal("0.01"))
        line.save()
    return final


def test_a_final_account_is_named_as_one_and_compared_with_its_budget(client, seed_budget):
    final_of(seed_budget)
    response = client.get("/departments/205/2021/final/")
    text = page_text(response)
    assert "2021年市级部门收入支出决算总表" in text and "收支预算总表" not in text
    assert "决算数" in text and "2021年支出决算总计 2,273.29万元" in text
    # The first screen compares the 决算 with the same year's 预算 (its execution).
    assert "比2021年预算减少 −252.59万元 （−10.0%）" in text
    assert "2021年收支决算情况的总体说明" in text  # the generated 说明 in the phase's words
    executed = client.get("/departments/205/2021/final/?compare=2021")
    assert "执行率" in page_text(executed)
    assert "90.0%" in row_text(executed, 'data-code="2010301"')
    # The 预算 points to its 决算.
    budget_page = client.get(URL)
    assert "对照预算看执行情况" in page_text(budget_page)
    assert "/departments/205/2021/final/?compare=2021#compare" in hrefs(budget_page)


def test_the_documents_own_text_is_shown_and_where_the_generated_one_differs_is_said(client, seed_budget):
    # As the disclosure prints it (fixtures/disclosure_205_2021.txt): 卫生健康支出 47.38 万元, where the tables give 47.39.
    seed_budget.sections.create(
        position=1,
        heading="（三）关于2021年支出预算情况说明",
        body="1.按支出功能分类，包括一般公共服务支出2280.44万元、教育支出20.00万元、卫生健康支出 47.38 万元。",
    )
    text = page_text(client.get(URL))
    assert "部门公开的说明（原文）" in text and "卫生健康支出 47.38 万元" in text
    assert "系统生成" in text and "不是部门公开的原文" in text
    assert "在原文“（三）关于2021年支出预算情况说明”中，“卫生健康支出”写作 47.38万元 ，按表格合计为 47.39万元" in text
    assert "“一般公共服务支出”写作" not in text  # 2280.44 agrees
