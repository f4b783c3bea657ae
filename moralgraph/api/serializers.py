"""Serializers: what the API shows (pseudonymous ids only) and what it accepts."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from moralgraph.exports.document import snapshot_header
from moralgraph.models import (
    COMMENT_MAX_LENGTH,
    STORY_MAX_LENGTH,
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    GraphSnapshot,
    Question,
    SnapshotRun,
    ValuesCard,
    WiserVote,
)

from . import documents


class DeliberationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deliberation
        fields = (
            "slug",
            "title",
            "description",
            "status",
            "results_visibility",
            "session_size",
            "session_own_share",
            "snapshot_every_minutes",
            "created_at",
        )


class ContextSerializer(serializers.ModelSerializer):
    class Meta:
        model = Context
        fields = ("id", "name")


class QuestionSerializer(serializers.ModelSerializer):
    contexts = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ("id", "slug", "prompt", "position", "contexts")


class CanonicalValueSerializer(serializers.ModelSerializer):
    """`external_id` names the value in snapshots, exports, raw votes and diffs (README, "One id
    policy"); `id` is what the participation endpoints (votes, stories) take."""

    class Meta:
        model = CanonicalValue
        fields = (
            "id",
            "external_id",
            "title",
            "description",
            "policies",
            "source_id",
            "created_at",
        )


class HypothesisSerializer(serializers.ModelSerializer):
    from_value = CanonicalValueSerializer(read_only=True)
    to_value = CanonicalValueSerializer(read_only=True)
    context = ContextSerializer(read_only=True)

    class Meta:
        model = EdgeHypothesis
        fields = ("id", "from_value", "to_value", "context", "story", "source", "created_at")


class VotingSessionSerializer(serializers.Serializer):
    """Where the caller stands in a question's voting session (as on the voting page)."""

    question = serializers.IntegerField()
    size = serializers.IntegerField(help_text="Stories in this session.")
    judged = serializers.IntegerField(help_text="Of them, judged so far.")
    ended = serializers.BooleanField(help_text="Every story judged (or gone): see the graph.")
    next = HypothesisSerializer(allow_null=True, help_text="The story to judge next, or null.")


class VotingSessionStartSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text="The question whose stories to judge.")


class HypothesisWriteSerializer(serializers.Serializer):
    from_value = serializers.IntegerField()
    to_value = serializers.IntegerField()
    context = serializers.IntegerField()
    story = serializers.CharField(max_length=STORY_MAX_LENGTH)


class VoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = WiserVote
        fields = (
            "id",
            "from_value",
            "to_value",
            "context",
            "hypothesis",
            "choice",
            "comment",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class VoteWriteSerializer(serializers.Serializer):
    """Either a hypothesis id, or the pair and context it is about."""

    hypothesis = serializers.IntegerField(required=False)
    from_value = serializers.IntegerField(required=False)
    to_value = serializers.IntegerField(required=False)
    context = serializers.IntegerField(required=False)
    choice = serializers.ChoiceField(choices=WiserVote.Choice.values)
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=COMMENT_MAX_LENGTH, default=""
    )

    def validate(self, attrs):
        if "hypothesis" not in attrs and not {"from_value", "to_value", "context"} <= attrs.keys():
            raise serializers.ValidationError(
                "Give a hypothesis, or from_value, to_value and context."
            )
        return attrs


@extend_schema_field(documents.Parameters)
class ParametersField(serializers.JSONField):
    pass


@extend_schema_field(documents.Counts)
class CountsField(serializers.JSONField):
    pass


@extend_schema_field(documents.NativeDocument)
class NativeDocumentField(serializers.JSONField):
    pass


class SnapshotSerializer(serializers.ModelSerializer):
    deliberation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    parameters = ParametersField(read_only=True)
    counts = CountsField(read_only=True)
    excluded = serializers.SerializerMethodField(
        help_text="What moderation excluded: vote counts, hidden values (external ids), hidden stories."
    )

    @extend_schema_field(documents.Excluded)
    def get_excluded(self, snapshot) -> dict:
        return snapshot_header(snapshot)["excluded"]

    class Meta:
        model = GraphSnapshot
        fields = (
            "id",
            "deliberation",
            "mode",
            "source",
            "parameters",
            "as_of",
            "content_hash",
            "counts",
            "excluded",
            "created_at",
        )
        read_only_fields = fields


class SnapshotDetailSerializer(SnapshotSerializer):
    summary = NativeDocumentField(read_only=True)

    class Meta(SnapshotSerializer.Meta):
        fields = (*SnapshotSerializer.Meta.fields, "summary")
        read_only_fields = fields


