"""How every moderation decision is made and recorded: locked rows, resolved flags, audit entries."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from mgplatform.audit.models import AuditEntry
from mgplatform.audit.services import AuditTarget, audit_record

from ..models import Flag
from .flags import REASON_MAX_LENGTH
from .pii import redact
from .targets import deliberation_of, kind_of, target_label


def checked_reason(reason: str, *, required: bool = True) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({"reason": "Give a reason: it is kept in the audit log."})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": f"Keep the reason under {REASON_MAX_LENGTH} characters."})
    return reason


@dataclass
class Decision:
    """What one moderation action did; `entry` is None when there was nothing to change."""

    action: str
    target: object
    changed: bool
    entry: AuditEntry | None = None
    warnings: list[str] = field(default_factory=list)


def locked(target):
    return type(target).objects.select_for_update().get(pk=target.pk)


def save_fields(obj, *names: str) -> None:
    if any(f.name == "updated_at" for f in obj._meta.fields):
        names = (*names, "updated_at")
    obj.save(update_fields=list(names))


def resolve_flags(target, *, by, resolution: str) -> list[int]:
    kind = kind_of(target)
    open_flags = Flag.objects.filter(status=Flag.Status.OPEN, **{kind.flag_field: target})
    ids = sorted(open_flags.values_list("pk", flat=True))
    if ids:
        Flag.objects.filter(pk__in=ids).update(
            status=Flag.Status.RESOLVED,
            resolution=resolution,
            resolved_by=by,
            resolved_at=timezone.now(),
        )
    return ids


def audit(by, action: str, target, *, before: dict, after: dict, reason: str) -> AuditEntry:
    kind = kind_of(target)
    return audit_record(
        actor=by,
        action=action,
        target=AuditTarget(kind.name, target.pk, target_label(target)),
        before=before,
        after=after,
        reason=reason,
        deliberation_slug=deliberation_of(target).slug,
    )


def redacted_fields(fields: dict) -> dict:
    """Text for the audit log, which can never be erased: personal data in it is redacted."""
    return {
        k: [redact(x) for x in v] if isinstance(v, list) else redact(v) for k, v in fields.items()
    }
