"""Pending work found from the rows, not the queue: a periodic sweep (Celery beat, and when a
worker starts) re-enqueues what a row says is still to do, so a message lost with a dead worker
(the embedded broker deletes a message on receipt) or a broker outage loses nothing.

One hook per kind of pending work: which rows are pending (older than a grace period, so work
just enqueued is not doubled), and the task that does it. Every task is idempotent — it checks
the row first — so a sweep that races a slow worker does nothing twice. Other stages add their
own hooks with `register` (a snapshot still "pending"/"running" with its status row, say).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from mgplatform import llm
from mgplatform.queue import registered_task

from .models import EdgeHypothesis, LLMModerationCheck, SnapshotRun, ValuesCard, WiserVote


@dataclass(frozen=True)
class PendingWork:
    name: str
    task: str  # the registered task name
    find: Callable[[datetime, datetime], Iterable[tuple]]  # (older_than, newer_than) → task args


HOOKS: dict[str, PendingWork] = {}


def register(work: PendingWork) -> PendingWork:
    HOOKS[work.name] = work
    return work


def _cards_never_linked(older_than, newer_than):
    rows = ValuesCard.objects.filter(
        status=ValuesCard.Status.SUBMITTED,
        hidden=False,
        canonical_value__isnull=True,
        submitted_at__lt=older_than,
    ).values_list("pk", flat=True)
    return ((pk,) for pk in rows.order_by("pk")[: settings.SWEEP_BATCH])


def _unchecked(model, kind: str, **filters):
    def find(older_than, newer_than):
        if not llm.llm_configured():
            return ()
        checked = LLMModerationCheck.objects.filter(kind=kind, target_id=OuterRef("pk"))
        rows = (
            model.objects.filter(created_at__lt=older_than, created_at__gte=newer_than, **filters)
            .exclude(Exists(checked))
            .values_list("pk", flat=True)
        )
        return ((kind, pk) for pk in rows.order_by("pk")[: settings.SWEEP_BATCH])

    return find


register(PendingWork("cards never linked", "moralgraph.dedupe_card", _cards_never_linked))
# LLM moderation looks at what participants wrote: submitted cards, their stories, comments.
register(
    PendingWork(
        "cards never checked",
        "moralgraph.moderate_content",
        _unchecked(ValuesCard, "card", status=ValuesCard.Status.SUBMITTED),
    )
)
register(
    PendingWork(
        "stories never checked",
        "moralgraph.moderate_content",
        _unchecked(EdgeHypothesis, "hypothesis", author__isnull=False),
    )
)
register(
    PendingWork(
        "comments never checked",
        "moralgraph.moderate_content",
        _unchecked(WiserVote, "comment", comment__gt=""),
    )
)


SNAPSHOT_RUN_STALE = timedelta(minutes=30)  # far beyond a snapshot's compute time


def _snapshots_never_finished(older_than, newer_than):
    """Runs never picked up, and runs whose worker died mid-way (running for far too long: put
    back in the queue, so the task, which takes only queued runs, computes them again)."""
    S = SnapshotRun.Status
    SnapshotRun.objects.filter(
        status=S.RUNNING, started_at__lt=older_than - SNAPSHOT_RUN_STALE
    ).update(status=S.QUEUED, step="Queued again: its worker stopped")
    rows = SnapshotRun.objects.filter(
        status=S.QUEUED, created_at__lt=older_than, created_at__gte=newer_than
    ).values_list("pk", flat=True)
    return ((pk,) for pk in rows.order_by("pk")[: settings.SWEEP_BATCH])


register(
    PendingWork("snapshots never finished", "moralgraph.run_snapshot", _snapshots_never_finished)
)


def sweep_pending(now: datetime | None = None) -> dict[str, int]:
    """Re-enqueue every hook's pending rows; how many, per hook."""
    now = now or timezone.now()
    older_than = now - timedelta(seconds=settings.SWEEP_GRACE_SECONDS)
    newer_than = now - timedelta(hours=settings.SWEEP_WINDOW_HOURS)
    counts = {}
    for work in HOOKS.values():
        task = registered_task(work.task)
        n = 0
        for args in work.find(older_than, newer_than):
            task.delay(*args)
            n += 1
        counts[work.name] = n
    return counts
