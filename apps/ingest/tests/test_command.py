"""python manage.py ingest_disclosure FILE [--department --year --dry-run --publish]."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.budgets.models import Budget

from .small import PERFORMANCE, THREE_PUBLIC, disclosure


def run(*args, err: StringIO | None = None) -> str:
    out = StringIO()
    call_command("ingest_disclosure", *map(str, args), stdout=out, stderr=err or StringIO())
    return out.getvalue()


@pytest.fixture
def small_file(tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(disclosure())
    return path


def test_dry_run_shows_the_preview_and_writes_nothing(db, small_file):
    out = run(small_file, "--dry-run")
    assert "新建：测试局 2021年预算" in out and "未写入（--dry-run）" in out
    assert "表 第1页第" in out and "2021年部门支出预算总表〔支出预算总表，单位 元，7 行〕已读入" in out
    assert not Budget.objects.filter(department__code="901").exists()


def test_write_then_publish_when_every_check_passes(db, small_file):
    out = run(small_file, "--publish")
    assert "已写入草稿：测试局 2021年预算" in out and "已公开：测试局 2021年预算" in out
    budget = Budget.objects.get(department__code="901")
    assert budget.status == "published" and budget.published_at is not None


def test_publish_is_refused_when_a_check_fails(db, tmp_path):
    path = (
        tmp_path / "small.txt"
    )  # 公务接待费 below its basic line 30217 (30,000.00): the tables agree, a check does not
    path.write_bytes(disclosure(three=THREE_PUBLIC.replace("30,000.00", "20,000.00")))
    with pytest.raises(CommandError, match="项校验不符，拒绝公开"):
        run(path, "--publish")
    assert Budget.objects.get(department__code="901").status == "draft"


def test_problems_are_listed_with_page_and_line_and_nothing_is_written(db, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(disclosure(performance=PERFORMANCE.replace("\t60\n", "\t50\n")))
    err = StringIO()
    with pytest.raises(CommandError, match="没有写入任何数据"):
        run(path, err=err)
    assert "第1页第" in err.getvalue() and "绩效指标权重合计不是 100" in err.getvalue()
    assert not Budget.objects.filter(department__code="901").exists()


def test_a_year_that_contradicts_the_text_is_a_problem(db, small_file):
    err = StringIO()
    with pytest.raises(CommandError):
        run(small_file, "--year", "2022", err=err)
    assert "与公开文本中的年度 2021 不符" in err.getvalue()


def test_the_seed_text_on_the_command_line(seed_budget, tmp_path):
    seed_budget.delete()
    out = run("fixtures/disclosure_205_2021.txt", "--department", "205", "--year", "2021")
    assert "已写入草稿：绍兴市信访局 2021年预算" in out
    assert "修正 第1页第468行" in out and "督查次数" in out
    assert "说明与表不一致" in out and "卫生健康支出：说明 47.38 万元，表 473,856.00 元 = 47.39 万元" in out
