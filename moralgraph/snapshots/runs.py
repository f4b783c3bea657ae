"""Snapshots in the background: a run row asked for by the console, the API or the schedule,
computed by a Celery task that reports its progress on the row.

`snapshot_request` checks what it can before anything is queued (who asks, the mode, the
parameters, `as_of`), so a bad request is refused at once with the field named; the task only
computes. `snapshots_due` is the automatic schedule: open deliberations whose votes changed
since their last snapshot, at most every `snapshot_every_minutes`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mgplatform.queue import enqueue_on_commit

from ..access import require_organiser
from ..graph.compute import COMPUTERS, SnapshotError
from ..models import Deliberation, GraphSnapshot, SnapshotRun, WiserVote
from .filters import FilterError, checked_filters
from .services import snapshot_create

TASK = "moralgraph.run_snapshot"
ACTIVE = (SnapshotRun.Status.QUEUED, SnapshotRun.Status.RUNNING)
FILTERS = "filters"


def snapshot_request(
    *,
    deliberation: Deliberation,
    requested_by,
    mode: str = GraphSnapshot.Mode.DEFAULT,
    parameters: dict | None = None,
    as_of: datetime | None = None,
    filters: dict | None = None,
    trigger: str = SnapshotRun.Trigger.MANUAL,
) -> SnapshotRun:
    """Queue a snapshot of `deliberation`; an organiser asks (the schedule asks as nobody).
    `filters` (checked now) travel in the run's parameters under "filters"."""
    if trigger == SnapshotRun.Trigger.MANUAL:
        require_organiser(requested_by, deliberation)
    if mode not in GraphSnapshot.Mode.values:
        raise ValidationError({"mode": f"Choose one of {', '.join(GraphSnapshot.Mode.values)}."})
    try:
        parameters = COMPUTERS[mode].parameters(parameters or {})
    except SnapshotError as exc:
        raise ValidationError({"parameters": str(exc)}) from exc
    try:
        filters = checked_filters(deliberation, filters)
    except FilterError as exc:
        raise ValidationError({"filters": f"{exc.field}: {exc}"}) from exc
    if filters:
        parameters = {**parameters, FILTERS: filters}
    if as_of is not None and (timezone.is_naive(as_of) or as_of > timezone.now()):
        raise ValidationError({"as_of": "as_of needs a time zone and may not be in the future."})
    with transaction.atomic():
        run = SnapshotRun.objects.create(
            deliberation=deliberation,
            mode=mode,
            parameters=parameters,
            as_of=as_of,
            trigger=trigger,
            requested_by=requested_by if trigger == SnapshotRun.Trigger.MANUAL else None,
        )
        enqueue_on_commit(TASK, run.pk)
    return run


def snapshot_run_execute(run_id: int) -> SnapshotRun | None:
    """Compute a queued run; a run already taken, finished or failed is left alone (idempotent)."""
    claimed = SnapshotRun.objects.filter(pk=run_id, status=SnapshotRun.Status.QUEUED).update(
        status=SnapshotRun.Status.RUNNING, started_at=timezone.now(), step="Starting"
    )
    run = SnapshotRun.objects.select_related("deliberation").filter(pk=run_id).first()
    if not claimed or run is None:
        return run

    def progress(fraction: float, step: str) -> None:
        SnapshotRun.objects.filter(pk=run_id).update(progress=fraction, step=step)

    parameters = dict(run.parameters)
    filters = parameters.pop(FILTERS, None)
    try:
        snapshot = snapshot_create(
            deliberation=run.deliberation,
            mode=run.mode,
            parameters=parameters,
            filters=filters,
            as_of=run.as_of,
            created_by=run.requested_by,
            progress=progress,
        )
    except (SnapshotError, FilterError) as exc:
        SnapshotRun.objects.filter(pk=run_id).update(
            status=SnapshotRun.Status.FAILED, error=str(exc), finished_at=timezone.now()
        )
    else:
        SnapshotRun.objects.filter(pk=run_id).update(
            status=SnapshotRun.Status.DONE,
            snapshot=snapshot,
            progress=1.0,
            step="Done",
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run


def snapshots_due(now: datetime | None = None) -> list[Deliberation]:
    """Open deliberations with a schedule, votes newer than their last snapshot, none in the
    making, and no snapshot taken within their interval."""
    now = now or timezone.now()
    due = []
    candidates = Deliberation.objects.filter(
        status=Deliberation.Status.OPEN, snapshot_every_minutes__gt=0
    ).annotate(
        last_vote=Max("votes__created_at"),
        last_snapshot=Max("snapshots__created_at"),
    )
    for d in candidates:
        if d.last_vote is None:
            continue
        if d.last_snapshot is not None and (
            d.last_vote <= _last_as_of(d)
            or now - d.last_snapshot < timedelta(minutes=d.snapshot_every_minutes)
        ):
            continue
        if d.snapshot_runs.filter(status__in=ACTIVE).exists():
            continue
        due.append(d)
    return due


def _last_as_of(deliberation: Deliberation) -> datetime:
    return deliberation.snapshots.order_by("-as_of").values_list("as_of", flat=True).first()


def snapshots_schedule(now: datetime | None = None) -> list[SnapshotRun]:
    """Queue a default-mode snapshot for each deliberation that is due."""
    return [
        snapshot_request(deliberation=d, requested_by=None, trigger=SnapshotRun.Trigger.SCHEDULE)
        for d in snapshots_due(now)
    ]


def votes_since_last_snapshot(deliberation: Deliberation) -> int:
    last = _last_as_of(deliberation)
    votes = WiserVote.objects.filter(deliberation=deliberation)
    return (votes.filter(created_at__gt=last) if last else votes).count()
