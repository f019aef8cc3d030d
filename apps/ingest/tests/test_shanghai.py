"""Shanghai's district template (上海市普陀区 部门预算), read end to end from the one
real sample: every printed row back from the database to the yuan, the narrative's
sections and projects, the codes the document brings, findings, and refusals."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q

from apps.budgets.models import BASIC_NATURES, Budget, EconomicLine, Finding, FunctionLine, Nature
from apps.ingest.services import DisclosureInvalid, ingest_write, read
from apps.reference.models import ClassificationCode, Government

FIGURE = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")


def printed_rows(text: str, title: str) -> dict[str, list[Decimal]]:
    """A code table's rows as the document prints them, read here without the ingest's reader:
    leading code cells (类, 款 zero-padded, 项) or 合计 (as ""), then the figures in order."""
    rows: dict[str, list[Decimal]] = {}
    inside = False
    for line in text.splitlines():
        if line.strip().endswith(title):
            inside = True
            continue
        if inside and re.search(r"(预算表|预算总表|情况说明)\s*$", line.strip()):
            break
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if not inside or not cells:
            continue
        parts = []
        while cells and re.fullmatch(r"\d{1,3}", cells[0]):
            parts.append(cells.pop(0))
        if parts and len(parts[0]) == 3:
            code = parts[0] + "".join(p.zfill(2) for p in parts[1:])
        elif cells and cells[0] == "合计":
            code = ""
        else:
            continue
        figures = [Decimal(c.replace(",", "")) for c in cells if FIGURE.match(c)]
        if figures:
            rows[code] = figures
    return rows


def write_sample(text: str, **given) -> Budget:
    return ingest_write(read(text.encode(), "shanghai-putuo-wanli-2024-budget.txt", department="900", **given))


def test_the_command_reads_and_publishes_the_sample(db, sample_pdf):
    out = StringIO()
    call_command("ingest_disclosure", str(sample_pdf), "--department", "900", "--year", "2024", "--publish", stdout=out)
    budget = Budget.objects.get(department__code="900", year=2024)
    assert budget.status == "published", out.getvalue()
    government = budget.department.government
    assert (government.name, government.level, government.primary) == ("上海市普陀区", Government.Level.DISTRICT, False)
    assert budget.department.name == "上海市普陀区人民政府万里街道办事处"
    assert budget.table_set == "shanghai"
    assert "提示" in out.getvalue() and "注释称本表为空表" in out.getvalue()


def test_every_function_code_row_reads_back_to_the_yuan(db, sample_text):
    budget = write_sample(sample_text)
    lines = FunctionLine.objects.filter(budget=budget)
    for title in ("部门支出预算总表", "部门一般公共预算支出功能分类预算表"):
        rows = printed_rows(sample_text, title)
        assert len(rows) > 60 and "" in rows and "2120101" in rows
        for code, (total, basic, project) in rows.items():
            mine = lines.filter(code__code__startswith=code)
            stored = (
                mine.total(),
                mine.filter(nature__in=BASIC_NATURES).total(),
                mine.filter(nature=Nature.PROJECT).total(),
            )
            assert stored == (total, basic, project), (title, code)
    assert not lines.filter(nature__in=(Nature.PERSONNEL, Nature.PUBLIC)).exists()  # never an invented split
    assert set(lines.values_list("source", flat=True)) == {"general"}


def test_every_economic_code_row_reads_back_to_the_yuan(db, sample_text):
    budget = write_sample(sample_text)
    lines = EconomicLine.objects.filter(budget=budget)
    rows = printed_rows(sample_text, "一般公共预算基本支出部门预算经济分类预算表")
    assert "30102" in rows and "30107" in rows  # printed 301 2 and 301 7
    for code, (total, personnel, public) in rows.items():
        mine = lines.filter(code__code__startswith=code)
        stored = (mine.total(), mine.filter(nature=Nature.PERSONNEL).total(), mine.filter(nature=Nature.PUBLIC).total())
        assert stored == (total, personnel, public), code


def test_revenue_three_public_and_running_cost_as_printed(db, sample_text):
    budget = write_sample(sample_text)
    summary = printed_rows(sample_text, "部门收入预算总表")[""]
    assert budget.revenuelines.get().amount == summary[1]  # 财政拨款收入, all of it 一般公共预算资金
    three = dict(budget.three_public_lines.values_list("category", "amount"))
    assert set(budget.three_public_lines.values_list("unit", flat=True)) == {None}
    row = next(line for line in sample_text.splitlines() if line.startswith("47.91\t"))
    figures = [Decimal(c) * 10000 for c in row.split("\t") if c]
    assert three == {"reception": figures[2], "vehicle_purchase": figures[4], "vehicle_running": figures[5]}
    assert "overseas" not in three  # printed 0: no line, never a zero line
    assert budget.running_cost == figures[6]


def test_sections_in_order_and_the_documented_project(db, sample_text):
    budget = write_sample(sample_text)
    headings = list(budget.sections.filter(project=None).values_list("heading", flat=True))
    assert headings[0].endswith("主要职能") and headings[1].endswith("机构设置")
    assert headings.index("名词解释") < headings.index("2024年部门预算编制说明") < headings.index("其他相关情况说明")
    assert "二、机关运行经费预算" in headings and headings[-1] == "项目经费情况说明"
    project = budget.projects.get()
    assert project.name.startswith("万里街道社区公共服务中心新建工程") and "项目概况" in project.name
    parts = list(project.sections.values_list("heading", flat=True))
    assert [p.split("、")[1] for p in parts] == [
        "项目概况",
        "立项依据",
        "实施主体",
        "实施方案",
        "实施周期",
        "年度预算安排",
        "绩效目标",
    ]
    arranged = next(s for s in project.sections.all() if s.heading.endswith("年度预算安排")).body
    quarters = [Decimal(value) * 10000 for value in re.findall(r"(\d+\.\d+)万元", arranged)]
    funding = project.fundings.get()
    assert (funding.source, funding.amount) == ("unspecified", sum(quarters)) and len(quarters) == 4
    units = set(budget.units.values_list("name", "code"))
    assert ("上海市普陀区万里街道综合行政执法队", "") in units and len(units) == 6


def test_codes_the_document_brings_are_kept_as_its_own(db, sample_text):
    """A code the year's list lacks (here 30102, taken out of the loaded list) but the document prints under its 类."""
    ClassificationCode.objects.filter(year=2024, scheme="economic", code="30102").delete()
    ingest = read(sample_text.encode(), "wanli.txt", department="900")
    assert any("30102 津贴补贴 不在2024年" in w for w in ingest.data.warnings)
    ingest_write(ingest)
    brought = ClassificationCode.objects.filter(year=2024, origin=ClassificationCode.Origin.DOCUMENT)
    assert brought.filter(scheme="economic", code="30102", name="津贴补贴", parent__code="301").exists()
    assert set(brought.values_list("origin_note", flat=True)) == {"wanli.txt"}


