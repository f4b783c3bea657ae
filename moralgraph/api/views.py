"""API v1 views: thin callers of the same services and selectors as the web pages."""

from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import http_date, quote_etag
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from mgplatform.accounts.apikeys import request_key, require_scope
from moralgraph.access import deliberations_visible_to, is_owner
from moralgraph.exports.writers import EXTENSIONS, FORMATS, export_snapshot
from moralgraph.graph.compute import SnapshotError
from moralgraph.graph.diff import diff_summaries
from moralgraph.hypotheses.selectors import hypotheses_for_participant
from moralgraph.hypotheses.services import hypothesis_write
from moralgraph.models import (
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    GraphSnapshot,
    Question,
    WiserVote,
)
from moralgraph.participation import selectors as participation
from moralgraph.participation.demographics import demographics_summary
from moralgraph.snapshots.selectors import snapshot_document
from moralgraph.snapshots.services import snapshot_create
from moralgraph.votes.services import vote_cast

from . import serializers as s


def deliberation_for(request, slug: str) -> Deliberation:
    return get_object_or_404(visible_deliberations(request), slug=slug)


def visible_deliberations(request):
    """What the caller may see; a key limited to one deliberation sees only that one, on every
    route (including those addressed by a snapshot id, which carry no slug)."""
    visible = deliberations_visible_to(request.user)
    key = request_key(request)
    if key is not None and key.deliberation_slug:
        visible = visible.filter(slug=key.deliberation_slug)
    return visible


def participant_for(request, deliberation: Deliberation):
    participant = participation.participant_for(request.user, deliberation)
    if participant is None:
        raise PermissionDenied(
            "Join this deliberation (invite link and consent) before taking part."
        )
    return participant


READ = require_scope("read:graphs")
PARTICIPATE = require_scope("participate")
WRITE = require_scope("write:deliberations")


class DeliberationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.DeliberationSerializer
    permission_classes = [READ]
    lookup_field = "slug"
    filterset_fields = ("status",)
    ordering_fields = ("title", "created_at")

    def get_queryset(self):
        return visible_deliberations(self.request)


class DeliberationChildMixin:
    """Lists scoped to one deliberation the caller may see."""

    @property
    def deliberation(self) -> Deliberation:
        if not hasattr(self, "_deliberation"):
            self._deliberation = deliberation_for(self.request, self.kwargs["slug"])
        return self._deliberation


class DemographicsView(DeliberationChildMixin, generics.GenericAPIView):
    """Participants' self-reported attributes, aggregated; groups under five are pooled."""

    permission_classes = [READ]

    @extend_schema(responses=dict)
    def get(self, request, slug):
        return Response(demographics_summary(self.deliberation))


class ContextList(DeliberationChildMixin, generics.ListAPIView):
    permission_classes = [READ]
    serializer_class = s.ContextSerializer
    queryset = Context.objects.none()  # for the schema; get_queryset scopes it

    def get_queryset(self):
        return Context.objects.filter(deliberation=self.deliberation).order_by("name")


class QuestionList(DeliberationChildMixin, generics.ListAPIView):
    permission_classes = [READ]
    serializer_class = s.QuestionSerializer
    queryset = Question.objects.none()

    def get_queryset(self):
        return self.deliberation.questions.prefetch_related("contexts")


class CanonicalValueList(DeliberationChildMixin, generics.ListAPIView):
    permission_classes = [READ]
    serializer_class = s.CanonicalValueSerializer
    queryset = CanonicalValue.objects.none()
    ordering_fields = ("id", "title", "created_at")
    search_fields = ("title",)

    def get_queryset(self):
        return CanonicalValue.objects.filter(
            deliberation=self.deliberation, hidden=False, merged_into=None
        ).order_by("id")


class HypothesisViewSet(DeliberationChildMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.HypothesisSerializer
    queryset = EdgeHypothesis.objects.none()
    permission_classes = [permissions.IsAuthenticated, PARTICIPATE]

    def get_queryset(self):
        return EdgeHypothesis.objects.filter(deliberation=self.deliberation, hidden=False)

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="How many stories (1–20).")],
        responses=s.HypothesisSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def next(self, request, slug):
        """The next upgrade stories to judge, balanced as on the voting page (impressions recorded)."""
        participant = participant_for(request, self.deliberation)
        try:
            limit = min(max(int(request.query_params.get("limit", 3)), 1), 20)
        except ValueError:
            limit = 3
        return Response(
            s.HypothesisSerializer(
                hypotheses_for_participant(participant, limit=limit), many=True
            ).data
        )

    @extend_schema(request=s.HypothesisWriteSerializer, responses=s.HypothesisSerializer)
    def create(self, request, slug):
        """A participant's own story: "I used to focus on X; now I see Y"."""
        participant = participant_for(request, self.deliberation)
        data = s.HypothesisWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        hypothesis = hypothesis_write(participant=participant, **data.validated_data)
        return Response(s.HypothesisSerializer(hypothesis).data, status=status.HTTP_201_CREATED)