class SnapshotFiltersSerializer(serializers.Serializer):
    """A filtered graph (`moralgraph.snapshots.filters`): stored as `parameters.filters`, hashed."""

    question = serializers.CharField(
        required=False, help_text="A question's slug: only votes in its contexts count."
    )
    contexts = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Context names: only votes in these contexts count.",
    )
    group = serializers.CharField(
        required=False,
        help_text='A group label as raw votes show it ("attribute=value"): only its voters\' '
        "votes count. Accepted only where the label is shared by at least five voters.",
    )
    untrimmed = serializers.BooleanField(
        required=False,
        help_text="Keep every edge with at least one wiser vote (no trim rule).",
    )


class SnapshotCreateSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(
        choices=GraphSnapshot.Mode.choices, default=GraphSnapshot.Mode.DEFAULT
    )
    as_of = serializers.DateTimeField(required=False)
    parameters = serializers.DictField(required=False, default=dict)
    filters = SnapshotFiltersSerializer(required=False)


class FilteredSnapshotSerializer(serializers.Serializer):
    """A filtered graph on demand: the default parameters of `mode`, and at least one filter."""

    mode = serializers.ChoiceField(
        choices=GraphSnapshot.Mode.choices, default=GraphSnapshot.Mode.DEFAULT
    )
    as_of = serializers.DateTimeField(required=False)
    filters = SnapshotFiltersSerializer()

    def validate_filters(self, value):
        if not any(value.values()):
            raise serializers.ValidationError("Name at least one filter.")
        return value


class SnapshotRunSerializer(serializers.ModelSerializer):
    """A snapshot being computed in the background; `snapshot` is set once it is done."""

    deliberation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = SnapshotRun
        fields = (
            "id",
            "deliberation",
            "mode",
            "parameters",
            "as_of",
            "trigger",
            "status",
            "progress",
            "step",
            "error",
            "snapshot",
            "status_url",
            "created_at",
            "started_at",
            "finished_at",
        )
        read_only_fields = fields

    def get_status_url(self, run) -> str:
        path = reverse("snapshot-run", args=[run.deliberation.slug, run.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class JoinSerializer(serializers.Serializer):
    invite_token = serializers.CharField(max_length=64)
    consent = serializers.BooleanField()
    attributes = serializers.DictField(
        required=False,
        help_text='Optional self-reported demographics, e.g. {"age_band": "25-34"}; shown only aggregated.',
    )


class ParticipantSerializer(serializers.Serializer):
    pseudonym = serializers.CharField(read_only=True)
    consented_at = serializers.DateTimeField(read_only=True)


class CardSerializer(serializers.ModelSerializer):
    question = serializers.PrimaryKeyRelatedField(read_only=True)
    # None until deduplication has matched the card.
    canonical_value = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = ValuesCard
        fields = (
            "id",
            "question",
            "title",
            "description",
            "policies",
            "status",
            "source",
            "canonical_value",
            "canonical_confirmed",
            "created_at",
            "updated_at",
            "submitted_at",
        )
        read_only_fields = fields


class OthersCardSerializer(serializers.ModelSerializer):
    """Another participant's card: the value, not the person (no author field at all)."""

    class Meta:
        model = ValuesCard
        fields = ("id", "title", "description", "policies", "submitted_at")
        read_only_fields = fields


class CardWriteSerializer(serializers.Serializer):
    question = serializers.IntegerField(required=False, help_text="Required when creating.")
    title = serializers.CharField(max_length=200, allow_blank=True)
    description = serializers.CharField(
        max_length=2000, allow_blank=True, required=False, default=""
    )
    policies = serializers.ListField(
        child=serializers.CharField(max_length=1000, allow_blank=True), max_length=50
    )
    submit = serializers.BooleanField(default=False, help_text="Submit at once (after the checks).")
    confirm_warnings = serializers.BooleanField(
        default=False, help_text="Submit despite slogan/instruction warnings."
    )


class CardSubmitSerializer(serializers.Serializer):
    confirm_warnings = serializers.BooleanField(default=False)


class CardIssueSerializer(serializers.Serializer):
    code = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning"])


class CardWarningsDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='"card_warnings"')
    message = serializers.CharField()
    issues = CardIssueSerializer(many=True)
    card = CardSerializer(required=False, help_text="When creating: the card, saved as a draft.")


class CardWarningsSerializer(serializers.Serializer):
    """409: the card reads like a slogan or an instruction; resend with confirm_warnings=true."""

    error = CardWarningsDetailSerializer()


class CardConfirmSerializer(serializers.Serializer):
    same = serializers.BooleanField(help_text="Is the canonical value the same as your value?")
