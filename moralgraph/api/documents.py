"""The shapes of the labs' JSON documents, for the OpenAPI schema (and so the generated client):
the native snapshot document, MAI's summary, manifests and diffs. Serializers used for
documentation only; the documents themselves are written by `moralgraph.exports`."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers as s

EXTERNAL_ID = {
    "oneOf": [{"type": "integer"}, {"type": "string"}],
    "description": "A value's external id: MAI's number for imported values, else 'mgp:…'.",
}


@extend_schema_field(EXTERNAL_ID)
class ExternalIdField(s.Field):
    pass


def _ids(**kwargs):
    return s.ListField(child=ExternalIdField(), **kwargs)


class Counts(s.Serializer):
    votes = s.IntegerField(allow_null=True)
    voters = s.IntegerField(allow_null=True)
    values = s.IntegerField()
    edges = s.IntegerField()


class Parameters(s.Serializer):
    """The mode's parameters (those of the mode only), and the filters of a filtered graph."""

    min_wiser = s.IntegerField(required=False)
    min_likelihood = s.FloatField(required=False)
    max_entropy = s.FloatField(required=False)
    iterations = s.IntegerField(required=False)
    damping = s.FloatField(required=False)
    tol = s.FloatField(required=False)
    max_iterations = s.IntegerField(required=False)
    bootstrap_samples = s.IntegerField(required=False)
    seed = s.IntegerField(required=False)
    tie_tolerance = s.FloatField(required=False)
    imported = s.BooleanField(required=False)
    filters = s.DictField(required=False, help_text="question, contexts, group, untrimmed")


class Excluded(s.Serializer):
    votes_of_banned_participants = s.IntegerField(required=False)
    votes_on_hidden_stories = s.IntegerField(required=False)
    votes_touching_hidden_values = s.IntegerField(required=False)
    votes_within_merged_value = s.IntegerField(required=False)
    votes_superseded_after_merge = s.IntegerField(required=False)
    votes_outside_filters = s.IntegerField(required=False)
    hidden_value_ids = _ids(required=False)
    hidden_story_ids = s.ListField(child=s.IntegerField(), required=False)


class EdgeCounts(s.Serializer):
    markedWiser = s.IntegerField()
    markedNotWiser = s.IntegerField()
    markedLessWise = s.IntegerField()
    markedUnsure = s.IntegerField()
    impressions = s.IntegerField()


class EdgeSummary(s.Serializer):
    wiserLikelihood = s.FloatField()
    entropy = s.FloatField()


class Edge(s.Serializer):
    sourceValueId = ExternalIdField()
    wiserValueId = ExternalIdField()
    contexts = s.ListField(child=s.CharField())
    counts = EdgeCounts()
    summary = EdgeSummary()


class RankEntry(s.Serializer):
    id = ExternalIdField()
    score = s.FloatField()
    position = s.IntegerField()
    tied = s.BooleanField()


class Winner(s.Serializer):
    ids = _ids()
    probabilityStaysWinner = s.FloatField(allow_null=True)


class Scope(s.Serializer):
    ranking = RankEntry(many=True)
    unranked = _ids()
    winner = Winner()


class ContextScope(Scope):
    context = s.CharField()
    edgeCount = s.IntegerField(allow_null=True)


class DocumentValue(s.Serializer):
    id = ExternalIdField()
    title = s.CharField()
    description = s.CharField()
    policies = s.ListField(child=s.CharField())
    score = s.FloatField(allow_null=True)
    position = s.IntegerField(allow_null=True)
    tied = s.BooleanField(allow_null=True)
    rankedInContexts = s.ListField(child=s.CharField())


class SnapshotHeader(s.Serializer):
    id = s.IntegerField()
    deliberation = s.CharField()
    mode = s.CharField()
    source = s.CharField()
    asOf = s.DateTimeField()
    createdAt = s.DateTimeField()
    contentHash = s.CharField()
    counts = Counts()
    excluded = Excluded()


