"""A request id on every log line: taken from the front's X-Request-ID (nginx
sets it) or made here, and sent back in the response so that a user's report
can be matched to the log.

The id is set when Django starts handling the request and cleared when the
response is finished (its request_started/request_finished signals), because
Django logs a 4xx/5xx answer after the middleware has returned."""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.http import HttpRequest, HttpResponse

NONE = "-"
CURRENT: ContextVar[str] = ContextVar("request_id", default=NONE)
ACCEPTED = re.compile(r"[0-9A-Za-z-]{8,64}")


def begin(sender, environ=None, **kwargs) -> None:
    given = (environ or {}).get("HTTP_X_REQUEST_ID", "")
    CURRENT.set(given if ACCEPTED.fullmatch(given) else uuid.uuid4().hex)


def end(sender, **kwargs) -> None:
    CURRENT.set(NONE)


request_started.connect(begin, dispatch_uid="budgetsite.requestid.begin")
request_finished.connect(end, dispatch_uid="budgetsite.requestid.end")


class RequestIdMiddleware:
    """Answers with the request's id (and makes one where no handler signalled the start)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if CURRENT.get() == NONE:
            begin(None, request.META)
        response = self.get_response(request)
        response["X-Request-ID"] = CURRENT.get()
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (the format in settings.LOGGING prints it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = CURRENT.get()
        return True
