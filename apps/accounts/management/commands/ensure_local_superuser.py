import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "On the embedded SQLite database, create a local superuser and print its password once."

    def handle(self, *args, **options) -> None:
        if not settings.EMBEDDED_DATABASE:
            self.stdout.write("DATABASE_URL is set: no local superuser is created.")
            return
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Local superuser '{USERNAME}' exists (its password was printed when it was created).")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Local superuser created: user name '{USERNAME}', password '{password}'"))
