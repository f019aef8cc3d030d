"""The API speaks only JSON, whatever the client's Accept header says (as before it used
REST framework). Its own module: REST framework imports it while it is itself loading."""

from rest_framework.negotiation import BaseContentNegotiation


class AlwaysJSON(BaseContentNegotiation):
    """The API speaks only JSON: a browser's Accept: text/html gets JSON too, never 406."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
