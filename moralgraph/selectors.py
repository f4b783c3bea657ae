"""Reads of the moral graph, shared by views, the API, commands and tasks."""

from django.db.models import QuerySet

from .models import Deliberation, Participant


def deliberations_open() -> QuerySet[Deliberation]:
    return Deliberation.objects.filter(status=Deliberation.Status.OPEN).order_by("title")


def deliberations_visible_to(user) -> QuerySet[Deliberation]:
    """Open deliberations for everyone; drafts and closed ones too for those taking part or owning."""
    qs = Deliberation.objects.filter(status=Deliberation.Status.OPEN)
    if user.is_authenticated:
        if user.is_staff:
            return Deliberation.objects.all()
        qs = (
            qs
            | Deliberation.objects.filter(owner=user)
            | Deliberation.objects.filter(participants__user=user)
        )
    return qs.distinct().order_by("title")


def participant_for(user, deliberation: Deliberation) -> Participant | None:
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(user=user, deliberation=deliberation).first()


def is_owner(user, deliberation: Deliberation) -> bool:
    return user.is_authenticated and (user.is_staff or deliberation.owner_id == user.pk)


def has_voted(participant: Participant) -> bool:
    return participant.votes.exists()
