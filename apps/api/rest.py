"""How Django REST framework answers for this API: every error as {"error": …},
and operation ids in its schema."""

from django.http import Http404
from drf_spectacular.openapi import AutoSchema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler


def json_errors(exc: Exception, context: dict) -> Response | None:
    """{"error": "…"} with the status REST framework chose; a 404 keeps its Chinese message."""
    if isinstance(exc, Http404):
        return Response({"error": str(exc) or "not found"}, status=404)
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        response.data = {"error": str(exc.detail)}
    return response


class Schema(AutoSchema):
    """Operation ids named after the view; 决算 and 调整预算 (the {phase} paths) share
    a view with the 预算 paths, so theirs say so."""

    def get_operation_id(self) -> str:
        name = self.view.__class__.__name__
        return f"{name}_of_phase" if "{phase}" in self.path else name
