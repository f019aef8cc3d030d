from django.apps import AppConfig


class WorkbooksConfig(AppConfig):
    name = "apps.workbooks"
    verbose_name = "Excel 导入导出"
