"""Sending one delivery: the signed POST, its log line, and whether (and when) to try again.

A 2xx delivers; a network error, a timeout, 408, 429 or a 5xx is retried with exponential
backoff until WEBHOOK_MAX_ATTEMPTS; any other status is the receiver's refusal and ends it.
"""

import json
import time
from dataclasses import dataclass
from datetime import timedelta

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mgplatform.versions import code_version

from ..models import WebhookAttempt, WebhookDelivery
from . import signing
from .addresses import UrlRefused, check_url

RETRIED_STATUSES = {408, 429}


@dataclass(frozen=True)
class Outcome:
    status: str  # a WebhookDelivery.Status
    retry_in: float | None = None  # seconds, when another attempt is due


def backoff_seconds(attempt: int) -> float:
    """The wait after failed attempt number `attempt` (1, 2, …): BASE · 2^(attempt-1), capped."""
    base = settings.WEBHOOK_RETRY_BASE_SECONDS
    return min(base * 2 ** (attempt - 1), settings.WEBHOOK_RETRY_MAX_SECONDS)


def delivery_body(delivery: WebhookDelivery) -> bytes:
    """The JSON body: the same bytes on every attempt (the delivery's fixed payload)."""
    document = {
        "id": str(delivery.delivery_id),
        "event": delivery.event,
        "createdAt": delivery.created_at.isoformat(),
        "deliberation": delivery.endpoint.deliberation.slug,
        "data": delivery.payload,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


def attempt_delivery(delivery_pk: int) -> Outcome:
    """One attempt (a no-op for a delivery no longer pending), logged with its result."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("endpoint__deliberation")
            .filter(pk=delivery_pk)
            .first()
        )
        if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
            return Outcome(delivery.status if delivery else "missing")
        delivery.attempts += 1
        number = delivery.attempts
        delivery.save(update_fields=["attempts"])
    endpoint = delivery.endpoint
    body = delivery_body(delivery)
    status_code, error, refused, started = None, "", False, time.monotonic()
    try:
        check_url(endpoint.url)
        response = httpx.post(
            endpoint.url,
            content=body,
            headers={
                "Content-Type": "application/json",
                "User-Agent": f"MoralGraphPlatform-Webhooks/{code_version()[:12]}",
                signing.SIGNATURE_HEADER: signing.signature_header(endpoint.secret, body),
                signing.EVENT_HEADER: delivery.event,
                signing.DELIVERY_HEADER: str(delivery.delivery_id),
            },
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            follow_redirects=False,  # a redirect could lead into a private network
        )
        status_code = response.status_code
    except UrlRefused as exc:  # not worth retrying: the address will not become public
        error, refused = str(exc), True
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    elapsed = int((time.monotonic() - started) * 1000)
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=number,
        response_status=status_code,
        error=error[:500],
        duration_ms=elapsed,
    )
    outcome = _judge(status_code, refused, number)
    fields = {"response_status": status_code, "error": error[:2000], "status": outcome.status}
    fields["next_attempt_at"] = (
        timezone.now() + timedelta(seconds=outcome.retry_in) if outcome.retry_in else None
    )
    if outcome.status == WebhookDelivery.Status.DELIVERED:
        fields["delivered_at"] = timezone.now()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
    return outcome


def _judge(status_code: int | None, refused: bool, number: int) -> Outcome:
    if status_code is not None and 200 <= status_code < 300:
        return Outcome(WebhookDelivery.Status.DELIVERED)
    retryable = status_code is None or status_code >= 500 or status_code in RETRIED_STATUSES
    if refused or not retryable or number >= settings.WEBHOOK_MAX_ATTEMPTS:
        return Outcome(WebhookDelivery.Status.FAILED)
    return Outcome(WebhookDelivery.Status.PENDING, retry_in=backoff_seconds(number))
