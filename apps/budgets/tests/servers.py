"""Real app servers (gunicorn, as deployed) and nginx for tests that need more
than the test client: started on free ports of 127.0.0.1 (tests run in parallel
workers), against the test database, and stopped by their own process ids."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).with_name("gunicorn")
SECRET_KEY = uuid4().hex * 2  # one key for every app server, as in a deployment (sessions move between them)


def database_url() -> str:
    """The test database as a URL (what the app servers are told to use)."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # answering at all is up
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


LOGS = Path(os.environ.get("TMPDIR", "/tmp"))


@contextmanager
def running(command: list[str], url: str, env: dict | None = None):
    """The command's stderr goes to a file under /tmp named after its port, to read when a test fails."""
    log = open(LOGS / f"budgetsite-test-{url.split(':')[2].split('/')[0]}.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True
    )
    try:
        wait_for(url)
        yield process
    finally:
        process.terminate()  # this process only, by its id
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def app_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_REPLICA_URL")}
    return {
        **env,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WEB_CONCURRENCY": "1",
        **extra,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(**env: str):
    port = free_port()
    command = [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "budgetsite.wsgi"]
    with running(command, f"http://127.0.0.1:{port}/glossary/", app_env(BIND=f"127.0.0.1:{port}", **env)):
        yield f"http://127.0.0.1:{port}"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


@contextmanager
def nginx(app: str, run_dir: Path):
    """The repository's deploy/nginx.conf, its placeholders filled in."""
    port = free_port()
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    for placeholder, value in {
        "__RUN__": str(run_dir),
        "__APP__": app.removeprefix("http://"),
        "__LISTEN__": f"127.0.0.1:{port}",
        "__STATIC__": str(ROOT / "static"),
    }.items():
        conf = conf.replace(placeholder, value)
    (run_dir / "nginx.conf").write_text(conf)
    command = [nginx_binary(), "-c", str(run_dir / "nginx.conf"), "-e", str(run_dir / "error.log"), "-g", "daemon off;"]
    with running(command, f"http://127.0.0.1:{port}/static/js/charts.js"):
        yield f"http://127.0.0.1:{port}"


class Browser:
    """Cookies, CSRF and multipart forms over urllib: what a signed-in person's browser sends."""

    def __init__(self):
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")

    def get(self, url: str, headers: dict | None = None) -> tuple[int, str, dict]:
        return self.send(urllib.request.Request(url, headers=headers or {}))

    def post(self, url: str, fields: dict, files: dict | None = None) -> tuple[int, str, dict]:
        boundary = uuid4().hex
        body = b""
        for name, value in {**fields, "csrfmiddlewaretoken": self.csrf()}.items():
            body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, (filename, content) in (files or {}).items():
            body += (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n"
                ).encode()
                + content
                + b"\r\n"
            )
        body += f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": url}
        return self.send(urllib.request.Request(url, data=body, headers=headers))

    def send(self, request) -> tuple[int, str, dict]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
