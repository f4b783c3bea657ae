"""Wiser-than votes: a participant's judgement on one upgrade hypothesis."""

from django.db import models
from django.db.models import F, Q

from ..graph import votes as codes
from .cards import CanonicalValue
from .deliberations import Context, Deliberation
from .hypotheses import EdgeHypothesis
from .participation import Participant

COMMENT_MAX_LENGTH = 2000


class WiserVote(models.Model):
    """A participant's judgement: did moving from one value to another make the person wiser?"""

    class Choice(models.TextChoices):
        # The names come from the pure core, which codes them as 0, 1, 2.
        WISER = codes.CHOICE_NAMES[codes.WISER], "Yes, wiser"
        NOT_WISER = codes.CHOICE_NAMES[codes.NOT_WISER], "No"
        UNSURE = codes.CHOICE_NAMES[codes.UNSURE], "Not sure"

    # Denormalised from the participant so a snapshot reads one deliberation's votes by index.
    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="votes")
    from_value = models.ForeignKey(CanonicalValue, on_delete=models.PROTECT, related_name="+")
    to_value = models.ForeignKey(CanonicalValue, on_delete=models.PROTECT, related_name="+")
    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="votes")
    hypothesis = models.ForeignKey(
        EdgeHypothesis, on_delete=models.SET_NULL, null=True, blank=True, related_name="votes"
    )
    choice = models.CharField(max_length=10, choices=Choice.choices)
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    comment_hidden = models.BooleanField(default=False, help_text="Comment hidden by a moderator.")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=("deliberation", "created_at"))]
        constraints = [
            # One vote per participant per pair per context; voting again updates it.
            models.UniqueConstraint(
                fields=("participant", "from_value", "to_value", "context"),
                name="wiser_vote_once_per_pair_and_context",
            ),
            models.CheckConstraint(
                condition=~Q(from_value=F("to_value")), name="wiser_vote_not_self_loop"
            ),
            models.CheckConstraint(
                condition=Q(choice__in=list(codes.CHOICE_NAMES)),
                name="wiser_vote_choice_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.from_value_id} → {self.to_value_id} {self.choice}"
