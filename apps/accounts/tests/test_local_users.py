from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest


def run() -> str:
    out = StringIO()
    call_command("ensure_local_users", stdout=out)
    return out.getvalue()


def passwords(output: str) -> dict[str, str]:
    return {
        line.split("user name '")[1].split("'")[0]: line.split("password '")[1].split("'")[0]
        for line in output.splitlines()
        if "password '" in line
    }


def test_one_user_per_role_with_a_password_printed_once(db, client, settings):
    settings.EMBEDDED_DATABASE = True
    printed = passwords(run())
    assert printed.keys() == {"admin", "editor", "reviewer"}
    for username, password in printed.items():
        assert client.login(request=HttpRequest(), username=username, password=password)  # axes wants the request
    assert passwords(run()) == {}
    editor = get_user_model().objects.get(username="editor")
    assert [g.name for g in editor.groups.all()] == ["部门填报员"] and editor.memberships.get().department.code == "205"


def test_never_on_an_external_database(db, settings):
    settings.EMBEDDED_DATABASE = False
    assert "no local users" in run()
    assert not get_user_model().objects.exists()
