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
