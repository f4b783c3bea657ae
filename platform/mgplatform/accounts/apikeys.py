"""API keys for labs and agents: shown once, stored as a SHA-256 hash, scoped, expiring, revocable.

A key reads `mgp_<prefix>_<secret>`: the prefix finds the row, the secret (256 random bits)
is compared by hash in constant time. A fast hash is right here — unlike passwords, the
secret is random and long, so there is nothing to brute-force.
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from .models import ApiKey

KEY_PREFIX = "mgp"
LAST_USED_RESOLUTION = timedelta(minutes=1)  # don't write on every request


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


# Apps above the platform say which deliberations a key may be limited to (the platform knows no
# deliberations): each check takes (owner, slug) and returns why not, or None.
_deliberation_checks = []


def register_key_deliberation_check(check) -> None:
    if check not in _deliberation_checks:
        _deliberation_checks.append(check)


def api_key_create(
    *,
    owner,
    name: str,
    scopes: list[str],
    expires_at=None,
    deliberation_slug: str = "",
    created_by=None,
) -> tuple[ApiKey, str]:
    """Create a key; the plaintext is returned once and never stored."""
    unknown = set(scopes) - set(ApiKey.SCOPES)
    if unknown or not scopes:
        raise ValidationError({"scopes": f"Choose scopes among: {', '.join(ApiKey.SCOPES)}."})
    if not name.strip():
        raise ValidationError({"name": "Name the key after who or what uses it."})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    for check in _deliberation_checks if deliberation_slug else ():
        refusal = check(owner, deliberation_slug)
        if refusal:
            raise ValidationError({"deliberation_slug": refusal})
    prefix, secret = secrets.token_hex(4), secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        owner=owner,
        name=name.strip(),
        prefix=prefix,
        key_hash=_hash(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        deliberation_slug=deliberation_slug,
        created_by=created_by or owner,
    )
    return key, f"{KEY_PREFIX}_{prefix}_{secret}"


def api_key_revoke(key: ApiKey, *, by) -> ApiKey:
    if not (by.is_staff or key.owner_id == by.pk or key.created_by_id == by.pk):
        raise PermissionDenied("Only the key's owner, its creator or staff can revoke it.")
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def api_key_check(plaintext: str) -> ApiKey:
    """The active key for a plaintext, or AuthenticationFailed saying why (never which part)."""
    try:
        label, prefix, secret = plaintext.split("_", 2)
    except ValueError:
        raise exceptions.AuthenticationFailed("Malformed API key.") from None
    key = (
        ApiKey.objects.select_related("owner").filter(prefix=prefix).first()
        if label == KEY_PREFIX
        else None
    )
    if key is None or not secrets.compare_digest(key.key_hash, _hash(secret)):
        raise exceptions.AuthenticationFailed("Invalid API key.")
    if key.revoked_at is not None:
        raise exceptions.AuthenticationFailed("This API key has been revoked.")
    if key.expires_at is not None and key.expires_at <= timezone.now():
        raise exceptions.AuthenticationFailed("This API key has expired.")
    if not key.owner.is_active:
        raise exceptions.AuthenticationFailed("This API key's account is inactive.")
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer mgp_…` → (the key's owner, the key)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the key as: Authorization: Bearer <key>.")
        key = api_key_check(header[1])
        return key.owner, key

    def authenticate_header(self, request):
        return self.keyword


def request_key(request) -> ApiKey | None:
    return request.auth if isinstance(request.auth, ApiKey) else None


def key_allows(request, scope: str, deliberation_slug: str | None = None) -> bool:
    """Sessions are not limited by scopes; a key must carry the scope (and fit its deliberation)."""
    key = request_key(request)
    if key is None:
        return True
    if scope not in key.scopes:
        return False
    return not (
        deliberation_slug and key.deliberation_slug and key.deliberation_slug != deliberation_slug
    )


def require_scope(scope: str):
    """A DRF permission class: requests authenticated by key need `scope`."""

    class ScopePermission(permissions.BasePermission):
        message = f"This API key lacks the scope '{scope}'."

        def has_permission(self, request, view):
            return key_allows(request, scope, view.kwargs.get("slug"))

    ScopePermission.__name__ = f"RequiresScope_{scope.replace(':', '_')}"
    return ScopePermission


class ApiKeySchema(OpenApiAuthenticationExtension):
    """Documents the bearer key in the OpenAPI schema (and the docs' Authorize button)."""

    target_class = ApiKeyAuthentication
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "mgp_<prefix>_<secret>"}
