"""Tables of the moral graph. Rules that must always hold are database constraints."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, Length
from django.db.models.lookups import LessThanOrEqual

TITLE_MAX_LENGTH = 80
POLICY_MAX_LENGTH = 300
MAX_POLICIES = 10


def new_invite_token() -> str:
    return secrets.token_urlsafe(16)


class Deliberation(models.Model):
    """One consultation: its questions, its participants and the graph they make."""

    class Status(models.TextChoices):
        DRAFT = "draft"
        OPEN = "open"
        CLOSED = "closed"

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
    # Per-deliberation switches, e.g. {"show_others_cards": "after_submit"}; see DEFAULT_SETTINGS.
    settings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    DEFAULT_SETTINGS = {
        # A participant sees others' cards for a question only after submitting their own.
        "others_cards_visible_after_submit": True,
        # The graph page is shown to participants only after they have voted.
        "graph_visible_after_voting": True,
    }

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "open", "closed"]), name="deliberation_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def setting(self, name: str):
        return {**self.DEFAULT_SETTINGS, **(self.settings or {})}[name]


class Context(models.Model):
    """A situation in which values are weighed, e.g. "When the user is in distress"."""

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="contexts")
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


class CanonicalValue(models.Model):
    """A value after deduplication: similar values cards point to it."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="canonical_values"
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    description = models.TextField(blank=True)
    policies = models.JSONField(default=list, help_text="Attentional policies.")
    # Identifier in an imported source (e.g. MAI's value id) and the source's own fields
    # (MAI: instructionsShort, instructionsDetailed, createdAt, updatedAt), kept for round trips.
    source_id = models.CharField(max_length=64, blank=True)
    source_data = models.JSONField(default=dict, blank=True)
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
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("title"), TITLE_MAX_LENGTH),
                name="canonical_value_title_length",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("id")), name="canonical_value_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.title


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
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
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
                condition=LessThanOrEqual(Length("title"), TITLE_MAX_LENGTH),
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
    mode = models.CharField(max_length=8, choices=[("form", "Guided form"), ("chat", "Interview")], default="form")
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
    story = models.TextField(blank=True)
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

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="impressions")
    hypothesis = models.ForeignKey(EdgeHypothesis, on_delete=models.CASCADE, related_name="impressions")
    shown_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=("hypothesis", "participant"))]

    def __str__(self) -> str:
        return f"{self.participant_id} saw {self.hypothesis_id}"


class WiserVote(models.Model):
    """A participant's judgement: did moving from one value to another make the person wiser?"""

    class Choice(models.TextChoices):
        WISER = "wiser", "Yes, wiser"
        NOT_WISER = "not_wiser", "No"
        UNSURE = "unsure", "Not sure"

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
    comment = models.TextField(blank=True)
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
                condition=Q(choice__in=["wiser", "not_wiser", "unsure"]),
                name="wiser_vote_choice_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.from_value_id} → {self.to_value_id} {self.choice}"


class GraphSnapshot(models.Model):
    """An immutable, reproducible computation of the graph as of a time (or an import)."""

    class Mode(models.TextChoices):
        MAI = "mai", "MAI's published rules"
        DEFAULT = "default", "Platform default"

    class Source(models.TextChoices):
        COMPUTED = "computed"
        IMPORT = "import"

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.PROTECT, related_name="snapshots"
    )
    mode = models.CharField(max_length=8, choices=Mode.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.COMPUTED)
    parameters = models.JSONField(default=dict)
    as_of = models.DateTimeField(help_text="Only votes created at or before this time count.")
    # SHA-256 over the inputs (votes, values) and the parameters: same inputs, same hash.
    content_hash = models.CharField(max_length=64, db_index=True)
    counts = models.JSONField(default=dict)
    # What moderation excluded, so a reader can tell the graph was filtered.
    excluded = models.JSONField(default=dict, blank=True)
    # Small, readable results (values ranked, per-context winners, parameters) ...
    summary = models.JSONField(default=dict)
    # ... and the edge and score columns as an .npz archive, which exports stream from.
    arrays = models.BinaryField(default=bytes, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=["mai", "default"]), name="snapshot_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(content_hash__regex=r"^[0-9a-f]{64}$"), name="snapshot_hash_is_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deliberation.slug} {self.mode} @ {self.as_of:%Y-%m-%d %H:%M} ({self.content_hash[:10]})"

    def save(self, *args, **kwargs):
        # Immutable: a database trigger refuses UPDATEs too; this gives the clearer error first.
        if self.pk is not None and not self._state.adding:
            raise SnapshotImmutableError("A graph snapshot cannot be changed; create a new one.")
        super().save(*args, **kwargs)


class SnapshotImmutableError(Exception):
    pass


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
    card = models.ForeignKey(ValuesCard, on_delete=models.CASCADE, null=True, blank=True, related_name="flags")
    canonical_value = models.ForeignKey(
        CanonicalValue, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    hypothesis = models.ForeignKey(
        EdgeHypothesis, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    # A vote is flagged for its comment, never for the judgement itself.
    vote = models.ForeignKey(WiserVote, on_delete=models.CASCADE, null=True, blank=True, related_name="flags")
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
    resolution = models.CharField(max_length=32, blank=True, help_text='What resolved it, e.g. "hide".')
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("deliberation", "status", "created_at"), name="flag_queue_idx")]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_of(FLAG_TARGET_FIELDS), name="flag_exactly_one_target"),
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
                condition=Q(reporter__isnull=True) | Q(source="report"), name="flag_reporter_only_on_reports"
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
