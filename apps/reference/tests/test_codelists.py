"""The national code lists that `migrate` loads: every year 2017–2026 in both
schemes, consistent trees, the names each year's list gave, the codes the seed
and the sample disclosure use, and a loading that can run again."""

import re
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as registry
from django.core.management import CommandError, call_command
from django.db.models import F

from apps.budgets.models import EconomicLine, FunctionLine
from apps.reference import codelists
from apps.reference.codelists import YEARS, load_codes
from apps.reference.models import ClassificationCode, Scheme

DISCLOSURE = Path(__file__).resolve().parents[3] / "fixtures" / "disclosure_205_2021.txt"
MIGRATION = import_module("apps.reference.migrations.0004_national_classification_codes")

# The codes of the sample disclosure (上海市普陀区万里街道 2024年部门预算) as its tables print them.
SAMPLE_2024 = """
201 一般公共服务支出|20105 统计信息事务|2010507 专项普查活动|20129 群众团体事务|2012902 一般行政管理事务
20132 组织事务|2013202 一般行政管理事务|20133 宣传事务|2013302 一般行政管理事务|20134 统战事务
2013402 一般行政管理事务|20138 市场监督管理事务|2013802 一般行政管理事务|204 公共安全支出|20406 司法
2040607 公共法律服务|20499 其他公共安全支出|2049999 其他公共安全支出|205 教育支出|20599 其他教育支出
2059999 其他教育支出|206 科学技术支出|20607 科学技术普及|2060702 科普活动|207 文化旅游体育与传媒支出
20703 体育|2070308 群众体育|208 社会保障和就业支出|20805 行政事业单位养老支出|2080501 行政单位离退休
2080502 事业单位离退休|2080505 机关事业单位基本养老保险缴费支出|2080506 机关事业单位职业年金缴费支出
2080599 其他行政事业单位养老支出|20807 就业补助|2080705 公益性岗位补贴|20816 红十字事业
2081602 一般行政管理事务|20825 其他生活救助|2082501 其他城市生活救助|20899 其他社会保障和就业支出
2089999 其他社会保障和就业支出|210 卫生健康支出|21007 计划生育事务|2100717 计划生育服务
21011 行政事业单位医疗|2101101 行政单位医疗|2101102 事业单位医疗|212 城乡社区支出|21201 城乡社区管理事务
2120101 行政运行|2120102 一般行政管理事务|2120104 城管执法|2120199 其他城乡社区管理事务支出
21203 城乡社区公共设施|2120399 其他城乡社区公共设施支出|21205 城乡社区环境卫生|2120501 城乡社区环境卫生
21299 其他城乡社区支出|2129999 其他城乡社区支出|221 住房保障支出|22102 住房改革支出|2210201 住房公积金
2210203 购房补贴|22103 城乡社区住宅|2210399 其他城乡社区住宅支出
"""
SAMPLE_2024_ECONOMIC = """
301 工资福利支出|30101 基本工资|30102 津贴补贴|30107 绩效工资|30108 机关事业单位基本养老保险缴费|30109 职业年金缴费
30110 职工基本医疗保险缴费|30112 其他社会保障缴费|30113 住房公积金|30199 其他工资福利支出|302 商品和服务支出
30201 办公费|30204 手续费|30205 水费|30206 电费|30207 邮电费|30209 物业管理费|30211 差旅费|30213 维修（护）费
30214 租赁费|30215 会议费|30216 培训费|30217 公务接待费|30227 委托业务费|30228 工会经费|30229 福利费
30231 公务用车运行维护费|30239 其他交通费用|30299 其他商品和服务支出|303 对个人和家庭的补助|30302 退休费
"""


def pairs(text: str) -> dict[str, str]:
    return dict(item.split(" ", 1) for item in re.split(r"[|\n]", text.strip()))


def names(scheme: str, year: int) -> dict[str, str]:
    return dict(ClassificationCode.objects.filter(scheme=scheme, year=year).values_list("code", "name"))


