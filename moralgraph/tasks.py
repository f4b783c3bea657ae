"""Celery tasks of the moral graph: thin wrappers that look a row up and call a service."""

from celery import shared_task

from mgplatform.queue import enqueue_on_commit

from .dedupe.services import card_dedupe
from .models import ValuesCard


@shared_task(name="moralgraph.dedupe_card", acks_late=True)
def dedupe_card(card_id: int, force: bool = False) -> dict:
    """Link a submitted card to its canonical value; running it twice changes nothing."""
    card = ValuesCard.objects.filter(pk=card_id).values("status", "hidden").first()
    if card is None:
        return {"card_id": card_id, "outcome": "missing"}
    if card["status"] != ValuesCard.Status.SUBMITTED or card["hidden"]:
        return {"card_id": card_id, "outcome": "skipped"}
    return card_dedupe(card_id, force=force).as_dict()


def dedupe_enqueue(card: ValuesCard, *, force: bool = False) -> None:
    """Deduplicate the card in a worker once the current transaction commits (again if edited)."""
    enqueue_on_commit(dedupe_card, card.pk, force=force)
