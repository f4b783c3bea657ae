"""Reads of values cards, with the information boundary in one place."""

from django.db.models import QuerySet

from ..models import Participant, Question, ValuesCard


def cards_of(participant: Participant) -> QuerySet[ValuesCard]:
    return participant.cards.select_related("question", "canonical_value").order_by("-created_at")


def has_submitted(participant: Participant, question: Question) -> bool:
    return participant.cards.filter(question=question, status=ValuesCard.Status.SUBMITTED).exists()


def others_cards_visible(participant: Participant, question: Question) -> bool:
    """A participant sees others' cards for a question only after submitting their own
    (unless the deliberation turns this boundary off)."""
    if not participant.deliberation.setting("others_cards_visible_after_submit"):
        return True
    return has_submitted(participant, question)


def others_cards(participant: Participant, question: Question) -> QuerySet[ValuesCard]:
    if not others_cards_visible(participant, question):
        return ValuesCard.objects.none()
    return (
        ValuesCard.objects.filter(
            question=question, status=ValuesCard.Status.SUBMITTED, hidden=False
        )
        .exclude(author=participant)
        .exclude(author__status=Participant.Status.BANNED)
        .order_by("-submitted_at")
    )
