"""Reads about who takes part."""

from ..models import Deliberation, Participant


def participant_for(user, deliberation: Deliberation) -> Participant | None:
    if user is None or not user.is_authenticated:
        return None
    participant = Participant.objects.filter(user=user, deliberation=deliberation).first()
    if participant is not None:
        participant.deliberation = deliberation  # the row in hand: no second read of it
    return participant


def participant_in(user, slug: str) -> Participant | None:
    """`user`'s participation in the deliberation `slug`, read with the deliberation (one query)."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Participant.objects.select_related("deliberation")
        .filter(user=user, deliberation__slug=slug)
        .first()
    )


def has_voted(participant: Participant) -> bool:
    return participant.votes.exists()
