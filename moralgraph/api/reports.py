"""API v1: the reports on groups of a snapshot (bridging, population equilibrium) as JSON or CSV.

They read like the snapshot's other results (`SnapshotViewSet.get_object`: visible deliberation,
key limits, results after voting); the report services check the rule again themselves.
"""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from mgplatform.api import ErrorSerializer
from moralgraph.models import GraphSnapshot
from moralgraph.reports.bridging import bridging, bridging_csv
from moralgraph.reports.equilibrium import equilibrium_report, parse_options
from moralgraph.reports.groups import ReportRefused, ReportUnavailable

from .snapshots import Conflict, SnapshotViewSet, _media_renderer

CSV_RENDERERS = [renderers.JSONRenderer, _media_renderer("text/csv")]
UNAVAILABLE = OpenApiResponse(
    ErrorSerializer,
    "The snapshot cannot answer: it holds no votes, or the attribute forms fewer than two "
    "groups of at least five participants.",
)
GROUP_BY = OpenApiParameter(
    "group_by",
    str,
    required=True,
    description="The participant attribute to group by (e.g. politics; `group`: the "
    "organiser's group labels). Groups of fewer than five are never shown.",
)
FORMAT = OpenApiParameter("format", str, enum=["csv", "json"], default="json")
NUMBER = "A number ≥ 0; default from the model."
EQUILIBRIUM_PARAMETERS = [
    GROUP_BY,
    OpenApiParameter("agents", int, description="M, the number of AI agents (1..50; default 3)."),
    OpenApiParameter("beta_a", float, description="β_A, weight on attractiveness. " + NUMBER),
    OpenApiParameter("beta_i", float, description="β_I, weight on inconsistency. " + NUMBER),
    OpenApiParameter("beta_d", float, description="β_D, weight on diversity. " + NUMBER),
    OpenApiParameter("psi", str, enum=["identity", "power", "log1p"], default="identity"),
    OpenApiParameter("power", float, description="The exponent of psi=power (default 2)."),
    OpenApiParameter("smoothing", float, description="Additive smoothing of profiles (1)."),
    OpenApiParameter("threshold", float, description="Weight below which a group is excluded."),
    OpenApiParameter(
        "attractiveness",
        str,
        default="share",
        description="share (each group's share of voters), equal, or one weight per group "
        "in the report's group order, comma-separated (e.g. 1,1,2).",
    ),
    OpenApiParameter("align", bool, default=True, description="Search for active alignment."),
]


def _negotiated(request) -> str:
    """csv where the Accept header asked for text/csv (and no ?format=), else json."""
    return "csv" if request.accepted_renderer.media_type == "text/csv" else "json"


def _refused(exc: Exception):
    if isinstance(exc, ReportRefused):
        return ValidationError({exc.field or "non_field_errors": [str(exc)]})
    return Conflict(str(exc))


class SnapshotReportViewSet(SnapshotViewSet):
    """Reports on whose values win, per snapshot and group attribute."""

    @extend_schema(
        parameters=[GROUP_BY, FORMAT],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.STR,
            409: UNAVAILABLE,
        },
        description=(
            "Bridging: per edge, each group's share voting wiser (withheld where fewer than five "
            "of the group voted, or where the voters left out would be fewer than five); edges "
            "endorsed by a majority of every group with enough voters; bridges (pairs of values "
            "different groups favour that point to the same wiser value); per context, whether "
            "its winner is endorsed across groups."
        ),
    )
    @action(detail=True, methods=["get"], renderer_classes=CSV_RENDERERS)
    def bridging(self, request, pk=None):
        snapshot = self._report_snapshot()
        fmt = request.query_params.get("format") or _negotiated(request)
        if fmt not in ("csv", "json"):
            raise ValidationError({"format": ["Choose csv or json."]})
        try:
            report = bridging(
                snapshot, request.query_params.get("group_by", ""), viewer=request.user, api=True
            )
        except (ReportRefused, ReportUnavailable) as exc:
            raise _refused(exc) from exc
        if fmt == "json":
            return Response(report)
        response = HttpResponse(bridging_csv(report), content_type="text/csv; charset=utf-8")
        name = f"{snapshot.deliberation.slug}-bridging-{snapshot.pk}-{report['groupBy']}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @extend_schema(
        parameters=EQUILIBRIUM_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, 409: UNAVAILABLE},
        description=(
            "Population equilibrium (Wang et al. 2026): groups, a, C, beta, agents, weights (one "
            "row per agent), excluded, kkt_residual (≤ 1e-8), the symmetric closed form where it "
            "applies, and active_alignment: the smallest change of one incentive (β_A, β_I, β_D "
            "or the excluded groups' attractiveness) under which no group is excluded."
        ),
    )
    @action(detail=True, methods=["get"])
    def equilibrium(self, request, pk=None):
        snapshot = self._report_snapshot()
        params = request.query_params
        align = params.get("align", "true")
        if align not in ("true", "false"):
            raise ValidationError({"align": ["Choose true or false."]})
        try:
            report = equilibrium_report(
                snapshot,
                params.get("group_by", ""),
                parse_options(params),
                viewer=request.user,
                api=True,
                align=align == "true",
            )
        except (ReportRefused, ReportUnavailable) as exc:
            raise _refused(exc) from exc
        return Response(report)

    def _report_snapshot(self) -> GraphSnapshot:
        return GraphSnapshot.objects.select_related("deliberation").get(pk=self.get_object().pk)
