from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command


def run() -> str:
    out = StringIO()
    call_command("ensure_local_superuser", stdout=out)
    return out.getvalue()


def test_prints_a_password_once_and_it_works(db, client, settings):
    settings.EMBEDDED_DATABASE = True
    first = run()
    password = first.split("password '")[1].split("'")[0]
    assert "user name 'admin'" in first and len(password) >= 12
    assert client.login(username="admin", password=password)
    assert "password" not in run().split("(")[0]  # the second run names no password
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_never_on_an_external_database(db, settings):
    settings.EMBEDDED_DATABASE = False
    assert "no local superuser" in run()
    assert not get_user_model().objects.exists()
