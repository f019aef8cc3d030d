from django.apps import AppConfig


class GeneratorConfig(AppConfig):
    name = "apps.generator"
    verbose_name = "演示数据生成"
