"""Flags: content a moderator should look at."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce

from .cards import CanonicalValue, ValuesCard
from .deliberations import Deliberation
from .hypotheses import EdgeHypothesis
from .participation import Participant
from .votes import WiserVote

# Flags name exactly one target; the column is the kind of content flagged.

FLAG_TARGET_FIELDS = ("card", "canonical_value", "hypothesis", "vote", "participant")


def _exactly_one_of(fields: tuple[str, ...]) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{other}__isnull": other != name for other in fields})
    return condition


class Flag(models.Model):
    """Something a moderator should look at: a card, value, story, vote comment or participant."""

    class Source(models.TextChoices):
        CARD_CHECK = "card_check", "Card checks"
        PII = "pii", "Personal data"
        LLM = "llm", "LLM moderation"
        REPORT = "report", "Reported by a participant"
        MODERATOR = "moderator", "Moderator"

    class Status(models.TextChoices):
        OPEN = "open"
        RESOLVED = "resolved"

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="flags")
    card = models.ForeignKey(
        ValuesCard, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    canonical_value = models.ForeignKey(
        CanonicalValue, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    hypothesis = models.ForeignKey(
        EdgeHypothesis, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    # A vote is flagged for its comment, never for the judgement itself.
    vote = models.ForeignKey(
        WiserVote, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    reason = models.TextField()
    # Machine-readable grounds: card-check codes, personal-data spans, the LLM's categories.
    details = models.JSONField(default=dict, blank=True)
    reporter = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports_made"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.CharField(
        max_length=32, blank=True, help_text='What resolved it, e.g. "hide".'
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("deliberation", "status", "created_at"), name="flag_queue_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_of(FLAG_TARGET_FIELDS), name="flag_exactly_one_target"
            ),
            models.CheckConstraint(
                condition=Q(source__in=["card_check", "pii", "llm", "report", "moderator"]),
                name="flag_source_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="open", resolved_at__isnull=True)
                | Q(status="resolved", resolved_at__isnull=False),
                name="flag_resolved_has_time",
            ),
            models.CheckConstraint(
                condition=Q(reporter__isnull=True) | Q(source="report"),
                name="flag_reporter_only_on_reports",
            ),
            # One open flag per source and target (and reporter: two people may report one card).
            # Coalesce: NULLs are distinct in unique indexes, and all but one target are NULL.
            models.UniqueConstraint(
                "source",
                *(Coalesce(name, Value(0)) for name in (*FLAG_TARGET_FIELDS, "reporter")),
                condition=Q(status="open"),
                name="flag_open_once_per_source_and_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} flag on {self.target_kind} {self.target_id} ({self.status})"

    @property
    def target_kind(self) -> str:
        return next(name for name in FLAG_TARGET_FIELDS if getattr(self, f"{name}_id") is not None)

    @property
    def target_id(self) -> int:
        return getattr(self, f"{self.target_kind}_id")

    @property
    def target(self):
        return getattr(self, self.target_kind)


class LLMModerationCheck(models.Model):
    """That the LLM has looked at a target (whatever it said): the sweep re-enqueues content
    that has none, so a worker's death never leaves new content unchecked."""

    kind = models.CharField(max_length=20)  # moralgraph.moderation.targets.KINDS
    target_id = models.BigIntegerField()
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("kind", "target_id"), name="llm_check_once_per_target")
        ]

    def __str__(self) -> str:
        return f"LLM checked {self.kind} {self.target_id}"
