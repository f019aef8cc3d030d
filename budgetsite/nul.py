"""No NUL character reaches a view through the query string.

PostgreSQL cannot hold or compare text containing NUL (SQLite can), so a `%00`
in a parameter the admin turns into a lookup (`?status__exact=%00`) would be a
server error on one database and an empty list on the other. NUL is never part
of a meaningful value: it is replaced by U+FFFD (as a decoder marks what it cannot
read) before any view reads the query, so both databases answer alike, and a value
that was only NUL stays a value that matches nothing (`?year=%00` is still a 404). (Forms already refuse NUL in what they save; path
segments are matched by converters that exclude it.)"""

from django.http import HttpRequest, QueryDict

MARK = "\ufffd"


class ReplaceNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.META.get("QUERY_STRING", ""):
            clean = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                clean.setlist(key.replace("\x00", MARK), [value.replace("\x00", MARK) for value in values])
            clean._mutable = False
            request.GET = clean
            request.META["QUERY_STRING"] = clean.urlencode()
        return self.get_response(request)
