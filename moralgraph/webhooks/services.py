"""Webhook endpoints (their owner's) and events: each event becomes one delivery per endpoint
that wants it, sent by the `moralgraph.deliver_webhook` task once the event's transaction commits."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mgplatform.queue import enqueue_on_commit

from ..access import may_manage_webhooks
from ..models import WEBHOOK_EVENTS, Deliberation, WebhookDelivery, WebhookEndpoint
from .addresses import UrlRefused, check_url

DELIVER_TASK = "moralgraph.deliver_webhook"


def _owner_only(user, deliberation: Deliberation) -> None:
    if not may_manage_webhooks(user, deliberation):
        raise PermissionDenied("Only the deliberation's owner or staff manage its webhooks.")


def endpoint_create(
    *, deliberation: Deliberation, url: str, events, description: str = "", by
) -> WebhookEndpoint:
    """A new endpoint; its `secret` is readable on the returned object only (shown once)."""
    _owner_only(by, deliberation)
    events = sorted(set(events or ()))
    unknown = [e for e in events if e not in WEBHOOK_EVENTS]
    if not events or unknown:
        raise ValidationError(
            {"events": f"Choose among {', '.join(WEBHOOK_EVENTS)}."}, code="invalid"
        )
    try:
        check_url(url)
    except UrlRefused as exc:
        raise ValidationError({"url": str(exc)}, code="invalid") from exc
    return WebhookEndpoint.objects.create(
        deliberation=deliberation,
        url=url,
        events=events,
        description=description,
        created_by=by,
    )


def endpoint_delete(endpoint: WebhookEndpoint, *, by) -> None:
    _owner_only(by, endpoint.deliberation)
    endpoint.delete()  # its log goes with it


def webhook_emit(deliberation_id: int, event: str, data: dict) -> list[WebhookDelivery]:
    """Record `event` for every active endpoint of the deliberation that wants it, and send it
    after commit (nothing is sent for a transaction that rolls back)."""
    if event not in WEBHOOK_EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    deliveries = []
    with transaction.atomic():
        for endpoint in WebhookEndpoint.objects.filter(
            deliberation_id=deliberation_id, active=True
        ):
            if event in endpoint.events:
                delivery = WebhookDelivery.objects.create(
                    endpoint=endpoint, event=event, payload=data
                )
                enqueue_on_commit(DELIVER_TASK, delivery.pk)
                deliveries.append(delivery)
    return deliveries


def delivery_redeliver(delivery: WebhookDelivery, *, by) -> WebhookDelivery:
    """Send a delivery again — the same id and body, so a receiver that saw it can ignore it."""
    _owner_only(by, delivery.endpoint.deliberation)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING, next_attempt_at=None
    )
    enqueue_on_commit(DELIVER_TASK, delivery.pk)
    delivery.refresh_from_db()
    return delivery
