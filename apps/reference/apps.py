from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "apps.reference"
    verbose_name = "基础资料"