@pytest.mark.parametrize("year", YEARS)
def test_a_fresh_database_has_every_listed_code_of_every_year(db, year):
    for scheme in Scheme:
        assert names(scheme, year) == codelists.tree(scheme, year)
    classes = set(names(Scheme.FUNCTION, year)) & {f"{n}" for n in range(201, 235)}
    assert {"201", "205", "208", "212", "213", "221", "227", "229", "230", "231", "232", "233"} <= classes
    assert ("224" in classes) == (year >= 2019)  # 灾害防治及应急管理支出 came with the 2018 reorganisation
    assert {"301", "302", "303", "310", "399"} <= set(names(Scheme.ECONOMIC, year))


def test_every_code_sits_under_its_own_years_parent(db):
    codes = ClassificationCode.objects.filter(year__in=YEARS)
    assert not codes.filter(code__regex=r"^[0-9]{3}$", parent__isnull=False).exists()
    below = codes.filter(code__regex=r"^[0-9]{5}([0-9]{2})?$")
    assert below.filter(parent__isnull=True).count() == 0
    assert below.exclude(parent__year=F("year"), parent__scheme=F("scheme")).count() == 0
    misplaced = [c.code for c in below.select_related("parent") if c.parent.code != c.code[:-2]]
    assert misplaced == []
    assert not ClassificationCode.objects.filter(scheme=Scheme.ECONOMIC, code__regex=r"^[0-9]{7}$").exists()


def test_renames_and_retirements_give_each_year_its_own_name(db):
    function = {year: names(Scheme.FUNCTION, year) for year in (2017, 2018, 2019, 2020, 2021, 2024)}
    assert (function[2018]["210"], function[2019]["210"]) == ("医疗卫生与计划生育支出", "卫生健康支出")
    assert (function[2018]["207"], function[2019]["207"]) == ("文化体育与传媒支出", "文化旅游体育与传媒支出")
    assert (function[2018]["220"], function[2019]["22001"]) == ("国土海洋气象等支出", "自然资源事务")
    assert "20115" in function[2018] and "20115" not in function[2019]  # 工商行政管理事务 retired
    assert "20138" not in function[2018] and function[2019]["20138"] == "市场监督管理事务"
    assert (function[2019]["2080501"], function[2020]["2080501"]) == ("归口管理的行政单位离退休", "行政单位离退休")
    assert (function[2020]["21305"], function[2021]["21305"]) == ("扶贫", "巩固脱贫衔接乡村振兴")
    economic = {year: names(Scheme.ECONOMIC, year) for year in (2017, 2018, 2019)}
    assert "30110" not in economic[2017] and economic[2018]["30110"] == "职工基本医疗保险缴费"
    # One code, two meanings: 30311 was 住房公积金 in the old 支出经济分类, 代缴社会保险费 later.
    assert (economic[2017]["30311"], economic[2019]["30311"]) == ("住房公积金", "代缴社会保险费")
    assert "30311" not in economic[2018]


def test_the_seed_prints_the_lists_2021_names(seed_budget):
    """Every code of the seed's disclosure, with the name it prints there (its half-width brackets aside)."""
    printed = {}
    for line in DISCLOSURE.read_text(encoding="utf-8").splitlines():
        found = re.match(r"([0-9]{3}(?:[0-9]{2}){0,2})\t([^\t]+)\t[0-9]", line)
        if found:
            printed[found[1]] = found[2].replace("(", "（").replace(")", "）")
    function, economic = names(Scheme.FUNCTION, 2021), names(Scheme.ECONOMIC, 2021)
    listed = {code: (economic if code.startswith("3") else function).get(code) for code in printed}
    assert len(printed) > 40 and listed == printed
    used = set(FunctionLine.objects.filter(budget=seed_budget).values_list("code__code", "code__year"))
    used |= set(EconomicLine.objects.filter(budget=seed_budget).values_list("code__code", "code__year"))
    assert {year for _, year in used} == {2021} and {code for code, _ in used} <= set(printed)


