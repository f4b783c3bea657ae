"""API v1 for labs: snapshots, their exports and raw votes, manifests and diffs.

Exports negotiate: `?format=` names the format; without it, the Accept header chooses
(application/json → the native document, text/csv → the edge table, application/graphml+xml,
application/x-ndjson), and Accept that fits none gets 406. Id-addressed exports are immutable
and cached for a year; `…/latest/…` URLs revalidate (their content moves with each snapshot).
Both honour If-None-Match (weak or strong) and If-Modified-Since with a 304.
"""

from django.http import StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, mixins, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from mgplatform.versions import code_version
from moralgraph.access import deliberations_with_results_for, oversees, results_refusal
from moralgraph.exports.document import snapshot_document_external
from moralgraph.exports.votes import VOTE_FORMATS, export_votes, votes_manifest
from moralgraph.exports.writers import (
    EXTENSIONS,
    FORMATS,
    ExportRefused,
    export_manifest,
    export_snapshot,
)
from moralgraph.graph.compute import SnapshotError
from moralgraph.graph.diff import diff_summaries
from moralgraph.graph.provenance import sha256
from moralgraph.models import GraphSnapshot, SnapshotRun
from moralgraph.snapshots.filters import FilterError
from moralgraph.snapshots.runs import snapshot_request
from moralgraph.snapshots.selectors import unfiltered
from moralgraph.snapshots.services import snapshot_create

from . import schemas
from . import serializers as s
from .common import READ, WRITE, deliberation_for, visible_deliberations


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "The request conflicts with what the snapshot is."


FORMAT_BY_MEDIA = {
    "text/csv": "csv",
    "application/graphml+xml": "graphml",
    "application/x-ndjson": "jsonl",
}


def _media_renderer(media_type: str) -> type:
    """Negotiates `media_type`; the body is streamed by the view, so only errors are rendered
    here, and they are JSON (see `finalize_response`)."""
    return type(
        "Renderer_" + FORMAT_BY_MEDIA[media_type],
        (renderers.JSONRenderer,),
        {"media_type": media_type, "format": FORMAT_BY_MEDIA[media_type]},
    )


EXPORT_RENDERERS = [renderers.JSONRenderer] + [
    _media_renderer(m) for m in ("text/csv", "application/graphml+xml", "application/x-ndjson")
]
VOTES_RENDERERS = [_media_renderer(m) for m in ("text/csv", "application/x-ndjson")] + [
    renderers.JSONRenderer
]
CODE_TAG = sha256(code_version().encode())[:8]  # exports change with the code that writes them


def _require_results(request, deliberation) -> None:
    refusal = results_refusal(request.user, deliberation)
    if refusal:
        raise PermissionDenied(refusal)


class SnapshotViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Immutable graph snapshots: list, read, diff, export in every format, raw votes."""

    permission_classes = [READ]
    filterset_fields = ("mode", "source")
    ordering_fields = ("created_at", "as_of")

    def get_queryset(self):
        visible = visible_deliberations(self.request)
        if self.action == "list" and "slug" not in self.kwargs:  # only what the caller may read
            visible = visible.filter(pk__in=deliberations_with_results_for(self.request.user))
        qs = (
            GraphSnapshot.objects.filter(deliberation__in=visible)
            .select_related("deliberation")
            .defer("arrays")
        )
        if "slug" in self.kwargs:
            deliberation = deliberation_for(self.request, self.kwargs["slug"])
            if self.action == "list":
                _require_results(self.request, deliberation)
            qs = qs.filter(deliberation=deliberation)
        return qs.order_by("-created_at", "-id")

    def get_serializer_class(self):
        return s.SnapshotDetailSerializer if self.action == "retrieve" else s.SnapshotSerializer

    @property
    def is_latest(self) -> bool:
        return self.kwargs.get("pk") == "latest"

    def get_object(self):
        if self.is_latest:  # /deliberations/SLUG/snapshots/latest/…
            snapshot = unfiltered(self.filter_queryset(self.get_queryset())).first()
            if snapshot is None:
                raise NotFound("This deliberation has no snapshot yet.")
        else:
            snapshot = super().get_object()
        _require_results(self.request, snapshot.deliberation)
        return snapshot

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = renderers.JSONRenderer()  # errors are JSON, always
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        snapshot = GraphSnapshot.objects.select_related("deliberation").get(pk=self.get_object().pk)
        data = s.SnapshotSerializer(snapshot).data
        data["summary"] = snapshot_document_external(snapshot)
        return Response(data)

    # --- exports ---------------------------------------------------------------------------

    def _format(self, request, by_media: dict, allowed, default: str) -> str:
        given = request.query_params.get("format")
        if given is not None:
            if given not in allowed:
                raise ValidationError({"format": f"Choose one of {', '.join(sorted(allowed))}."})
            return given
        media = getattr(request, "accepted_media_type", "") or ""
        return by_media.get(media.split(";")[0].strip(), default)

    def _streamed(self, request, snapshot, fmt, chunks, media, name, tag):
        etag = quote_etag(f"{snapshot.content_hash[:32]}-{snapshot.pk}-{tag}-{CODE_TAG}")
        modified = int(snapshot.created_at.timestamp())
        response = get_conditional_response(request._request, etag=etag, last_modified=modified)
        if response is None:
            response = StreamingHttpResponse(
                (chunk.encode("utf-8") for chunk in chunks()),
                content_type=f"{media}; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        patch_vary_headers(response, ("Accept",))
        if self.is_latest:
            # The same URL names the next snapshot tomorrow: revalidate, and say where this one lives.
            response["Cache-Control"] = "private, no-cache"
            path = request.path.replace(
                f"deliberations/{snapshot.deliberation.slug}/snapshots/latest/",
                f"snapshots/{snapshot.pk}/",
            )
            negotiated = path.endswith(("/export/", "/votes/"))
            response["Content-Location"] = f"{path}?format={fmt}" if negotiated else path
        else:  # an id names one immutable snapshot, so its exports may be cached indefinitely
            response["Cache-Control"] = "private, max-age=31536000, immutable"
        return response

    def _snapshot_for_export(self):
        return (
            GraphSnapshot.objects.select_related("deliberation")
            .defer("arrays")
            .get(pk=self.get_object().pk)
        )

    @extend_schema(**schemas.EXPORT)
    @action(detail=True, methods=["get"], renderer_classes=EXPORT_RENDERERS)
    def export(self, request, pk=None, slug=None):
        """Stream the snapshot: the native document (json), MAI JSON, GraphML, CSV (edges or values) or JSONL."""
        return self._export(request, self._format(request, FORMAT_BY_MEDIA, FORMATS, "json"))

    def _export(self, request, fmt: str):
        snapshot = self._snapshot_for_export()
        try:
            export_snapshot(snapshot, fmt)  # refuses before streaming
        except ExportRefused as exc:
            raise Conflict(str(exc)) from exc
        name = f"{snapshot.deliberation.slug}-snapshot-{snapshot.pk}.{EXTENSIONS[fmt]}"
        return self._streamed(
            request,
            snapshot,
            fmt,
            lambda: export_snapshot(snapshot, fmt),
            FORMATS[fmt],
            name,
            fmt,
        )

    @extend_schema(**schemas.VOTES)
    @action(detail=True, methods=["get"], renderer_classes=VOTES_RENDERERS)
    def votes(self, request, pk=None, slug=None):
        """Every vote the snapshot counted, anonymised: pseudonymous voter, values by external id, context, choice, time, group labels (groups of five or more)."""
        if request.accepted_renderer.media_type == "application/json" and not (
            request.query_params.get("format")
        ):
            raise exceptions.NotAcceptable("Raw votes are text/csv or application/x-ndjson.")
        return self._votes(request, self._format(request, FORMAT_BY_MEDIA, VOTE_FORMATS, "csv"))

    def _votes(self, request, fmt: str):
        snapshot = self._snapshot_for_export()
        try:
            export_votes(snapshot, fmt)
        except ExportRefused as exc:
            raise Conflict(str(exc)) from exc
        name = f"{snapshot.deliberation.slug}-snapshot-{snapshot.pk}-votes.{fmt}"
        return self._streamed(
            request,
            snapshot,
            fmt,
            lambda: export_votes(snapshot, fmt),
            VOTE_FORMATS[fmt],
            name,
            f"votes-{fmt}",
        )

    @extend_schema(**schemas.EXPORT_MANIFEST)
    @action(detail=True, methods=["get"], url_path="export/manifest")
    def export_manifest(self, request, pk=None, slug=None):
        """The manifest of an export, for formats that carry none inside (mai, csv, csv-values)."""
        fmt = self._format(request, {}, FORMATS, "json")
        try:
            return Response(export_manifest(self._snapshot_for_export(), fmt))
        except ExportRefused as exc:
            raise Conflict(str(exc)) from exc

    @extend_schema(**schemas.VOTES_MANIFEST)
    @action(detail=True, methods=["get"], url_path="votes/manifest")
    def votes_manifest(self, request, pk=None, slug=None):
        """The manifest of the raw votes in a format (CSV carries none inside)."""
        fmt = self._format(request, {}, VOTE_FORMATS, "csv")
        try:
            return Response(votes_manifest(self._snapshot_for_export(), fmt))
        except ExportRefused as exc:
            raise Conflict(str(exc)) from exc

    @extend_schema(**schemas.DIFF)
    @action(detail=True, methods=["get"], url_path=r"diff/(?P<other>\d+)")
    def diff(self, request, pk=None, other=None, slug=None):
        """What changed from this snapshot to another of the same deliberation: values, edges (and their counts and likelihoods), ranks, winners."""
        old = self.get_object()
        new = GraphSnapshot.objects.filter(pk=other).select_related("deliberation").first()
        if new is None or not self.get_queryset().filter(pk=new.pk).exists():
            raise NotFound("No such snapshot to compare with.")
        if new.deliberation_id != old.deliberation_id:
            raise ValidationError(
                {"other": "Snapshots of different deliberations are not compared."}
            )
        old = GraphSnapshot.objects.select_related("deliberation").get(pk=old.pk)
        documents = [snapshot_document_external(x, edge_limit=None) for x in (old, new)]
        return Response({"from": old.pk, "to": new.pk, **diff_summaries(*documents)})


def _one_format(kind: str, fmt: str, media: str):
    """A handler serving one format at its own path (…/export/csv/), for generated clients."""
    serve = SnapshotViewSet._export if kind == "export" else SnapshotViewSet._votes

    @extend_schema(**schemas.export_as(fmt, media, f"snapshot_{kind}"))
    def handler(self, request, pk=None, slug=None):
        return serve(self, request, fmt)

    handler.__name__ = f"{kind}_{fmt.replace('-', '_')}"
    handler.__doc__ = f"The {fmt} {kind} of the snapshot ({media})."
    return handler


def renderers_for(media: str) -> list:
    """Errors in JSON; the body's own media type accepted."""
    if media == "application/json":
        return [renderers.JSONRenderer]
    return [_media_renderer(media), renderers.JSONRenderer]