class VoteViewSet(DeliberationChildMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A participant's own wiser-than votes. POST again on the same pair and context to change it."""

    serializer_class = s.VoteSerializer
    queryset = WiserVote.objects.none()
    permission_classes = [permissions.IsAuthenticated, PARTICIPATE]
    filterset_fields = ("choice", "context")

    def get_queryset(self):
        return participant_for(self.request, self.deliberation).votes.order_by("created_at", "id")

    @extend_schema(request=s.VoteWriteSerializer, responses=s.VoteSerializer)
    def create(self, request, slug):
        participant = participant_for(request, self.deliberation)
        data = s.VoteWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vote = vote_cast(participant=participant, **data.validated_data)
        return Response(s.VoteSerializer(vote).data, status=status.HTTP_201_CREATED)


EXPORT_MEDIA_TYPES = sorted(set(FORMATS.values()))


class SnapshotViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Immutable graph snapshots: list, read, diff and export in every format."""

    permission_classes = [READ]
    filterset_fields = ("mode", "source")
    ordering_fields = ("created_at", "as_of")

    def get_queryset(self):
        visible = visible_deliberations(self.request)
        qs = (
            GraphSnapshot.objects.filter(deliberation__in=visible)
            .select_related("deliberation")
            .defer("arrays")
        )
        if "slug" in self.kwargs:
            qs = qs.filter(deliberation__slug=self.kwargs["slug"])
        return qs.order_by("-created_at", "-id")

    def get_serializer_class(self):
        return s.SnapshotDetailSerializer if self.action == "retrieve" else s.SnapshotSerializer

    def get_object(self):
        if self.kwargs.get("pk") == "latest":  # /deliberations/SLUG/snapshots/latest/…
            snapshot = self.filter_queryset(self.get_queryset()).first()
            if snapshot is None:
                raise NotFound("This deliberation has no snapshot yet.")
            self.check_object_permissions(self.request, snapshot)
            return snapshot
        return super().get_object()

    def retrieve(self, request, *args, **kwargs):
        snapshot = GraphSnapshot.objects.get(pk=self.get_object().pk)
        data = s.SnapshotSerializer(snapshot).data
        data["summary"] = snapshot_document(snapshot)
        return Response(data)

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=sorted(FORMATS), description="Export format.")
        ],
        responses={
            # MAI JSON is a document; the other formats are text in their own media types.
            **{
                (200, media): dict if media == "application/json" else str
                for media in EXPORT_MEDIA_TYPES
            },
            304: OpenApiResponse(description="Not modified: If-None-Match named this ETag."),
        },
    )
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None, slug=None):
        """Stream the snapshot as MAI JSON, GraphML, CSV (edges or values) or JSONL."""
        query = s.ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        fmt = query.validated_data["format"]
        snapshot = (
            GraphSnapshot.objects.select_related("deliberation")
            .defer("arrays")
            .get(pk=self.get_object().pk)
        )
        etag = quote_etag(f"{snapshot.content_hash}-{snapshot.pk}-{fmt}")
        if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            response = StreamingHttpResponse(
                (chunk.encode("utf-8") for chunk in export_snapshot(snapshot, fmt)),
                content_type=f"{FORMATS[fmt]}; charset=utf-8",
            )
            name = f"{snapshot.deliberation.slug}-snapshot-{snapshot.pk}.{EXTENSIONS[fmt]}"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        # Snapshots never change, so their exports may be cached indefinitely.
        response["ETag"] = etag
        response["Last-Modified"] = http_date(snapshot.created_at.timestamp())
        response["Cache-Control"] = "private, max-age=31536000, immutable"
        return response

    @extend_schema(
        parameters=[OpenApiParameter("other", int, OpenApiParameter.PATH)], responses=dict
    )
    @action(detail=True, methods=["get"], url_path=r"diff/(?P<other>\d+)")
    def diff(self, request, pk=None, other=None, slug=None):
        """What changed from this snapshot to another: values, edges, ranks, winners."""
        old = GraphSnapshot.objects.get(pk=self.get_object().pk)
        new = self.get_queryset().filter(Q(pk=other)).first()
        if new is None:
            raise NotFound("No such snapshot to compare with.")
        new = GraphSnapshot.objects.get(pk=new.pk)
        return Response(
            {
                "from": old.pk,
                "to": new.pk,
                **diff_summaries(snapshot_document(old), snapshot_document(new)),
            }
        )


class DeliberationSnapshotViewSet(SnapshotViewSet):
    """One deliberation's snapshots: the same reads, and taking a new one (its owner and staff)."""

    def get_permissions(self):
        if self.action == "create":
            return [permissions.IsAuthenticated(), WRITE()]
        return super().get_permissions()

    @extend_schema(request=s.SnapshotCreateSerializer, responses=s.SnapshotSerializer)
    def create(self, request, slug):
        deliberation = deliberation_for(request, slug)
        if not is_owner(request.user, deliberation):
            raise PermissionDenied("Only the deliberation's owner or staff can take snapshots.")
        data = s.SnapshotCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            snapshot = snapshot_create(
                deliberation=deliberation, created_by=request.user, **data.validated_data
            )
        except SnapshotError as exc:  # e.g. a parameter the mode does not know
            raise ValidationError(str(exc)) from exc
        return Response(s.SnapshotSerializer(snapshot).data, status=status.HTTP_201_CREATED)


class NotFoundView(APIView):
    """Any other URL under the API: a JSON 404 like every API error, not the site's HTML page."""

    authentication_classes = permission_classes = throttle_classes = ()
    schema = None  # not an operation

    def get(self, request, *args, **kwargs):
        raise NotFound("No such API endpoint; see /api/schema/.")

    post = put = patch = delete = options = get