def test_the_samples_codes_exist_in_2024_with_the_names_it_prints(db):
    assert {c: names(Scheme.FUNCTION, 2024).get(c) for c in pairs(SAMPLE_2024)} == pairs(SAMPLE_2024)
    assert {c: names(Scheme.ECONOMIC, 2024).get(c) for c in pairs(SAMPLE_2024_ECONOMIC)} == pairs(SAMPLE_2024_ECONOMIC)


def test_the_migration_runs_again_without_changing_anything(db, django_assert_max_num_queries):
    before = list(ClassificationCode.objects.values_list("pk", "scheme", "year", "code", "name", "parent_id"))
    with django_assert_max_num_queries(3):  # one read; nothing to create or update
        MIGRATION.load(registry, None)
    after = list(ClassificationCode.objects.values_list("pk", "scheme", "year", "code", "name", "parent_id"))
    assert after == before


def test_loading_again_restores_names_parents_and_missing_codes_and_keeps_a_documents_code(db):
    for length in (7, 5, 3):  # PROTECT on the parent: children first
        ClassificationCode.objects.filter(year=2025, code__regex=rf"^[0-9]{{{length}}}$").delete()
    ClassificationCode.objects.filter(scheme=Scheme.FUNCTION, year=2024, code="210").update(name="错名")
    moved = ClassificationCode.objects.get(scheme=Scheme.FUNCTION, year=2024, code="2101101")
    moved.parent = ClassificationCode.objects.get(scheme=Scheme.FUNCTION, year=2024, code="21007")
    moved.save()
    brought = ClassificationCode.objects.create(
        scheme=Scheme.FUNCTION,
        year=2024,
        code="2010398",
        name="文件所列的项",
        parent=ClassificationCode.objects.get(scheme=Scheme.FUNCTION, year=2024, code="20103"),
        origin=ClassificationCode.Origin.DOCUMENT,
    )
    counts = load_codes(ClassificationCode, [2024, 2025])
    expected = sum(len(codelists.tree(scheme, 2025)) for scheme in Scheme)
    assert counts == {"created": expected, "changed": 2}
    assert names(Scheme.FUNCTION, 2025) == codelists.tree(Scheme.FUNCTION, 2025)
    assert names(Scheme.FUNCTION, 2024)["210"] == "卫生健康支出"
    assert ClassificationCode.objects.get(pk=moved.pk).parent.code == "21011"
    assert ClassificationCode.objects.get(pk=brought.pk).name == "文件所列的项"


def test_the_command_reloads_a_year_and_refuses_one_the_lists_do_not_cover(db):
    ClassificationCode.objects.filter(scheme=Scheme.ECONOMIC, year=2023, code="30217").update(name="接待费")
    call_command("load_codes", year=[2023], stdout=StringIO())
    assert names(Scheme.ECONOMIC, 2023)["30217"] == "公务接待费"
    with pytest.raises(CommandError, match="2030"):
        call_command("load_codes", year=[2030])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("201 一般公共服务支出\n2010101 行政运行", "line 2 .*parent 20101"),
        ("201 一般公共服务支出 2019", "line 1 .*unknown mark '2019'"),
        ("2011 错位", "line 1 .*3, 5 or 7 digits"),
        ("201 甲 -2018\n20101 乙 2019+", "line 2 .*no year left"),
        ("301 甲 -2018\n301 乙 2018+", "line 2 .*overlap"),
    ],
)
def test_a_bad_line_in_a_data_file_is_named(text, problem):
    with pytest.raises(ValueError, match=problem):
        codelists.parse(text, "test.txt")


def test_fund_marks_and_meanings_pass_to_children():
    listing = codelists.parse("212 城乡社区支出\n21208 基金 fund 2019+\n2120801 征地 <2021:旧名\n", "test.txt")
    child = listing["2120801"][0]
    assert (child.fund, child.since, child.name_in(2020), child.name_in(2021)) == (True, 2019, "旧名", "征地")
    assert codelists.is_fund("2120801") and not codelists.is_fund("2120101")
