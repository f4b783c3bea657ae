"""API throttling per key, per signed-in user and per anonymous client, in the shared cache.

Anonymous clients are told apart by `clients.client_ip`: `X-Forwarded-For` counts only when
the request comes from a configured proxy (TRUSTED_PROXIES), so rotating it lifts nothing.
"""

import logging

from rest_framework.throttling import AnonRateThrottle as DRFAnonRateThrottle
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from .accounts.apikeys import request_key
from .clients import client_ip

logger = logging.getLogger(__name__)


class TrustedIdentMixin:
    """Clients by `client_ip`; and when the shared cache (Redis) is down, requests are let
    through and logged: an outage of the counters must not take the API down with it."""

    def get_ident(self, request):
        return client_ip(request.META)

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # redis.ConnectionError and kin: any cache backend's own
            logger.warning("throttle cache unavailable, allowing the request: %r", exc)
            return True


class AnonRateThrottle(TrustedIdentMixin, DRFAnonRateThrottle):
    """Nobody signed in: per client address."""


class ApiKeyRateThrottle(TrustedIdentMixin, SimpleRateThrottle):
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
