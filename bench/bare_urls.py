import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import re_path

PAGE = Path(os.environ["BENCH_BARE_FILE"]).read_bytes()


def same_bytes(request, path: str = "") -> HttpResponse:
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"^(?P<path>.*)$", same_bytes)]
