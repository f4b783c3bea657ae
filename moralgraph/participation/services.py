"""Joining a deliberation: invite links, consent, pseudonyms."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Deliberation, Participant

PSEUDONYM_ADJECTIVES = (
    "amber",
    "brave",
    "calm",
    "clear",
    "curious",
    "gentle",
    "kind",
    "lively",
    "patient",
    "quiet",
    "steady",
    "warm",
    "wise",
    "bright",
    "honest",
    "open",
)
PSEUDONYM_NOUNS = (
    "heron",
    "willow",
    "otter",
    "maple",
    "finch",
    "cedar",
    "lark",
    "river",
    "fern",
    "badger",
    "harbor",
    "meadow",
    "sparrow",
    "birch",
    "comet",
    "pebble",
)


def new_pseudonym() -> str:
    return (
        f"{secrets.choice(PSEUDONYM_ADJECTIVES)}-{secrets.choice(PSEUDONYM_NOUNS)}-"
        f"{secrets.randbelow(1000):03d}"
    )


def invite_token_matches(deliberation: Deliberation, token: str) -> bool:
    return secrets.compare_digest(deliberation.invite_token.encode(), (token or "").encode())


@transaction.atomic
def participant_join(
    *,
    deliberation: Deliberation,
    invite_token: str,
    user=None,
    consent: bool,
    attributes: dict | None = None,
    panel_params: dict | None = None,
) -> Participant:
    """Join a deliberation through its invite link, after consent.

    Anonymous visitors get a pseudonymous account (no email, no password). Joining twice
    returns the existing participation, so a double-submitted form creates nothing new.
    """
    if not invite_token_matches(deliberation, invite_token):
        raise PermissionDenied("This invite link is not valid.")
    if deliberation.status != Deliberation.Status.OPEN:
        raise ValidationError("This deliberation is not open for new participants.", code="closed")
    if not consent:
        raise ValidationError(
            "Please read and accept the consent statement to take part.", code="consent"
        )
    if user is not None and user.is_authenticated:
        existing = Participant.objects.filter(user=user, deliberation=deliberation).first()
        if existing:
            return existing
    else:
        User = get_user_model()
        user = User(username=User.new_pseudonymous_username(), is_pseudonymous=True)
        user.set_unusable_password()
        user.save()
    for _ in range(5):  # pseudonyms are random; retry the rare collision
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    user=user,
                    deliberation=deliberation,
                    pseudonym=new_pseudonym(),
                    consented_at=timezone.now(),
                    attributes=attributes or {},
                    panel_params=panel_params or {},
                )
        except IntegrityError:
            existing = Participant.objects.filter(user=user, deliberation=deliberation).first()
            if existing:  # a concurrent request joined first
                return existing
        else:
            if user.is_pseudonymous and not user.first_name:
                # The admin and the header greet people by name: theirs is the pseudonym.
                user.first_name = participant.pseudonym[:150]
                user.save(update_fields=["first_name"])
            return participant
    raise RuntimeError("Could not allocate a unique pseudonym")
