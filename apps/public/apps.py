from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "apps.public"
    verbose_name = "公开网站"
