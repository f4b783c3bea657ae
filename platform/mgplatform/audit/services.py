"""Writing and reading the audit log. Apps record their decisions here, naming targets by type and id."""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from ..spreadsheets import text_cell
from .models import AuditEntry

SYSTEM_ACTOR = "system"
LABEL_MAX = 200


@dataclass(frozen=True)
class AuditTarget:
    """What a decision was about: a type in the app's words ("card"), its id and a short label."""

    type: str
    id: int | str
    label: str = ""


def _target(target) -> AuditTarget:
    if isinstance(target, AuditTarget):
        return target
    if isinstance(target, models.Model):  # any row: "app_label.model_name", pk, str()
        return AuditTarget(target._meta.label_lower, target.pk, str(target))
    raise TypeError(
        f"audit target must be an AuditTarget or a model instance, not {type(target).__name__}"
    )


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def audit_record(
    *,
    actor,
    action: str,
    target,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    deliberation_slug: str = "",
) -> AuditEntry:
    """Append one entry; call it inside the transaction of the change it records.

    `actor` is a user or None (the platform itself); `before` and `after` are JSON-able
    dicts of what changed.
    """
    target = _target(target)
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=actor.get_username() if actor is not None else SYSTEM_ACTOR,
        action=action,
        target_type=target.type,
        target_id=str(target.id),
        target_label=_short(target.label, LABEL_MAX),
        deliberation_slug=deliberation_slug or "",
        before=before or {},
        after=after or {},
        reason=(reason or "").strip(),
    )


def audit_entries(
    *,
    actor: str = "",
    action: str = "",
    deliberation_slugs: Iterable[str] | None = None,
    deliberation_slug: str = "",
    target_type: str = "",
    target_id: str = "",
    since=None,
    until=None,
) -> models.QuerySet[AuditEntry]:
    """Entries, newest first, filtered; `deliberation_slugs` (when given) bounds what a reader may see.

    `actor` matches the actor's label exactly; `action` matches exactly, or a prefix when it
    ends with "." ("card." for every card action); `since`/`until` bound `created_at` inclusively.
    """
    qs = AuditEntry.objects.all()
    if deliberation_slugs is not None:
        qs = qs.filter(deliberation_slug__in=list(deliberation_slugs))
    if deliberation_slug:
        qs = qs.filter(deliberation_slug=deliberation_slug)
    if actor:
        qs = qs.filter(actor_label=actor)
    if action:
        qs = (
            qs.filter(action__startswith=action)
            if action.endswith(".")
            else qs.filter(action=action)
        )
    if target_type:
        qs = qs.filter(target_type=target_type)
    if target_id:
        qs = qs.filter(target_id=str(target_id))
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    if until is not None:
        qs = qs.filter(created_at__lte=until)
    return qs.order_by("-created_at", "-id")


CSV_COLUMNS = (
    "id",
    "created_at",
    "actor",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "deliberation",
    "reason",
    "before",
    "after",
)


def _cell(value) -> str:
    text = (
        value
        if isinstance(value, str)
        else json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    )
    return text_cell(text)


def audit_csv(entries: models.QuerySet[AuditEntry], *, chunk_size: int = 2000) -> Iterator[str]:
    """The entries as CSV text, row by row, for a streaming response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield flush()
    for e in entries.iterator(chunk_size=chunk_size):
        writer.writerow(
            [
                e.pk,
                e.created_at.isoformat(),
                _cell(e.actor_label),
                e.action,
                e.target_type,
                e.target_id,
                _cell(e.target_label),
                e.deliberation_slug,
                _cell(e.reason),
                _cell(e.before),
                _cell(e.after),
            ]
        )
        yield flush()
