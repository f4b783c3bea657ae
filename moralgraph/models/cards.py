"""Values cards, the drafts that lead to them, and the canonical values they merge into."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from ..cards.checks import TITLE_MAX
from ..graph.provenance import platform_value_id
from .deliberations import Deliberation, Question
from .participation import Participant


class CanonicalValue(models.Model):
    """A value after deduplication: similar values cards point to it."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="canonical_values"
    )
    title = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(blank=True)
    policies = models.JSONField(default=list, help_text="Attentional policies.")
    # Identifier in an imported source (e.g. MAI's value id) and the source's own fields
    # (MAI: instructionsShort, instructionsDetailed, createdAt, updatedAt), kept for round trips.
    source_id = models.CharField(max_length=64, blank=True)
    source_data = models.JSONField(default=dict, blank=True)
    # The one id every export and lab-facing endpoint names the value by: the imported source
    # id when there is one, else a platform id from the content it was created with ("mgp:…",
    # `moralgraph.graph.provenance.platform_value_id`). Set once, never changed by edits.
    external_id = models.CharField(max_length=80, editable=False)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    hidden = models.BooleanField(default=False, help_text="Hidden by a moderator.")
    # float32 embedding used to match new cards (little-endian bytes), e.g. the first card's.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("deliberation", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("deliberation", "source_id"),
                condition=~Q(source_id=""),
                name="canonical_value_unique_source_id",
            ),
            models.UniqueConstraint(
                fields=("deliberation", "external_id"), name="canonical_value_unique_external_id"
            ),
            models.CheckConstraint(
                condition=~Q(external_id=""), name="canonical_value_has_external_id"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("title"), TITLE_MAX),
                name="canonical_value_title_length",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("id")), name="canonical_value_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.external_id:
            self.external_id = self.source_id or self._new_platform_id()
        super().save(*args, **kwargs)

    def _new_platform_id(self) -> str:
        taken = CanonicalValue.objects.filter(deliberation_id=self.deliberation_id)
        n = 0
        while True:
            candidate = platform_value_id(self.title, self.description, self.policies or [], n)
            if not taken.filter(external_id=candidate).exists():
                return candidate
            n += 1


class ValuesCard(models.Model):
    """What one participant cares about: a title, a description and attentional policies."""

    class Status(models.TextChoices):
        DRAFT = "draft"
        SUBMITTED = "submitted"

    class Source(models.TextChoices):
        FORM = "form", "Guided form"
        CHAT = "chat", "LLM interview"
        API = "api", "API"
        IMPORT = "import", "Import"
        DEMO = "demo", "Demo data"

    author = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="cards")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="cards")
    title = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(blank=True)
    policies = models.JSONField(default=list, help_text="Attentional policies.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.FORM)
    # How the card came to be: the interview transcript, the form answers, the model used.
    provenance = models.JSONField(default=dict, blank=True)
    canonical_value = models.ForeignKey(
        CanonicalValue, on_delete=models.SET_NULL, null=True, blank=True, related_name="cards"
    )
    # Deduplication: cosine similarity to the canonical value when linked, and the author's
    # answer to "is this the same as your value?" (None: not asked or not answered yet).
    dedupe_similarity = models.FloatField(null=True, blank=True)
    canonical_confirmed = models.BooleanField(null=True, blank=True)
    # float32 sentence embedding of title, description and policies (little-endian bytes).
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    hidden = models.BooleanField(default=False, help_text="Hidden by a moderator.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=("question", "status"))]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("title"), TITLE_MAX),
                name="values_card_title_length",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]), name="values_card_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="values_card_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ElicitationDraft(models.Model):
    """Everything a participant has typed toward a card for a question, saved as they go.

    Free text, not yet checked: the guided form's answers (story, what they paid attention
    to, what matters in itself, title, description, policies) and the interview transcript.
    Nothing here is lost when a step fails or the LLM goes away.
    """

    class Stage(models.TextChoices):
        STORY = "story"
        ATTENTION = "attention"
        MEANINGFUL = "meaningful"
        CARD = "card"
        REVIEW = "review"
        DONE = "done"

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="drafts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="drafts")
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.STORY)
    mode = models.CharField(
        max_length=8, choices=[("form", "Guided form"), ("chat", "Interview")], default="form"
    )
    data = models.JSONField(default=dict, blank=True)
    transcript = models.JSONField(default=list, blank=True)
    card = models.OneToOneField(
        "ValuesCard", on_delete=models.SET_NULL, null=True, blank=True, related_name="draft"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("participant", "question"),
                condition=~Q(stage="done"),
                name="one_open_draft_per_question",
            ),
        ]

    def __str__(self) -> str:
        return f"draft {self.pk} ({self.stage})"
