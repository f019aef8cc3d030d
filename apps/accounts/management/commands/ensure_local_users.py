import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand

from apps.accounts.models import EDITORS, REVIEWERS, DepartmentMember
from apps.reference.models import Department

# user name → (role, department code for an editor)
DEMO_USERS = {
    "admin": ("超级用户", None),
    "editor": (EDITORS, "205"),
    "reviewer": (REVIEWERS, None),
}


class Command(BaseCommand):
    help = "On the embedded SQLite database, create a superuser and one demo user per role; print each password once."

    def handle(self, *args, **options) -> None:
        if not settings.EMBEDDED_DATABASE:
            self.stdout.write("DATABASE_URL is set: no local users are created.")
            return
        User = get_user_model()
        for username, (role, department) in DEMO_USERS.items():
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"{role} '{username}' exists (its password was printed when it was created).")
                continue
            password = secrets.token_urlsafe(12)
            if role == "超级用户":
                User.objects.create_superuser(username, email="", password=password)
            else:
                user = User.objects.create_user(username, password=password, is_staff=True)
                user.groups.add(Group.objects.get(name=role))
                if department:
                    DepartmentMember.objects.create(user=user, department=Department.objects.get(code=department))
            where = f"，部门 {department}" if department else ""
            self.stdout.write(self.style.SUCCESS(f"{role}{where}: user name '{username}', password '{password}'"))
