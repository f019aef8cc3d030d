"""Search: departments, units, projects, codes (number or name) and indicators,
by Chinese substring, grouped by kind, published budgets only."""

import pytest

from apps.budgets.models import Status

from .factories import many_departments
from .helpers import group_text, hrefs, page_text


def test_receptions_are_found_as_a_code_a_project_and_indicators(client, seed_budget):
    response = client.get("/search/", {"q": "接待"})
    assert "30217 公务接待费" in group_text(response, "科目")
    assert "公务接待费" in group_text(response, "项目")
    assert "接待批次" in group_text(response, "绩效指标")
    assert "/subjects/economic/30217/2021/" in hrefs(response)


def test_codes_by_number_and_departments_and_units_by_name(client, seed_budget):
    assert "2010308 信访事务" in group_text(client.get("/search/?q=2010308"), "科目")
    by_name = client.get("/search/?q=信访")
    assert "绍兴市信访局" in group_text(by_name, "部门")
    assert "绍兴市信访局本级" in group_text(by_name, "预算单位")
    assert "/departments/205/2021/" in hrefs(by_name)
    assert "绍兴市政务热线服务中心" in group_text(client.get("/search/?q=热线"), "预算单位")


def test_results_keep_the_unit(client, seed_budget):
    response = client.get("/search/?q=接待&unit=wan")
    results = [h for h in hrefs(response) if h.startswith(("/subjects/", "/departments/"))]
    assert results and all(h.endswith("unit=wan") for h in results)


def test_drafts_are_never_found(client, seed_budget):
    many_departments(2, status=Status.DRAFT)
    response = client.get("/search/?q=测试局")
    assert "没有找到与“测试局”相关的内容" in page_text(response)
    assert "干部培训项目" not in page_text(client.get("/search/?q=培训"))


def test_many_results_are_capped_with_a_note(client, seed_budget):
    many_departments(55)
    response = client.get("/search/?q=测试局")
    assert "部门 （50+）" in page_text(response)
    assert "仅显示前50条" in page_text(response)


@pytest.mark.parametrize("q", ["", "   ", "%", "_", "'", "接" * 500])
def test_odd_queries_are_answered_calmly(client, seed_budget, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200


def test_three_public_finds_the_ranking_the_glossary_and_its_codes(client, seed_budget):
    response = client.get("/search/", {"q": "三公"})
    topics = group_text(response, "专题与名词解释")
    assert "“三公”经费：各部门排名" in topics and "“三公”经费" in topics
    assert "/three-public/" in hrefs(response)
    assert "30217 公务接待费" in group_text(response, "科目")


def test_two_words_find_what_contains_both(client, seed_budget):
    reception = client.get("/search/", {"q": "公务 接待"})
    assert "30217 公务接待费" in group_text(reception, "科目")
    assert "部分词语" not in page_text(reception)
    publicity = client.get("/search/", {"q": "信访 宣传"})
    assert "信访宣传经费" in group_text(publicity, "项目")
    # Written together, jieba cuts them into the same two words.
    assert "信访宣传经费" in group_text(client.get("/search/", {"q": "信访宣传"}), "项目")


def test_results_show_their_amounts(client, seed_budget):
    response = client.get("/search/", {"q": "信访"})
    assert "绍兴市信访局（市统一政务咨询投诉举报平台管理办公室） 2,525.88万元" in group_text(response, "部门")
    # 30217 公务接待费 by economic code: the 22,000.00 of basic spending.
    assert "30217 公务接待费 2.20万元" in group_text(client.get("/search/", {"q": "接待"}), "科目")


def test_when_nothing_has_every_word_results_with_some_are_shown_as_partial(client, seed_budget):
    response = client.get("/search/", {"q": "信访 火箭"})
    assert "以下结果只包含其中一部分词语" in page_text(response)
    assert "绍兴市信访局" in group_text(response, "部门")
