"""The generated 说明 carries every figure and percentage of the seed's 说明."""

import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from apps.budgets.explanation import explanation_paragraphs, share, wan
from apps.budgets.models import BudgetNarrative

SEED_TEXT = Path(settings.BASE_DIR, "fixtures", "disclosure_205_2021.txt").read_text()
NUMBER = re.compile(r"\d+(?:\.\d+)?")
# The seed prints 卫生健康支出 as 47.38万元, but its own tables give 473,856.00 元,
# which is 47.39万元 rounded half up like every other figure of the same 说明
# (and its three 项, 20.26 + 7.93 + 19.20, also make 47.39).
SEED_ERRATA = {Decimal("47.38"): Decimal("47.39")}


def seed_explanation() -> str:
    return SEED_TEXT.split("二、绍兴市信访局（市政务平台办）2021年部门预算安排情况说明")[1].split("三、名词解释")[0]


def numbers(text: str) -> set[Decimal]:
    return {Decimal(n) for n in NUMBER.findall(text)}


def test_every_figure_of_the_seed_explanation_is_generated(seed_budget):
    generated = "".join(explanation_paragraphs(seed_budget))
    expected = {SEED_ERRATA.get(n, n) for n in numbers(seed_explanation())}
    assert len(expected) > 40
    assert sorted(expected - numbers(generated)) == []


def test_key_sentences_read_as_in_the_seed(seed_budget):
    text = "".join(explanation_paragraphs(seed_budget))
    for sentence in [
        "2021年收支总预算2525.88万元",
        "一般公共预算拨款收入2525.88万元，占100.0%",
        "人员支出719.31万元，占28.5%；日常公用支出146.86万元，占5.8%；项目支出1659.71万元，占65.7%",
        "一般公共服务支出（类）2280.44万元，占90.3%",
        "比2020年执行数增加185.90万元，主要原因是2021年新增宣传经费和课题研究费",
        "信访事务（项）安排1639.71万元，主要用于信访接待劝返、信访事项督查督办等项目支出",
        # The economic codes each goes to, in code order, as the document lists them.
        "一般公共预算基本支出866.17万元，其中：人员经费719.31万元，主要包括：基本工资、津贴补贴、奖金、绩效工资、",
        "公用经费146.86万元，主要包括：办公费、印刷费、邮电费、差旅费、",
        "2021年没有使用政府性基金预算拨款安排的支出",
        "安排公务接待费预算16.41万元，比上年预算数减少8.8%",
        "减少的主要原因是本着合理编制预算、勤俭节约的原则",
        "本级一家行政单位的机关运行经费财政拨款预算117.10万元。比上年预算增加8.27万元，增长7.6%",
        "政府采购预算总额1445.84万元",
        "共涉及12个项目，当年资金安排1659.71万元，其中一般公共预算当年拨款1659.71万元",
    ]:
        assert sentence in text


def test_comparisons_follow_the_stored_prior_amounts(seed_budget):
    narrative = BudgetNarrative.objects.get(budget=seed_budget)
    narrative.prior_general_actual = Decimal("25258772.17")
    narrative.prior_reception = Decimal("100000.00")
    narrative.save()
    text = "".join(explanation_paragraphs(seed_budget))
    assert "与2020年执行数持平" in text
    assert "比上年预算数增加64.1%" in text  # 164,110.00 against 100,000.00


def test_shares_round_half_up_and_need_a_base():
    assert share(Decimal("1"), Decimal("8")) == Decimal("12.5")
    assert share(Decimal("1"), Decimal("16")) == Decimal("6.3")  # 6.25 → 6.3, not banker's 6.2
    assert share(Decimal("5"), Decimal("0")) is None
    assert wan(Decimal("298.80")) == Decimal("0.03")
    assert wan(Decimal("4839768.54")) == Decimal("483.98")
