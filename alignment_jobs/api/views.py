"""API v1 views for targets and jobs: thin callers of the same services as the organiser's pages."""

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from mgplatform.accounts.apikeys import request_key, require_scope
from mgplatform.api import ErrorSerializer, error_response
from moralgraph.access import deliberations_visible_to
from moralgraph.models import GraphSnapshot

from ..jobs.artifacts import artifact_path
from ..jobs.configs import config_shipped
from ..jobs.report import metrics_csv
from ..jobs.selectors import jobs_visible_to
from ..jobs.services import job_cancel, job_launch
from ..models import AlignmentJob, AlignmentTarget, JobMetric
from ..targets.selectors import targets_visible_to
from ..targets.services import target_build, target_export
from . import serializers as s

READ = require_scope("read:graphs")
WRITE = require_scope("write:deliberations")
RUN = require_scope("run:jobs")
NOT_VISIBLE = OpenApiResponse(
    ErrorSerializer, "No such snapshot or target, or not visible to the caller."
)


def _key_deliberation(request) -> str:
    key = request_key(request)
    return key.deliberation_slug if key is not None else ""


# The shape of a target's export (alignment_jobs.targets.services.target_export).
TARGET_EXPORT = inline_serializer(
    "TargetExport",
    {
        "target": drf_serializers.DictField(
            help_text="The target document: contexts, rankings, rubrics."
        ),
        "contentHash": drf_serializers.CharField(),
        "version": drf_serializers.IntegerField(),
        "deliberation": inline_serializer(
            "TargetDeliberation",
            {"slug": drf_serializers.CharField(), "title": drf_serializers.CharField()},
        ),
        "snapshot": inline_serializer(
            "TargetSnapshot",
            {"id": drf_serializers.IntegerField(), "contentHash": drf_serializers.CharField()},
        ),
        "createdAt": drf_serializers.DateTimeField(),
    },
)


class TargetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Alignment targets: per context, the ranked values and a rubric from their attentional policies."""

    queryset = AlignmentTarget.objects.none()
    filterset_fields = ("deliberation__slug", "snapshot")
    ordering_fields = ("created_at", "version")

    def get_permissions(self):
        if self.action == "create":
            return [permissions.IsAuthenticated(), WRITE()]
        return [READ()]

    def get_queryset(self):
        targets = targets_visible_to(self.request.user)
        if only := _key_deliberation(self.request):
            targets = targets.filter(deliberation__slug=only)
        return targets.order_by("-created_at", "-id")

    def get_serializer_class(self):
        return s.TargetDetailSerializer if self.action == "retrieve" else s.TargetSerializer

    def retrieve(self, request, *args, **kwargs):
        target = AlignmentTarget.objects.get(pk=self.get_object().pk)  # with its document
        return Response(s.TargetDetailSerializer(target).data)

    @extend_schema(
        request=s.TargetBuildSerializer,
        responses={201: s.TargetSerializer, 200: s.TargetSerializer, 404: NOT_VISIBLE},
    )
    def create(self, request):
        """Build the target of a snapshot (its deliberation's owner and staff); building it again returns it."""
        data = s.TargetBuildSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        visible = GraphSnapshot.objects.filter(
            deliberation__in=deliberations_visible_to(request.user)
        )
        if only := _key_deliberation(request):
            visible = visible.filter(deliberation__slug=only)
        snapshot = (
            visible.filter(pk=data.validated_data["snapshot"])
            .select_related("deliberation")
            .first()
        )
        if snapshot is None:
            raise NotFound("No such snapshot.")
        before = AlignmentTarget.objects.filter(snapshot=snapshot).count()
        target = target_build(
            snapshot=snapshot, by=request.user, leading=data.validated_data["leading"]
        )
        built = AlignmentTarget.objects.filter(snapshot=snapshot).count() > before
        return Response(
            s.TargetSerializer(target).data,
            status=status.HTTP_201_CREATED if built else status.HTTP_200_OK,
        )

    @extend_schema(responses={(200, "application/json"): TARGET_EXPORT})
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        """The target as one JSON file, with its hashes and what it was built from."""
        target = AlignmentTarget.objects.select_related("deliberation").get(pk=self.get_object().pk)
        response = Response(target_export(target, viewer=request.user, api=True))
        response["Content-Disposition"] = (
            f'attachment; filename="{target.deliberation.slug}-target-v{target.version}.json"'
        )
        return response


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Alignment jobs: launch, follow, read metrics and artifacts, cancel."""

    queryset = AlignmentJob.objects.none()
    permission_classes = [permissions.IsAuthenticated, RUN]
    filterset_fields = ("status", "setting", "target")
    ordering_fields = ("created_at",)

    def get_queryset(self):
        return jobs_visible_to(self.request.user, only_deliberation=_key_deliberation(self.request))

    def get_serializer_class(self):
        return s.JobDetailSerializer if self.action == "retrieve" else s.JobSerializer

    @extend_schema(
        request=s.JobLaunchSerializer, responses={201: s.JobSerializer, 404: NOT_VISIBLE}
    )
    def create(self, request):
        """Launch a job on a GPU worker (the CPU when none has CUDA)."""
        data = s.JobLaunchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        given = data.validated_data
        target = None
        if "target" in given:
            visible = targets_visible_to(request.user)
            if only := _key_deliberation(request):
                visible = visible.filter(deliberation__slug=only)
            target = visible.filter(pk=given["target"]).first()
            if target is None:
                raise NotFound("No such alignment target.")
        config = (
            config_shipped(given["config"]) if isinstance(given["config"], str) else given["config"]
        )
        job = job_launch(config=config, target=target, by=request.user, seed=given.get("seed"))
        return Response(s.JobSerializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={
            200: s.JobSerializer,
            409: OpenApiResponse(ErrorSerializer, "The job has already finished."),
        },
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel: a queued job at once, a running one after its current outer iteration."""
        job = self.get_object()
        if job.finished:
            return error_response(
                "finished", f"This job has already {job.status}.", status.HTTP_409_CONFLICT
            )
        return Response(s.JobSerializer(job_cancel(job, by=request.user)).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format", str, enum=["json", "csv"], description="json (default) or csv."
            )
        ],
        responses={200: s.MetricSerializer(many=True), (200, "text/csv"): OpenApiResponse(str)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def metrics(self, request, pk=None):
        """Held-out validation metrics per outer iteration and series (the controller, each baseline)."""
        job = self.get_object()
        if request.query_params.get("format") == "csv":
            response = HttpResponse(metrics_csv(job), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="job-{job.pk}-metrics.csv"'
            return response
        rows = (
            JobMetric.objects.filter(job=job)
            .order_by("series", "iteration")
            .values("series", "iteration", "values")
        )
        return Response(s.MetricSerializer(rows, many=True).data)

    @extend_schema(responses=s.ArtifactSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def artifacts(self, request, pk=None):
        """Checkpoints, adapters, the report and metrics, each with its SHA-256."""
        return Response(
            s.ArtifactSerializer(self.get_object().artifacts.order_by("name"), many=True).data
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "name", str, OpenApiParameter.PATH, description="The artifact's file name."
            )
        ],
        responses={(200, "application/octet-stream"): OpenApiResponse(str)},
    )
    @action(detail=True, methods=["get"], url_path=r"artifacts/(?P<name>[\w.\-]+)")
    def artifact(self, request, pk=None, name=None):
        """Download one artifact; its SHA-256 is in the `Digest`-like header `X-Artifact-SHA256`."""
        artifact = get_object_or_404(self.get_object().artifacts, name=name)
        try:
            response = FileResponse(
                artifact_path(artifact).open("rb"), as_attachment=True, filename=artifact.name
            )
        except FileNotFoundError:
            raise NotFound("The artifact's file is gone from the artifact store.") from None
        response["X-Artifact-SHA256"] = artifact.sha256
        return response
