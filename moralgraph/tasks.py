"""Celery tasks of the moral graph: thin wrappers that look a row up and call a service."""

from celery import shared_task

from mgplatform.queue import enqueue_on_commit

from .dedupe.services import card_dedupe
from .hypotheses.services import hypotheses_refresh
from .models import Deliberation, ValuesCard
from .moderation.llm_review import content_moderate_llm
from .webhooks.delivery import attempt_delivery


@shared_task(name="moralgraph.dedupe_card", acks_late=True)
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


@shared_task(name="moralgraph.refresh_hypotheses", acks_late=True)
def refresh_hypotheses(deliberation_id: int) -> dict:
    """Give new pairs of values an upgrade story (LLM within a budget, else side by side); idempotent."""
    deliberation = Deliberation.objects.filter(pk=deliberation_id).first()
    if deliberation is None or deliberation.status != Deliberation.Status.OPEN:
        return {"deliberation_id": deliberation_id, "skipped": True}
    return hypotheses_refresh(deliberation)


@shared_task(name="moralgraph.moderate_content", acks_late=True)
def moderate_content(kind: str, pk: int) -> dict:
    """Ask the LLM whether new content needs a moderator; content it flagged before is not asked again."""
    flag = content_moderate_llm(kind, pk)
    return {"kind": kind, "id": pk, "flag_id": flag.pk if flag else None}


@shared_task(name="moralgraph.deliver_webhook", bind=True, max_retries=None, acks_late=True)
def deliver_webhook(self, delivery_id: int) -> dict:
    """One signed POST of a delivery; retried with backoff (countdown) while it is due. A
    delivery no longer pending (delivered, failed) is left alone, so running it twice is safe."""
    outcome = attempt_delivery(delivery_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return {"delivery": delivery_id, "status": outcome.status}
