"""Writes to the moral graph. Views, the API, admin actions, commands and tasks all call these."""

import secrets
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import CanonicalValue, Context, Deliberation, EdgeHypothesis, Participant, WiserVote
from .moderation.services import flags_for_new_content

PSEUDONYM_ADJECTIVES = (
    "amber", "brave", "calm", "clear", "curious", "gentle", "kind", "lively", "patient", "quiet",
    "steady", "warm", "wise", "bright", "honest", "open",
)  # fmt: skip
PSEUDONYM_NOUNS = (
    "heron", "willow", "otter", "maple", "finch", "cedar", "lark", "river", "fern", "badger",
    "harbor", "meadow", "sparrow", "birch", "comet", "pebble",
)  # fmt: skip


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
        raise ValidationError("Please read and accept the consent statement to take part.", code="consent")
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
                return Participant.objects.create(
                    user=user,
                    deliberation=deliberation,
                    pseudonym=new_pseudonym(),
                    consented_at=timezone.now(),
                    attributes=attributes or {},
                )
        except IntegrityError:
            existing = Participant.objects.filter(user=user, deliberation=deliberation).first()
            if existing:  # a concurrent request joined first
                return existing
    raise RuntimeError("Could not allocate a unique pseudonym")


@transaction.atomic
def vote_cast(
    *,
    participant: Participant,
    from_value: CanonicalValue,
    to_value: CanonicalValue,
    context: Context,
    choice: str,
    comment: str = "",
    hypothesis: EdgeHypothesis | None = None,
    at: datetime | None = None,
) -> WiserVote:
    """Record a wiser-than vote; voting again on the same pair in the same context updates it."""
    if participant.status != Participant.Status.ACTIVE:
        raise PermissionDenied("This participant may not vote.")
    deliberation_id = participant.deliberation_id
    if {from_value.deliberation_id, to_value.deliberation_id, context.deliberation_id} != {
        deliberation_id
    }:
        raise ValidationError("Values and context must belong to the participant's deliberation.")
    if from_value.pk == to_value.pk:
        raise ValidationError("A value cannot be wiser than itself.")
    if choice not in WiserVote.Choice.values:
        raise ValidationError(f"choice must be one of {', '.join(WiserVote.Choice.values)}.")
    vote, created = WiserVote.objects.select_for_update().get_or_create(
        participant=participant,
        from_value=from_value,
        to_value=to_value,
        context=context,
        defaults={
            "deliberation_id": deliberation_id,
            "choice": choice,
            "comment": comment,
            "hypothesis": hypothesis,
            "created_at": at or timezone.now(),
        },
    )
    if not created and (vote.choice, vote.comment) != (choice, comment):
        vote.choice, vote.comment = choice, comment
        vote.hypothesis = hypothesis or vote.hypothesis
        vote.save(update_fields=["choice", "comment", "hypothesis", "updated_at"])
    flags_for_new_content(vote)  # only a vote with a comment is looked at
    return vote