def test_a_name_that_differs_from_the_list_is_a_warning(db, sample_text):
    ClassificationCode.objects.filter(scheme="function", year=2024, code="212").update(name="城乡社区事务")
    ingest = read(sample_text.encode(), "wanli.txt", department="900")
    assert any("“城乡社区支出”与2024年支出功能分类的“城乡社区事务”不同" in w for w in ingest.data.warnings)
    ingest_write(ingest)


def cents(text: str) -> str:
    """The sample as a document that disagrees with itself: 行政单位离退休 (2080501) and
    基本工资 (30101) carry 0.34 more in every table, the totals above them do not."""
    text = re.sub(
        r"(?m)^(208\t05\t01\t行政单位离退休\t.*)$", lambda m: m.group(1).replace("243,120", "243,120.34"), text
    )
    text = re.sub(r"(?m)^(301\t01\t基本工资\t.*)$", lambda m: m.group(1).replace("5,873,551", "5,873,551.34"), text)
    return re.sub(r"(?m)^(1\. 一般公共预算资金\t|一、一般公共预算资金\t)156,211,123", r"\g<1>156,211,123.34", text)


def test_a_document_that_disagrees_with_itself_is_kept_with_findings_and_published(db, sample_text, tmp_path):
    path = tmp_path / "wanli.txt"
    path.write_text(cents(sample_text), encoding="utf-8")
    out = StringIO()
    call_command("ingest_disclosure", str(path), "--department", "900", "--publish", stdout=out)
    budget = Budget.objects.get(department__code="900", year=2024)
    assert budget.status == "published"
    assert FunctionLine.objects.get(budget=budget, code__code="2080501").amount == Decimal("243120.34")
    findings = Finding.objects.filter(budget=budget)
    assert findings.filter(stated=Decimal("156211123"), computed=Decimal("156211123.34")).exists()
    assert all(f.difference == Decimal("-0.34") for f in findings)
    assert "相差 0.34" in out.getvalue() and "文件自身不一致" in out.getvalue()


def test_a_total_that_contradicts_its_rows_is_refused(db, sample_text):
    # the 支出预算总表's 合计 row, alone on its page (after a form feed)
    wrong = re.sub(r"(?m)^(\f?)合计\t156,211,123\t99,706,020", r"\1合计\t156,211,223\t99,706,020", sample_text)
    assert wrong != sample_text
    with pytest.raises(DisclosureInvalid) as refused:
        write_sample(wrong)
    assert any("部门支出预算总表" in p.sheet and "156,211,223" in str(p) for p in refused.value.problems)
    assert not Budget.objects.filter(department__code="900").exists()


