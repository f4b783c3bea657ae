"""Upgrade hypotheses (stories of becoming wiser) and who was shown them."""

from django.db import models
from django.db.models import F, Q

from .cards import CanonicalValue
from .deliberations import Context, Deliberation
from .participation import Participant

STORY_MAX_LENGTH = 2000  # a story, told in a few paragraphs


class EdgeHypothesis(models.Model):
    """An upgrade hypothesis: a story of someone moving from one value to a wiser one in a context."""

    class Source(models.TextChoices):
        LLM = "llm", "LLM-generated"
        PARTICIPANT = "participant", "Written by a participant"
        SIDE_BY_SIDE = "side_by_side", "Two cards side by side"
        IMPORT = "import", "Import"
        DEMO = "demo", "Demo data"

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="hypotheses"
    )
    from_value = models.ForeignKey(CanonicalValue, on_delete=models.PROTECT, related_name="+")
    to_value = models.ForeignKey(CanonicalValue, on_delete=models.PROTECT, related_name="+")
    context = models.ForeignKey(Context, on_delete=models.PROTECT, related_name="hypotheses")
    story = models.TextField(blank=True, max_length=STORY_MAX_LENGTH)
    source = models.CharField(max_length=16, choices=Source.choices)
    author = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="hypotheses"
    )
    hidden = models.BooleanField(default=False, help_text="Hidden by a moderator.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "edge hypotheses"
        ordering = ("deliberation", "id")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_value=F("to_value")), name="hypothesis_not_self_loop"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_value_id} → {self.to_value_id} ({self.context})"


class HypothesisImpression(models.Model):
    """A participant was shown an upgrade hypothesis; balances which stories are shown next."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="impressions"
    )
    hypothesis = models.ForeignKey(
        EdgeHypothesis, on_delete=models.CASCADE, related_name="impressions"
    )
    shown_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=("hypothesis", "participant"))]

    def __str__(self) -> str:
        return f"{self.participant_id} saw {self.hypothesis_id}"


class VotingSession(models.Model):
    """A finite, balanced set of stories one participant judges for one question.

    Composed once (`hypotheses.sessions.session_compose`); over when each story is judged or
    gone. `hypothesis_ids` keeps the order the stories are shown in.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="voting_sessions"
    )
    question = models.ForeignKey(
        "moralgraph.Question", on_delete=models.CASCADE, related_name="voting_sessions"
    )
    hypothesis_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("participant", "question"),
                condition=Q(ended_at__isnull=True),
                name="voting_session_one_open_per_question",
            ),
        ]

    def __str__(self) -> str:
        return f"session {self.pk} of {self.participant_id} on {self.question_id}"
