"""Sign-in with a throttle: too many failed attempts for one account name, or from one client,
and every further attempt is refused (429) for a while — the right password too."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache

from ..clients import client_ip

logger = logging.getLogger(__name__)


def _keys(request) -> list[tuple[str, int]]:
    username = (request.POST.get("username") or "").strip().lower()
    digest = hashlib.sha256(username.encode("utf-8", "replace")).hexdigest()[:32]
    return [
        (f"login-fail:user:{digest}", settings.LOGIN_ATTEMPTS_PER_USERNAME),
        (f"login-fail:ip:{client_ip(request.META)}", settings.LOGIN_ATTEMPTS_PER_CLIENT),
    ]


def _blocked(request) -> bool:
    try:
        return any((cache.get(key) or 0) >= limit for key, limit in _keys(request))
    except Exception as exc:  # the cache (Redis) is down: sign-in still works, logged
        logger.warning("sign-in throttle unavailable: %r", exc)
        return False


def _count_failure(request) -> None:
    try:
        _count(request)
    except Exception as exc:
        logger.warning("sign-in throttle unavailable: %r", exc)


def _count(request) -> None:
    for key, _ in _keys(request):
        if not cache.add(key, 1, timeout=settings.LOGIN_WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.add(key, 1, timeout=settings.LOGIN_WINDOW_SECONDS)


class ThrottledLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"

    def post(self, request, *args, **kwargs):
        if _blocked(request):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None, "Too many sign-in attempts. Please wait a few minutes and try again."
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(settings.LOGIN_WINDOW_SECONDS)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        _count_failure(self.request)
        return super().form_invalid(form)

    def form_valid(self, form):
        try:
            cache.delete(_keys(self.request)[0][0])  # the account's own count; the client's stays
        except Exception as exc:
            logger.warning("sign-in throttle unavailable: %r", exc)
        return super().form_valid(form)
