"""Finance staff upload a disclosure in the admin, see what was read and proved, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.budgets.models import Budget

from .small import PERFORMANCE, disclosure

INGEST = "/admin/budgets/budget/ingest/"
pytestmark = pytest.mark.urls("apps.ingest.tests.admin_urls")


def upload(client, content: bytes, name: str = "small.txt", **options):
    return client.post(INGEST, {"file": SimpleUploadedFile(name, content), **options})


def test_the_upload_page(admin_client):
    page = admin_client.get(INGEST).content.decode()
    assert "公开文件（.pdf、.xlsx 或 .txt）" in page and "项目的功能科目" in page and "行政区划" in page


def test_preview_then_confirm_writes_a_draft(admin_client):
    page = upload(admin_client, disclosure()).content.decode()
    assert "新建：测试局 2021年预算" in page and "尚未写入任何数据" in page
    assert "找到的表（8 张）" in page and "第1页第" in page
    assert "表内勾稽" in page and "0 项不符" in page and "读入的表" in page
    assert not Budget.objects.filter(department__code="901").exists()

    token = page.split(INGEST)[1].split("/")[0]
    response = admin_client.post(f"{INGEST}{token}/")
    budget = Budget.objects.get(department__code="901")
    assert response.url == f"/admin/budgets/budget/{budget.pk}/change/"
    assert budget.status == "draft"
    assert admin_client.post(f"{INGEST}{token}/").status_code == 404  # a token serves once


def test_problems_are_shown_with_page_and_line_and_nothing_is_written(admin_client):
    broken = disclosure(performance=PERFORMANCE.replace("\t60\n", "\t50\n"))
    page = upload(admin_client, broken).content.decode()
    assert "公开文件有 1 处问题，没有写入任何数据" in page
    assert "绩效指标权重合计不是 100" in page and "找到的表" in page
    assert not Budget.objects.filter(department__code="901").exists()


def test_a_file_that_is_no_pdf_is_one_clear_problem(admin_client):
    page = upload(admin_client, b"%PDF-1.4 broken", "scan.pdf").content.decode()
    assert "无法作为 PDF 打开" in page


def test_the_seed_preview_shows_the_fix_and_the_narrative_difference(admin_client, seed_budget):
    seed_budget.delete()
    with open("fixtures/disclosure_205_2021.txt", "rb") as file:
        page = upload(admin_client, file.read(), "disclosure_205_2021.txt", department="205").content.decode()
    assert "新建：绍兴市信访局 2021年预算" in page
    assert "修正" in page and "督查次数" in page and "积案化解专班专项经费 70→100" in page
    assert "47.38 万元" in page and "473,856.00 元 = 47.39 万元" in page


def test_a_workbook_of_the_sample_tables_previews_its_warnings_then_confirms(admin_client, sample_text):
    from .official_workbook import official_workbook

    content = official_workbook(sample_text)
    page = upload(
        admin_client, content, "wanli.xlsx", department="900", government="上海市普陀区", government_level="区级"
    )
    page = page.content.decode()
    assert "新建：上海市普陀区人民政府万里街道办事处 2024年预算" in page
    assert "提示（" in page and "注释称本表为空表" in page
    assert not Budget.objects.filter(year=2024).exists()

    token = page.split(INGEST)[1].split("/")[0]
    admin_client.post(f"{INGEST}{token}/")
    budget = Budget.objects.get(year=2024)
    assert budget.status == "draft" and budget.department.government.name == "上海市普陀区"
    assert budget.functionlines.filter(nature="basic").exists()
