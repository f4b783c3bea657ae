"""Reads of values cards, with the information boundary in one place."""

from django.db.models import Q, QuerySet

from ..access import oversees
from ..models import CanonicalValue, Flag, Participant, Question, ValuesCard
from ..participation.selectors import participant_for


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


def values_shown_to(user, deliberation) -> QuerySet[CanonicalValue]:
    """The canonical values the API's value list serves `user`, who may see the results
    (`access.results_access`): visible, unmerged values; to those who do not oversee the
    deliberation, none with an open flag (until a moderator has looked), and to a participant
    who sees them as a participant only those of questions they answered (as others' cards)."""
    values = CanonicalValue.objects.filter(
        deliberation=deliberation, hidden=False, merged_into=None
    )
    if oversees(user, deliberation):
        return values.order_by("id")
    flagged_cards = Flag.objects.filter(status=Flag.Status.OPEN, card__isnull=False)
    values = values.exclude(
        pk__in=Flag.objects.filter(status=Flag.Status.OPEN, canonical_value__isnull=False).values(
            "canonical_value_id"
        )
    ).exclude(pk__in=flagged_cards.values("card__canonical_value_id"))
    participant = participant_for(user, deliberation)
    if (
        deliberation.results_visibility != deliberation.Results.PUBLIC
        and participant is not None
        and deliberation.setting("others_cards_visible_after_submit")
    ):
        answered = participant.cards.filter(status=ValuesCard.Status.SUBMITTED).values(
            "question_id"
        )
        values = values.filter(
            Q(cards__question_id__in=answered) | Q(cards__isnull=True)
        ).distinct()
    return values.order_by("id")