def test_a_code_that_contradicts_the_tree_is_refused_naming_table_and_row(db, sample_text):
    wrong = sample_text.replace("208\t16\t02\t一般行政管理事务", "208\t17\t02\t一般行政管理事务")
    with pytest.raises(DisclosureInvalid) as refused:
        write_sample(wrong)
    problem = next(p for p in refused.value.problems if p.value == "2081702")
    assert "上级科目 20817" in problem.message and problem.row and "预算" in problem.sheet
    assert not Budget.objects.filter(Q(department__code="900") | Q(year=2024)).exists()
    assert not ClassificationCode.objects.filter(year=2024, origin=ClassificationCode.Origin.DOCUMENT).exists()


def test_a_department_code_is_never_guessed(db, sample_text):
    with pytest.raises(DisclosureInvalid) as refused:
        ingest_write(read(sample_text.encode(), "wanli.txt"))
    assert any("请指定 --department" in p.message for p in refused.value.problems)


def test_the_government_can_be_named(db, sample_text):
    budget = write_sample(sample_text, government="上海市普陀区人民政府", government_code="310107")
    assert (budget.department.government.name, budget.department.government.code) == ("上海市普陀区人民政府", "310107")


def test_the_command_refuses_the_contradiction(db, sample_text, tmp_path):
    path = tmp_path / "wrong.txt"
    path.write_text(
        sample_text.replace("208\t16\t02\t一般行政管理事务", "208\t17\t02\t一般行政管理事务"), encoding="utf-8"
    )
    with pytest.raises(CommandError, match="没有写入任何数据"):
        call_command("ingest_disclosure", str(path), "--department", "900", stdout=StringIO(), stderr=StringIO())


def test_a_note_claiming_an_empty_table_that_has_figures_is_a_warning(db, sample_text):
    ingest = read(sample_text.encode(), "wanli.txt", department="900")
    warning = next(w for w in ingest.report.warnings if "注释称本表为空表" in w.text)
    assert "三公" in warning.table and "注释不予采用" in warning.text
    zeros = re.sub(r"(?m)^47\.91\t.*$", "0\t0\t0\t0\t0\t0\t0\t", sample_text)
    quiet = read(zeros.encode(), "wanli.txt", department="900")
    assert not any("注释称本表为空表" in w.text for w in quiet.report.warnings)
    assert ingest_write(quiet).three_public_lines.count() == 0  # zeros: no lines, never zero lines


def test_a_code_an_earlier_document_brought_is_still_told(db, sample_text):
    ClassificationCode.objects.filter(year=2024, scheme="economic", code="30102").delete()
    write_sample(sample_text).delete()
    again = read(sample_text.encode(), "wanli-2.txt", department="900")
    told = "科目 30102 津贴补贴 不在2024年部门预算支出经济分类中：沿用此前“shanghai-putuo-wanli-2024-budget.txt”所列"
    assert told in again.data.warnings and again.data.codes == []


def unit_budget(text: str) -> str:
    """The sample as the same template's 单位预算 reads: 单位 titles, 编制单位 and 预算单位 lines, no 机构设置 list."""
    text = text.replace("区级部门预算", "区级单位预算").replace("预算主管部门：", "预算单位：")
    text = text.replace("编制部门：", "编制单位：").replace("年部门", "年单位").replace("\n部门“三公”", "\n单位“三公”")
    return re.sub(r"(?m)^[ \t]*\d\.[ \t]*上海市普陀区[^\n]*$", "", text)


def test_a_unit_budget_of_the_template_reads_alike(db, sample_text):
    budget = write_sample(unit_budget(sample_text))
    assert budget.department.name == "上海市普陀区人民政府万里街道办事处"
    assert list(budget.units.values_list("name", flat=True)) == ["上海市普陀区人民政府万里街道办事处"]
    rows = printed_rows(unit_budget(sample_text), "单位支出预算总表")
    lines = FunctionLine.objects.filter(budget=budget)
    for code, (total, basic, project) in rows.items():
        mine = lines.filter(code__code__startswith=code)
        stored = (
            mine.total(),
            mine.filter(nature__in=BASIC_NATURES).total(),
            mine.filter(nature=Nature.PROJECT).total(),
        )
        assert stored == (total, basic, project), code
    assert budget.three_public_lines.count() == 3 and budget.running_cost


@pytest.mark.parametrize(
    ("slug", "title", "keys"),
    [
        ("expenditure", "部门支出预算总表", ("total", "basic", "project")),
        ("general-public", "部门一般公共预算支出功能分类预算表", ("total", "basic", "project")),
        ("general-public-basic", "一般公共预算基本支出部门预算经济分类预算表", ("total", "personnel", "public")),
    ],
)
def test_every_printed_row_reads_back_through_the_api(db, client, sample_text, slug, title, keys):
    budget = write_sample(sample_text)
    budget.status = "published"
    budget.save()
    answer = client.get(f"/api/budgets/{budget.department.url_key}/2024/tables/{slug}/").json()
    served = {row["code"]: [Decimal(row["cells"][key] or "0") for key in keys] for row in answer["rows"]}
    printed = printed_rows(sample_text, title)
    assert len(printed) > 30
    for code, figures in printed.items():
        assert served[code] == figures, (slug, code)
    assert set(served) == set(printed)  # no row the document does not print
