"""People taking part in a deliberation, under a pseudonym."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .deliberations import Deliberation


class Participant(models.Model):
    """A user taking part in one deliberation under a pseudonym, after giving consent."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        BANNED = "banned"  # votes stay stored for audit but stop counting

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participations"
    )
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="participants"
    )
    pseudonym = models.CharField(max_length=64)
    consented_at = models.DateTimeField()
    # Optional, self-reported; exported only aggregated over groups of at least 5.
    attributes = models.JSONField(default=dict, blank=True)
    group_labels = models.JSONField(default=list, blank=True)
    # A recruitment panel's parameters from the invite link (e.g. PROLIFIC_PID): to pay and
    # match participants, never exported (`participation.panels`).
    panel_params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("deliberation", "joined_at")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "deliberation"), name="participant_once_per_deliberation"
            ),
            models.UniqueConstraint(
                fields=("deliberation", "pseudonym"), name="participant_unique_pseudonym"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "banned"]), name="participant_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym
