"""Create, list and revoke API keys from the command line (the key is printed once)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mgplatform.accounts.apikeys import api_key_create
from mgplatform.accounts.models import ApiKey


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--owner", required=True, help="username the key acts as")
        create.add_argument("--name", required=True)
        create.add_argument(
            "--scopes", required=True, help=f"comma-separated: {','.join(ApiKey.SCOPES)}"
        )
        create.add_argument(
            "--deliberation", default="", help="limit the key to one deliberation (slug)"
        )
        create.add_argument("--expires-days", type=int)
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_create(self, *, owner, name, scopes, deliberation, expires_days, **_):
        user = get_user_model().objects.filter(username=owner).first()
        if user is None:
            raise CommandError(f"no user {owner!r}")
        expires = timezone.now() + timedelta(days=expires_days) if expires_days else None
        try:
            key, plaintext = api_key_create(
                owner=user,
                name=name,
                scopes=scopes.split(","),
                expires_at=expires,
                deliberation_slug=deliberation,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stderr.write(
            f"Created key {key.prefix} for {owner} ({', '.join(key.scopes)}). It is shown once:"
        )
        self.stdout.write(plaintext)

    def handle_list(self, **_):
        for key in ApiKey.objects.select_related("owner"):
            state = "active" if key.is_active else ("revoked" if key.revoked_at else "expired")
            self.stdout.write(
                f"{key.prefix}  {state:<8} {key.owner.username:<20} {key.name}  [{', '.join(key.scopes)}]"
            )

    def handle_revoke(self, *, prefix, **_):
        updated = ApiKey.objects.filter(prefix=prefix, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        if not updated:
            raise CommandError(f"no active key with prefix {prefix!r}")
        self.stdout.write(f"Revoked {prefix}.")