class Manifest(s.Serializer):
    """What an export was made from; `exportHash` is the SHA-256 of its bytes."""

    format = s.CharField()
    export = s.CharField()
    snapshot = s.IntegerField()
    deliberation = s.CharField()
    mode = s.CharField()
    source = s.CharField()
    parameters = Parameters()
    asOf = s.DateTimeField()
    createdAt = s.DateTimeField()
    inputHash = s.CharField()
    inputs = s.DictField(help_text="format, and the votes' and values' digests")
    counts = Counts()
    codeVersion = s.CharField()
    exportHash = s.CharField(required=False)


class NativeDocument(s.Serializer):
    """`format=json`: every value, the rankings per scope, edges with all counts, provenance."""

    format = s.CharField(help_text="mgp-snapshot/1")
    snapshot = SnapshotHeader()
    mode = s.CharField()
    parameters = Parameters()
    values = DocumentValue(many=True)
    overall = Scope()
    contexts = ContextScope(many=True)
    bootstrap = s.DictField(allow_null=True)
    edges = Edge(many=True)
    edgesOmitted = s.IntegerField(required=False)
    manifest = Manifest(
        required=False, help_text="In the export (its last line), not in `summary`."
    )
    provenance = Manifest(required=False, help_text="In the snapshot's `summary`.")


class MaiValue(s.Serializer):
    id = ExternalIdField()
    title = s.CharField()
    description = s.CharField(required=False)
    policies = s.ListField(child=s.CharField(), required=False)
    pageRank = s.FloatField(required=False)


class MaiSummary(s.Serializer):
    """`format=mai`: MAI's summary JSON, as MAI's app writes it."""

    values = MaiValue(many=True)
    edges = Edge(many=True)


class EdgeKey(s.Serializer):
    sourceValueId = ExternalIdField()
    wiserValueId = ExternalIdField()


class OldNew(s.Serializer):
    old = s.BooleanField()
    new = s.BooleanField()


class Added(s.Serializer):
    added = _ids()
    removed = _ids()


class EdgesAdded(s.Serializer):
    added = EdgeKey(many=True)
    removed = EdgeKey(many=True)


class EdgeChange(s.Serializer):
    sourceValueId = ExternalIdField()
    wiserValueId = ExternalIdField()
    counts = s.DictField(help_text="per count: {old, new, change}")
    summary = s.DictField(help_text="wiserLikelihood, entropy: {old, new, change}")


class RankChange(s.Serializer):
    id = ExternalIdField()
    oldPosition = s.IntegerField()
    newPosition = s.IntegerField()
    change = s.IntegerField()


class WinnerChange(s.Serializer):
    context = s.CharField()
    oldIds = _ids(allow_null=True)
    newIds = _ids(allow_null=True)


class Diff(s.Serializer):
    """From one snapshot to another of the same deliberation; values by external id."""

    to = s.IntegerField()
    oldMode = s.CharField()
    newMode = s.CharField()
    ranked = OldNew()
    values = Added()
    edges = EdgesAdded()
    edgeChanges = EdgeChange(many=True)
    rankChanges = RankChange(many=True)
    winnerChanges = WinnerChange(
        many=True,
        allow_null=True,
        help_text="null when either side has no per-context winners (mai mode)",
    )

    def get_fields(self):  # "from" is a Python keyword
        fields = super().get_fields()
        fields["from"] = s.IntegerField()
        return fields


class GroupCount(s.Serializer):
    value = s.CharField(allow_null=True, help_text="null for the pooled 'other or not given' row")
    label = s.CharField(required=False)
    count = s.IntegerField(allow_null=True, help_text="null for a pool of fewer than five")
    note = s.CharField(required=False)


class Demographics(s.Serializer):
    """Self-reported attributes, aggregated: values five people share, the rest pooled, counts
    rounded; with fewer than five participants, only that fact."""

    participants = s.IntegerField(allow_null=True, help_text="rounded; null under five")
    minGroupSize = s.IntegerField()
    roundedTo = s.IntegerField()
    note = s.CharField(required=False)
    attributes = s.DictField(child=GroupCount(many=True), help_text="attribute → its groups")
