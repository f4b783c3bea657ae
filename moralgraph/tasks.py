"""Celery tasks of the moral graph: thin wrappers that look a row up and call a service.

Every task is acknowledged after it finishes and rejected (redelivered) when its worker dies
(acks_late + reject_on_worker_lost), and checks its row first, so running twice changes
nothing; `sweep_pending` re-enqueues what a lost message left undone (moralgraph.sweep).
"""

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings

from mgplatform.queue import enqueue_on_commit

from .dedupe.services import card_dedupe
from .hypotheses.services import hypotheses_refresh
from .models import Deliberation, ValuesCard
from .moderation.llm_review import ModerationUnchecked, content_moderate_llm
from .snapshots.runs import snapshot_run_execute, snapshots_schedule
from .webhooks.delivery import attempt_delivery


@shared_task(name="moralgraph.dedupe_card", acks_late=True, reject_on_worker_lost=True)
def dedupe_card(card_id: int, force: bool = False) -> dict:
    """Link a submitted card to its canonical value; running it twice changes nothing."""
    card = ValuesCard.objects.filter(pk=card_id).values("status", "hidden").first()
    if card is None:
        return {"card_id": card_id, "outcome": "missing"}
    if card["status"] != ValuesCard.Status.SUBMITTED or card["hidden"]:
        return {"card_id": card_id, "outcome": "skipped"}
    result = card_dedupe(card_id, force=force)
    if result.outcome == "created":  # a new value: it needs stories to be judged against
        deliberation_id = ValuesCard.objects.values_list(
            "question__deliberation_id", flat=True
        ).get(pk=card_id)
        enqueue_on_commit(refresh_hypotheses, deliberation_id)
    return result.as_dict()


@shared_task(name="moralgraph.refresh_hypotheses", acks_late=True, reject_on_worker_lost=True)
def refresh_hypotheses(deliberation_id: int) -> dict:
    """Give new pairs of values an upgrade story (LLM within a budget, else side by side); idempotent."""
    deliberation = Deliberation.objects.filter(pk=deliberation_id).first()
    if deliberation is None or deliberation.status != Deliberation.Status.OPEN:
        return {"deliberation_id": deliberation_id, "skipped": True}
    return hypotheses_refresh(deliberation)


MODERATION_RETRIES = 6  # with backoff 30 s, 1, 2, 4, 8, 16 min: about half an hour in all


@shared_task(
    name="moralgraph.moderate_content",
    acks_late=True,
    reject_on_worker_lost=True,
    bind=True,
    max_retries=MODERATION_RETRIES,
)
def moderate_content(self, kind: str, pk: int) -> dict:
    """Ask the LLM whether new content needs a moderator; content it judged before is not asked
    again. A failed check leaves the content flagged unchecked and is retried with backoff."""
    try:
        flag = content_moderate_llm(kind, pk)
    except ModerationUnchecked as exc:
        if self.request.retries >= self.max_retries:  # stays unchecked, in the queue
            return {"kind": kind, "id": pk, "unchecked": True}
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
    return {"kind": kind, "id": pk, "flag_id": flag.pk if flag else None}


@shared_task(
    name="moralgraph.deliver_webhook",
    bind=True,
    max_retries=None,
    acks_late=True,
    reject_on_worker_lost=True,
)
def deliver_webhook(self, delivery_id: int) -> dict:
    """One signed POST of a delivery; retried with backoff (countdown) while it is due. A
    delivery no longer pending (delivered, failed) is left alone, so running it twice is safe."""
    outcome = attempt_delivery(delivery_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return {"delivery": delivery_id, "status": outcome.status}


@shared_task(name="moralgraph.run_snapshot", acks_late=True, reject_on_worker_lost=True)
def run_snapshot(run_id: int) -> dict:
    """Compute a queued snapshot run, reporting progress on its row; a run not queued is skipped."""
    run = snapshot_run_execute(run_id)
    return {"run_id": run_id, "status": run.status if run else "missing"}


@shared_task(name="moralgraph.schedule_snapshots")
def schedule_snapshots() -> dict:
    """Celery beat: queue a snapshot for every open deliberation whose votes changed and is due."""
    return {"queued": [run.pk for run in snapshots_schedule()]}


@shared_task(name="moralgraph.sweep_pending")
def sweep_pending() -> dict:
    """Re-enqueue work whose row says it is still pending (cards never linked, content the LLM
    never checked, …): nothing is lost when a worker dies or the broker drops a message."""
    from .sweep import sweep_pending as sweep

    return sweep()


@worker_ready.connect
def _sweep_when_a_worker_starts(sender=None, **kwargs) -> None:
    # After a restart the lost work of the dead worker is pending: sweep once it has aged.
    sweep_pending.apply_async(countdown=settings.SWEEP_GRACE_SECONDS + 1)
