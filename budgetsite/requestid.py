"""A request id on every log line: taken from the front's X-Request-ID (nginx
sets it) or made here, kept for the request's thread, and sent back in the
response so that a user's report can be matched to the log."""

import logging
import re
import uuid
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

CURRENT: ContextVar[str] = ContextVar("request_id", default="-")
ACCEPTED = re.compile(r"[0-9A-Za-z-]{8,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if ACCEPTED.fullmatch(given) else uuid.uuid4().hex
        token = CURRENT.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            CURRENT.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (the format in settings.LOGGING prints it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = CURRENT.get()
        return True
