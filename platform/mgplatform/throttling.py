"""API throttling per key, per signed-in user and per anonymous client, in the shared cache.

Anonymous clients are told apart by `clients.client_ip`: `X-Forwarded-For` counts only when
the request comes from a configured proxy (TRUSTED_PROXIES), so rotating it lifts nothing.
"""

from rest_framework.throttling import AnonRateThrottle as DRFAnonRateThrottle
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from .accounts.apikeys import request_key
from .clients import client_ip


class TrustedIdentMixin:
    def get_ident(self, request):
        return client_ip(request.META)


class AnonRateThrottle(TrustedIdentMixin, DRFAnonRateThrottle):
    """Nobody signed in: per client address."""


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "api_key"

    def get_cache_key(self, request, view):
        key = request_key(request)
        return (
            None if key is None else self.cache_format % {"scope": self.scope, "ident": key.prefix}
        )


class SessionUserRateThrottle(TrustedIdentMixin, UserRateThrottle):
    """Signed-in browser sessions (requests with a key are throttled per key instead)."""

    def get_cache_key(self, request, view):
        return None if request_key(request) else super().get_cache_key(request, view)


__all__ = ["AnonRateThrottle", "ApiKeyRateThrottle", "SessionUserRateThrottle"]
