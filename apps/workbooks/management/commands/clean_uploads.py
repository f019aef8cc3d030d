from django.core.management.base import BaseCommand

from apps.workbooks.uploads import delete_expired


class Command(BaseCommand):
    help = "删除超过 UPLOAD_KEEP_HOURS 仍未确认的导入上传（每次新上传时也会删除）。"

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"已删除 {delete_expired()} 个过期的上传。")
