"""Running a deliberation over the API (`write:deliberations`): the console's services.

POST /deliberations/ creates, PATCH /deliberations/SLUG/ edits, POST …/questions/ adds a
question (in `views.py`, beside the reads of the same routes); POST …/status/ moves it on.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from moralgraph.deliberations import services
from moralgraph.models import Deliberation

from . import serializers as s
from .common import WRITE, deliberation_for


class QuestionWriteSerializer(serializers.Serializer):
    prompt = serializers.CharField(max_length=5000)
    situations = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, default=list, max_length=50
    )


class DeliberationWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, help_text="The welcome text."
    )
    consent_text = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    results_visibility = serializers.ChoiceField(
        choices=Deliberation.Results.choices, required=False
    )
    session_size = serializers.IntegerField(min_value=1, max_value=50, required=False)
    session_own_share = serializers.FloatField(min_value=0, max_value=1, required=False)
    snapshot_every_minutes = serializers.IntegerField(min_value=0, max_value=10080, required=False)
    questions = QuestionWriteSerializer(many=True, required=False, max_length=200)


class DeliberationPatchSerializer(DeliberationWriteSerializer):
    title = serializers.CharField(max_length=200, required=False)
    questions = None


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Deliberation.Status.values)


SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The deliberation.")
WRITERS = [permissions.IsAuthenticated, WRITE]


class DeliberationStatusView(APIView):
    permission_classes = WRITERS

    @extend_schema(
        parameters=[SLUG], request=StatusSerializer, responses={200: s.DeliberationSerializer}
    )
    def post(self, request, slug):
        """draft → open → closed (→ open again); opening needs a question with a situation."""
        deliberation = deliberation_for(request, slug)
        data = StatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.deliberation_set_status(
            deliberation, by=request.user, status=data.validated_data["status"]
        )
        return Response(s.DeliberationSerializer(deliberation).data)
