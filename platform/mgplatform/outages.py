"""When a backing service is down for a moment (the database restarting, Redis stopped), a
request gets a clear 503 with Retry-After — JSON for the API, a short page elsewhere — never a
traceback; and what can do without the service (throttle counters) carries on."""

import contextlib
import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    """A lost or refused database connection is a 503 (the client may retry), and the broken
    connection is dropped so the next request opens a fresh one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if not isinstance(exc, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable for %s: %s", request.path, exc)
        for conn in connections.all(initialized_only=True):
            with contextlib.suppress(DatabaseError):
                conn.close()
        message = "The service is briefly unavailable; nothing was saved. Please try again."
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"error": {"code": "unavailable", "message": message}}, status=503
            )
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
