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
from .moderation.llm_review import content_moderate_llm


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


@shared_task(name="moralgraph.moderate_content", acks_late=True, reject_on_worker_lost=True)
def moderate_content(kind: str, pk: int) -> dict:
    """Ask the LLM whether new content needs a moderator; content it flagged before is not asked again."""
    flag = content_moderate_llm(kind, pk)
    return {"kind": kind, "id": pk, "flag_id": flag.pk if flag else None}


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
