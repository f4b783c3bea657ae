"""API conventions shared by every app: JSON errors with a stable code and a human message."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Every error is `{"error": {"code", "message", "fields"?}}`; services' Django errors map too."""
    if isinstance(exc, DjangoValidationError):
        fields = getattr(exc, "message_dict", None)
        exc = exceptions.ValidationError(fields or {"non_field_errors": exc.messages})
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, TooManyFieldsSent | RequestDataTooBig | SuspiciousOperation):
        # Django's limits on a body (fields, size): the API's JSON 400, not the HTML page.
        exc = exceptions.ParseError(str(exc) or "The request body is not acceptable.")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    body = {"code": _code(exc), "message": _message(exc, detail)}
    if isinstance(exc, exceptions.ValidationError) and isinstance(detail, dict):
        body["fields"] = detail
    response.data = {"error": body}
    return response


def _code(exc) -> str:
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    if isinstance(codes, str):
        return codes
    return getattr(exc, "default_code", "error")


def _message(exc, detail) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "The request has invalid fields: " + "; ".join(_flatten(detail))
    if isinstance(detail, dict) and "detail" in detail:
        return str(detail["detail"])
    return str(detail)


def _flatten(detail, prefix="") -> list[str]:
    if isinstance(detail, dict):
        return [
            m
            for key, value in detail.items()
            for m in _flatten(value, f"{key}: " if key != "non_field_errors" else "")
        ]
    if isinstance(detail, list):
        return [m for item in detail for m in _flatten(item, prefix)]
    return [f"{prefix}{detail}"]


def error_response(code: str, message: str, http_status=status.HTTP_400_BAD_REQUEST) -> Response:
    return Response({"error": {"code": code, "message": message}}, status=http_status)


# --- the schema: errors are part of every operation's contract ---------------------------------


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='Stable: "invalid", "not_found", "permission_denied", …')
    message = serializers.CharField(help_text="For people.")
    fields = serializers.DictField(required=False, help_text="invalid: the problems, by field.")


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


ERRORS = {
    400: "The request has invalid fields or parameters (see error.fields).",
    401: "The API key is missing where one is needed, malformed, unknown, revoked or expired.",
    403: "Not allowed for this caller, or the key lacks the scope or is for another deliberation.",
    404: "No such object, or not visible to the caller.",
    415: "The body's Content-Type is not one this operation reads (JSON, or form data).",
    429: "Too many requests; retry after the Retry-After header's seconds.",
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the error envelope for every error an operation can answer
    with, and optional authentication where anonymous callers are welcome."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        places = {parameter["in"] for parameter in operation.get("parameters", [])}
        # A bad key is refused everywhere; scopes and throttles apply everywhere.
        codes = {401, 403, 429}
        if "requestBody" in operation or "query" in places:
            codes.add(400)
        if "requestBody" in operation:
            codes.add(415)
        if "path" in places:
            codes.add(404)
        for code in sorted(codes):
            error = OpenApiResponse(ErrorSerializer, ERRORS[code])
            response = self._get_response_for_code(error, str(code))
            operation["responses"].setdefault(str(code), response)
        return operation

    def get_auth(self):
        auths = super().get_auth()
        required = (isinstance(p, permissions.IsAuthenticated) for p in self.view.get_permissions())
        public = not any(required)
        if public and {} not in auths:
            auths.append({})
        return auths