# (kind, format, media type, handler name): the single-format paths (see urls.py).
ONE_FORMAT_ROUTES = [
    (kind, fmt, media, f"{kind}_{fmt.replace('-', '_')}")
    for kind, formats in (("export", FORMATS), ("votes", VOTE_FORMATS))
    for fmt, media in formats.items()
]
for _kind, _fmt, _media, _name in ONE_FORMAT_ROUTES:
    setattr(SnapshotViewSet, _name, _one_format(_kind, _fmt, _media))


class DeliberationSnapshotViewSet(SnapshotViewSet):
    """One deliberation's snapshots: the same reads, and taking a new one (its owner and staff)."""

    def get_permissions(self):
        if self.action == "create":
            return [permissions.IsAuthenticated(), WRITE()]
        if self.action == "filtered":  # a computation: someone the throttles can count
            return [permissions.IsAuthenticated(), READ()]
        return super().get_permissions()

    @extend_schema(
        request=s.SnapshotCreateSerializer,
        responses={202: s.SnapshotRunSerializer},
        description="Queue a snapshot (its organisers and staff): 202 with the run, whose "
        "`status_url` reports status and progress and, once done, the snapshot.",
    )
    def create(self, request, slug):
        deliberation = deliberation_for(request, slug)
        data = s.SnapshotCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = snapshot_request(
            deliberation=deliberation, requested_by=request.user, **data.validated_data
        )
        body = s.SnapshotRunSerializer(run, context={"request": request}).data
        return Response(
            body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["status_url"]}
        )

    @extend_schema(**schemas.FILTERED)
    def filtered(self, request, slug):
        """A filtered graph on demand: reuses the snapshot of the same filters over the same
        votes (200), else takes one (201)."""
        deliberation = deliberation_for(request, slug)
        _require_results(request, deliberation)
        data = s.FilteredSnapshotSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        snapshot = _created(
            deliberation=deliberation, created_by=request.user, reuse=True, **data.validated_data
        )
        response = Response(
            s.SnapshotSerializer(snapshot).data,
            status=status.HTTP_200_OK if snapshot.reused else status.HTTP_201_CREATED,
        )
        response["Location"] = request.build_absolute_uri(f"/api/v1/snapshots/{snapshot.pk}/")
        return response


def _created(**kwargs) -> GraphSnapshot:
    try:
        return snapshot_create(**kwargs)
    except FilterError as exc:  # names the filter: {"filters": {"group": [...]}}
        raise ValidationError({"filters": {exc.field: [str(exc)]}}) from exc
    except SnapshotError as exc:  # e.g. a parameter the mode does not know, a future as_of
        raise ValidationError(str(exc)) from exc


class SnapshotRunView(generics.RetrieveAPIView):
    """A snapshot run's status and progress (those who run or moderate the deliberation)."""

    permission_classes = [READ]
    serializer_class = s.SnapshotRunSerializer
    queryset = SnapshotRun.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The deliberation."),
            OpenApiParameter("run_id", int, OpenApiParameter.PATH, description="The run's id."),
        ]
    )
    def get(self, request, slug, run_id):
        deliberation = deliberation_for(request, slug)
        if not oversees(request.user, deliberation):
            raise PermissionDenied(
                "Only the deliberation's organisers and moderators see its runs."
            )
        run = deliberation.snapshot_runs.filter(pk=run_id).first()
        if run is None:
            raise NotFound("No such snapshot run.")
        return Response(self.get_serializer(run).data)
