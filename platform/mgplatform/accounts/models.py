"""The user model: pseudonymous by default (no email needed to take part)."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person or an agent using the platform; email is optional and never exported."""

    # Participants who join through an invite link get a generated username and no password.
    is_pseudonymous = models.BooleanField(
        default=False, help_text="Created from an invite link, without email or password."
    )

    class Meta:
        db_table = "accounts_user"

    @classmethod
    def new_pseudonymous_username(cls) -> str:
        return f"p-{secrets.token_hex(6)}"


class ApiKey(models.Model):
    """A scoped key for a lab's scripts or an agent; see accounts/apikeys.py for the format."""

    SCOPES = ("read:graphs", "write:deliberations", "participate", "run:jobs", "moderate")

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    # Empty: every deliberation the owner may act on; else only this one.
    deliberation_slug = models.SlugField(max_length=64, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "accounts_apikey"
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key_hash__regex=r"^[0-9a-f]{64}$"), name="apikey_hash_is_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )
