"""Webhooks for labs: endpoints a deliberation's owner registers, and a log of every delivery."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from .deliberations import Deliberation

WEBHOOK_EVENTS = ("snapshot.created", "job.finished")


def new_webhook_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A URL that receives a deliberation's events, signed with its secret (shown once)."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list)  # a subset of WEBHOOK_EVENTS
    # Signing needs the secret itself (HMAC), so it is stored; no page or API shows it again.
    secret = models.CharField(max_length=100, default=new_webhook_secret, editable=False)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("deliberation", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="webhook_url_is_http",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deliberation.slug} → {self.url}"


class WebhookDelivery(models.Model):
    """One event for one endpoint: its id is the receiver's idempotency key, the same on every
    retry and redelivery."""

    class Status(models.TextChoices):
        PENDING = "pending"  # not sent yet, or waiting for a retry
        DELIVERED = "delivered"
        FAILED = "failed"  # retries spent, or refused with a 4xx

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(max_length=32)
    payload = models.JSONField()  # the body's `data`, fixed when the event happened
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "delivered", "failed"]),
                name="webhook_delivery_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(event__in=list(WEBHOOK_EVENTS)), name="webhook_delivery_event_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.delivery_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery: what came back, how long it took."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveIntegerField()
    response_status = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("delivery", "number")
        constraints = [
            models.UniqueConstraint(fields=("delivery", "number"), name="webhook_attempt_once"),
        ]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.response_status or self.error[:40]}"
