"""API v1: a deliberation's webhooks (its owner's and staff's, scope write:deliberations) —
endpoints, the delivery log, redelivery. The secret is in the creation's response only."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from mgplatform.api import ErrorSerializer
from moralgraph.access import may_manage_webhooks
from moralgraph.models import WEBHOOK_EVENTS, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from moralgraph.webhooks import signing
from moralgraph.webhooks.services import delivery_redeliver, endpoint_create, endpoint_delete

from .common import WRITE, deliberation_for

SIGNED = (
    f"Each delivery is a POST of JSON {{id, event, createdAt, deliberation, data}} with headers "
    f"{signing.SIGNATURE_HEADER} (t=<unix seconds>,v1=<hex HMAC-SHA256 of the secret over "
    f'"<t>." + body>), {signing.EVENT_HEADER} and {signing.DELIVERY_HEADER} (the delivery id: '
    "the same on retries and redeliveries, so receivers can ignore repeats). Retried with "
    "exponential backoff on network errors, 408, 429 and 5xx."
)


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WEBHOOK_EVENTS), allow_empty=False
    )

    class Meta:
        model = WebhookEndpoint
        fields = ("id", "url", "description", "events", "active", "created_at")
        read_only_fields = ("id", "active", "created_at")


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="Signs every delivery. Shown in this response only: keep it."
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = (*WebhookEndpointSerializer.Meta.fields, "secret")


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ("number", "response_status", "error", "duration_ms", "at")


class WebhookDeliverySerializer(serializers.ModelSerializer):
    log = WebhookAttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = (
            "delivery_id",
            "event",
            "payload",
            "status",
            "attempts",
            "response_status",
            "error",
            "next_attempt_at",
            "created_at",
            "delivered_at",
            "log",
        )


ID = OpenApiParameter("id", int, OpenApiParameter.PATH)
REFUSED = {403: ErrorSerializer, 404: ErrorSerializer}


@extend_schema_view(
    list=extend_schema(description="The deliberation's webhook endpoints. " + SIGNED),
    retrieve=extend_schema(parameters=[ID], responses={200: WebhookEndpointSerializer, **REFUSED}),
    destroy=extend_schema(parameters=[ID], responses={204: None, **REFUSED}),
)
class WebhookEndpointViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = WebhookEndpointSerializer
    queryset = WebhookEndpoint.objects.none()  # the schema's model; get_queryset scopes it
    permission_classes = [permissions.IsAuthenticated, WRITE]

    @property
    def deliberation(self):
        if not hasattr(self, "_deliberation"):
            deliberation = deliberation_for(self.request, self.kwargs["slug"])
            if not may_manage_webhooks(self.request.user, deliberation):
                raise PermissionDenied("Only the deliberation's owner or staff manage webhooks.")
            self._deliberation = deliberation
        return self._deliberation

    def get_queryset(self):
        return WebhookEndpoint.objects.filter(deliberation=self.deliberation).order_by("id")

    @extend_schema(
        request=WebhookEndpointSerializer,
        responses={201: WebhookEndpointCreatedSerializer, 400: ErrorSerializer, **REFUSED},
        description="Register an endpoint (http or https; in production never a private, "
        "loopback or reserved address). The response holds its secret, shown this once. " + SIGNED,
    )
    def create(self, request, slug):
        data = WebhookEndpointSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint = endpoint_create(
            deliberation=self.deliberation, by=request.user, **data.validated_data
        )
        body = WebhookEndpointCreatedSerializer(endpoint).data
        return Response(body, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        endpoint_delete(instance, by=self.request.user)

    @extend_schema(
        parameters=[ID],
        responses={200: WebhookDeliverySerializer(many=True), **REFUSED},
        description="The endpoint's delivery log, newest first: each delivery with its attempts.",
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request, slug, pk=None):
        endpoint = self.get_object()
        page = self.paginate_queryset(endpoint.deliveries.prefetch_related("log"))
        return self.get_paginated_response(WebhookDeliverySerializer(page, many=True).data)

    @extend_schema(
        request=None,
        parameters=[ID, OpenApiParameter("delivery_id", str, OpenApiParameter.PATH)],
        responses={202: WebhookDeliverySerializer, **REFUSED},
        description="Send a delivery again, with the same delivery id and body.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"deliveries/(?P<delivery_id>[0-9a-f-]{36})/redeliver",
    )
    def redeliver(self, request, slug, pk=None, delivery_id=None):
        delivery = self.get_object().deliveries.filter(delivery_id=delivery_id).first()
        if delivery is None:
            raise NotFound("No such delivery for this endpoint.")
        delivery = delivery_redeliver(delivery, by=request.user)
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
