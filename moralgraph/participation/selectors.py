"""Reads about who takes part."""

from ..models import Deliberation, Participant


def participant_for(user, deliberation: Deliberation) -> Participant | None:
    if user is None or not user.is_authenticated:
        return None
    return Participant.objects.filter(user=user, deliberation=deliberation).first()


def has_voted(participant: Participant) -> bool:
    return participant.votes.exists()
