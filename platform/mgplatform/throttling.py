"""API throttling per key, per signed-in user and per anonymous client, in the shared cache."""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from .accounts.apikeys import request_key


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "api_key"

    def get_cache_key(self, request, view):
        key = request_key(request)
        return (
            None if key is None else self.cache_format % {"scope": self.scope, "ident": key.prefix}
        )


class SessionUserRateThrottle(UserRateThrottle):
    """Signed-in browser sessions (requests with a key are throttled per key instead)."""

    def get_cache_key(self, request, view):
        return None if request_key(request) else super().get_cache_key(request, view)


__all__ = ["AnonRateThrottle", "ApiKeyRateThrottle", "SessionUserRateThrottle"]
