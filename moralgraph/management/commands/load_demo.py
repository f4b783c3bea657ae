"""Create the demo deliberation and demo accounts (admin, moderator, participant); safe to rerun."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from mgplatform.accounts.roles import moderators_group
from moralgraph.demo.loader import load_demo
from moralgraph.models import Participant
from moralgraph.participation import services
from moralgraph.snapshots.selectors import snapshot_latest
from moralgraph.snapshots.services import snapshot_create

LOGINS_FILE = "demo-logins.txt"


class Command(BaseCommand):
    help = "Load the demo deliberation and demo accounts; prints their logins. Idempotent."

    def add_arguments(self, parser):
        # `make demo PORT=…` passes its port, so the printed invite link is the one that works.
        port = os.environ.get("PORT", "8000")
        parser.add_argument("--base-url", default=f"http://127.0.0.1:{port}")

    @transaction.atomic
    def handle(self, *args, base_url, **options):
        passwords = self._stored_passwords()
        admin = self._account("admin", passwords, is_staff=True, is_superuser=True)
        moderator = self._account("moderator", passwords)
        moderator.groups.add(moderators_group())
        participant_user = self._account("participant", passwords)
        result = load_demo(owner=admin)
        deliberation = result.deliberation
        if not Participant.objects.filter(
            user=participant_user, deliberation=deliberation
        ).exists():
            services.participant_join(
                deliberation=deliberation,
                invite_token=deliberation.invite_token,
                user=participant_user,
                consent=True,
            )
        if snapshot_latest(deliberation, mode="default") is None:
            snapshot_create(deliberation=deliberation, mode="default", created_by=admin)
        self._store_passwords(passwords)
        join_url = base_url + reverse(
            "moralgraph:join", args=[deliberation.slug, deliberation.invite_token]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo deliberation “{deliberation.title}”: {result.participants} participants, "
                f"{result.cards} values cards, {result.votes} wiser-than votes."
            )
        )
        self.stdout.write(f"Demo logins (also in {settings.VAR_DIR / LOGINS_FILE}):")
        for name in ("admin", "moderator", "participant"):
            self.stdout.write(f"  {name:<12} password: {passwords[name]}")
        self.stdout.write(f"Invite link for new participants: {join_url}")

    def _account(self, username, passwords, **flags):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults=flags)
        if created or username not in passwords:
            passwords[username] = secrets.token_urlsafe(9)
            user.set_password(passwords[username])
            user.save()
        return user

    def _stored_passwords(self) -> dict:
        path = settings.VAR_DIR / LOGINS_FILE
        if not path.exists():
            return {}
        pairs = (line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)
        return {name: password for name, password in pairs}

    def _store_passwords(self, passwords: dict) -> None:
        path = settings.VAR_DIR / LOGINS_FILE
        path.write_text("".join(f"{n} {p}\n" for n, p in passwords.items()))
        path.chmod(0o600)
