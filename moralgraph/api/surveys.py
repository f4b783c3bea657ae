"""API v1: a deliberation's survey (its questions, the caller's answers, answering it) and its
results per question and per group, as JSON or CSV. The same services as the pages."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, renderers, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from mgplatform.api import ErrorSerializer
from moralgraph.reports.groups import ReportRefused, ReportUnavailable
from moralgraph.surveys.results import survey_csv, survey_results
from moralgraph.surveys.services import (
    END,
    PLACEMENT,
    SCALE,
    my_answers,
    survey_questions,
    survey_submit,
)

from .common import READ
from .participation import PARTICIPATE
from .reports import _negotiated, _refused
from .snapshots import _media_renderer
from .views import DeliberationChildMixin


class SurveyAnswersSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[END, PLACEMENT], default=END)
    answers = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5, allow_null=True),
        help_text="question key → 1 (strongly disagree) … 5 (strongly agree); null skips it.",
    )


class SurveyView(DeliberationChildMixin, APIView):
    """The survey's questions (end of the flow, and after the graph view) and the caller's
    answers; POST answers (kind=end or placement)."""

    permission_classes = [permissions.IsAuthenticated, PARTICIPATE]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, slug):
        participant = self.participant
        return Response(
            {
                "scale": {str(k): v for k, v in SCALE.items()},
                "end": survey_questions(self.deliberation, END),
                "placement": survey_questions(self.deliberation, PLACEMENT),
                "answers": my_answers(participant),
            }
        )

    @extend_schema(request=SurveyAnswersSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, slug):
        participant = self.participant
        data = SurveyAnswersSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = survey_submit(
            participant=participant,
            answers=data.validated_data["answers"],
            kind=data.validated_data["kind"],
        )
        return Response({"saved": saved, "answers": my_answers(participant)})


class SurveyResultsView(DeliberationChildMixin, APIView):
    """Results per question (respondents, mean, share answering 4–5, distribution), and per
    group with ?group_by= (groups of at least five; withheld cells otherwise)."""

    permission_classes = [READ]
    renderer_classes = [renderers.JSONRenderer, _media_renderer("text/csv")]

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = renderers.JSONRenderer()  # errors are JSON, always
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "group_by", str, description="A participant attribute, e.g. politics."
            ),
            OpenApiParameter("format", str, enum=["csv", "json"], default="json"),
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.STR,
            409: OpenApiResponse(
                ErrorSerializer, "The attribute forms fewer than two groups of five."
            ),
        },
    )
    def get(self, request, slug):
        fmt = request.query_params.get("format") or _negotiated(request)
        if fmt not in ("csv", "json"):
            raise ValidationError({"format": ["Choose csv or json."]})
        try:
            results = survey_results(
                self.deliberation,
                viewer=request.user,
                group_attribute=request.query_params.get("group_by", ""),
                api=True,
            )
        except (ReportRefused, ReportUnavailable) as exc:
            raise _refused(exc) from exc
        if fmt == "json":
            return Response(results)
        response = HttpResponse(survey_csv(results), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{self.deliberation.slug}-survey.csv"'
        )
        return response
