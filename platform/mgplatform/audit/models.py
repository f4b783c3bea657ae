"""The audit log's one table. Rows are only ever added: the database refuses UPDATE and DELETE."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q


class AuditLogImmutable(Exception):
    """An audit entry was about to be changed or deleted; the log only grows."""


class AuditEntryQuerySet(models.QuerySet):
    # The triggers refuse these too (see db_triggers.py); this gives the clearer error first.
    def update(self, **kwargs):
        raise AuditLogImmutable("Audit entries cannot be changed.")

    def delete(self):
        raise AuditLogImmutable("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One decision: an actor did `action` to a target, with the state before and after, and why.

    The target is named by type, id and a short label (not a foreign key), so the platform
    needs no import of the apps it records and an entry outlives its target.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept when the account is deleted (the trigger lets only `actor` become NULL).
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=64, help_text='What was done, e.g. "card.hide".')
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=200, blank=True)
    deliberation_slug = models.SlugField(max_length=64, blank=True)
    before = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "audit entries"
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(fields=("deliberation_slug", "created_at")),
            models.Index(fields=("action", "created_at")),
            models.Index(fields=("target_type", "target_id")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__regex=r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$"),
                name="audit_action_is_dotted_slug",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogImmutable("Audit entries cannot be changed; record a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogImmutable("Audit entries cannot be deleted.")
