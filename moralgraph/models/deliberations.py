"""Deliberations and what they ask: contexts (situations) and questions."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q


def new_invite_token() -> str:
    return secrets.token_urlsafe(16)


class Deliberation(models.Model):
    """One consultation: its questions, its participants and the graph they make."""

    class Status(models.TextChoices):
        DRAFT = "draft"
        OPEN = "open"
        CLOSED = "closed"

    class Results(models.TextChoices):
        """Who sees the graph, its snapshots and exports (`access.results_access`)."""

        PUBLIC = "public", "Anyone, also without signing in"
        PARTICIPANTS = "participants", "Participants, once they have submitted a card"
        ORGANISERS = "organisers", "Organisers, moderators and staff only"

    slug = models.SlugField(max_length=64, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_deliberations"
    )
    # Whoever holds the token may join (after consent); rotating it closes old links.
    invite_token = models.CharField(max_length=64, unique=True, default=new_invite_token)
    consent_text = models.TextField(
        blank=True,
        help_text="Shown before joining. Empty: the platform's standard consent text.",
    )
    results_visibility = models.CharField(
        max_length=12, choices=Results.choices, default=Results.PARTICIPANTS
    )
    # Co-organisers the owner added: they run the deliberation as the owner does.
    co_organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_organised_deliberations"
    )
    # One voting session: this many stories per question, at most this share about one's own values.
    session_size = models.PositiveSmallIntegerField(default=6)
    session_own_share = models.FloatField(default=1 / 3)
    # Automatic snapshots every N minutes while new votes arrive (0: off); see snapshots.schedule.
    snapshot_every_minutes = models.PositiveIntegerField(default=10)
    # Per-deliberation switches, e.g. {"show_others_cards": "after_submit"}; see DEFAULT_SETTINGS.
    settings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    DEFAULT_SETTINGS = {
        # A participant sees others' cards for a question only after submitting their own.
        "others_cards_visible_after_submit": True,
        # With results for participants: also ask for a vote (not only a card) before the graph.
        "graph_visible_after_voting": False,
    }

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "open", "closed"]),
                name="deliberation_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(results_visibility__in=["public", "participants", "organisers"]),
                name="deliberation_results_visibility_valid",
            ),
            models.CheckConstraint(
                condition=Q(session_size__gte=1, session_size__lte=50),
                name="deliberation_session_size_range",
            ),
            models.CheckConstraint(
                condition=Q(session_own_share__gte=0, session_own_share__lte=1),
                name="deliberation_session_own_share_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def setting(self, name: str):
        return {**self.DEFAULT_SETTINGS, **(self.settings or {})}[name]


class Context(models.Model):
    """A situation in which values are weighed, e.g. "When the user is in distress"."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="contexts"
    )
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(fields=("deliberation", "name"), name="context_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    """A prompt an AI might receive, on which participants articulate their values."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="questions"
    )
    slug = models.SlugField(max_length=64)
    prompt = models.TextField()
    position = models.PositiveIntegerField(default=0)
    contexts = models.ManyToManyField(Context, related_name="questions", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("deliberation", "position", "id")
        constraints = [
            models.UniqueConstraint(fields=("deliberation", "slug"), name="question_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.prompt[:80]
