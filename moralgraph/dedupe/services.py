"""Deduplication writes: link values cards to canonical values; moderators merge and split them.

`card_dedupe` embeds a submitted card and links it to the most similar canonical value of its
deliberation, or starts a new one. Clear cases are decided by the embedding; borderline ones
by an LLM when one is configured, otherwise conservatively: a new canonical value, because
two distinct values silently merged would be worse than a duplicate a moderator can merge.
"""

import logging
from dataclasses import asdict, dataclass
from enum import StrEnum

import numpy as np
import pydantic
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mgplatform import llm

from ..access import require_moderator
from ..models import CanonicalValue, Deliberation, Participant, ValuesCard
from . import embeddings
from .cluster import Decision, match_cards

logger = logging.getLogger(__name__)

# Decide, ask the LLM outside the transaction, decide again; a third round never asks.
MAX_DEDUPE_ROUNDS = 3


class Outcome(StrEnum):
    ALREADY_LINKED = "already_linked"
    LINKED = "linked"
    CREATED = "created"


@dataclass(frozen=True)
class DedupeResult:
    card_id: int
    canonical_value_id: int
    outcome: Outcome
    # Cosine similarity to the nearest canonical value compared (None: there was none).
    similarity: float | None = None
    borderline: bool = False
    # The LLM's answer for a borderline card: same value or not; None when not asked or failed.
    llm_said_same: bool | None = None

    def as_dict(self) -> dict:
        return {**asdict(self), "outcome": str(self.outcome)}


class SameValueVerdict(pydantic.BaseModel):
    same: bool = pydantic.Field(description="True only if both describe the same value.")
    reason: str = pydantic.Field(default="", description="One sentence on why.")


SAME_VALUE_INSTRUCTIONS = (
    "You help deduplicate values cards in a deliberation about what an AI should honour. "
    "A values card names what a person pays attention to when making a meaningful choice: "
    "a title, a description and attentional policies (the things they attend to). "
    "Two cards describe the same value when a person guided by one would attend to "
    "essentially the same things, for the same reasons, as a person guided by the other, "
    "even if the wording or the personal story differs. Cards that merely share a topic, "
    "or where one attends to clearly different things, are different values. "
    "When unsure, answer that they are different."
)


def card_dedupe(card_id: int, *, force: bool = False) -> DedupeResult:
    """Link a submitted card to its canonical value, creating one if none matches.

    Idempotent: a card already linked is left alone unless `force` (then it is matched
    again). The slow steps (embedding, the LLM) run outside transactions; the
    decision and the write run under a lock on the deliberation, so two cards of a new value
    deduplicated at once cannot both create it.
    """
    card = ValuesCard.objects.select_related("question").get(pk=card_id)
    if card.status != ValuesCard.Status.SUBMITTED:
        raise ValidationError("Only submitted values cards are deduplicated; this one is a draft.")
    if card.canonical_value_id and not force:
        return _unchanged(card)
    vector = embeddings.embed_values([card])[0]  # fresh: a stored one may be another model's
    deliberation_id = card.question.deliberation_id
    _candidate_values(deliberation_id, len(vector))  # embeds values that lack it, unlocked
    verdicts: dict[int, bool | None] = {}
    for round_ in range(MAX_DEDUPE_ROUNDS):
        with transaction.atomic():
            _lock_deliberation(deliberation_id)
            card = ValuesCard.objects.select_for_update().get(pk=card_id)
            if card.canonical_value_id and not force:
                return _unchanged(card)  # another worker linked it meanwhile
            ids, matrix = _candidate_values(deliberation_id, len(vector))
            [match] = match_cards(vector[None, :], matrix)
            target_id = ids[match.index] if match.index is not None else None
            borderline = match.decision is Decision.BORDERLINE
            ask = borderline and target_id not in verdicts and llm.llm_configured()
            if not ask or round_ == MAX_DEDUPE_ROUNDS - 1:
                same = match.decision is Decision.LINK or (
                    borderline and verdicts.get(target_id) is True
                )
                return _link_or_create(
                    card,
                    vector,
                    target_id if same else None,
                    similarity=match.similarity,
                    borderline=borderline,
                    llm_said_same=verdicts.get(target_id) if borderline else None,
                )
        verdicts[target_id] = _llm_says_same_value(card, CanonicalValue.objects.get(pk=target_id))
    raise AssertionError("unreachable: the last round always decides")


def _unchanged(card: ValuesCard) -> DedupeResult:
    return DedupeResult(
        card.pk, card.canonical_value_id, Outcome.ALREADY_LINKED, card.dedupe_similarity
    )


def _lock_deliberation(deliberation_id: int) -> None:
    # SQLite ignores FOR UPDATE; its IMMEDIATE transactions (see settings) serialise writers.
    list(Deliberation.objects.select_for_update().filter(pk=deliberation_id).values_list("pk"))


def _candidate_values(deliberation_id: int, dimension: int) -> tuple[list[int], np.ndarray]:
    """Ids and embeddings of the values a card may join: visible, not merged away.

    Values without a stored embedding (imported, or embedded by another model) are embedded
    from their own text and stored.
    """
    values = list(
        CanonicalValue.objects.filter(
            deliberation_id=deliberation_id, hidden=False, merged_into__isnull=True
        )
        .only("id", "title", "description", "policies", "embedding")
        .order_by("id")
    )
    vectors = [embeddings.from_bytes(v.embedding) for v in values]
    stale = [i for i, vec in enumerate(vectors) if vec is None or len(vec) != dimension]
    if stale:
        fresh = embeddings.embed_values([values[i] for i in stale])
        for i, vec in zip(stale, fresh, strict=True):
            vectors[i] = vec
            values[i].embedding = embeddings.to_bytes(vec)
        CanonicalValue.objects.bulk_update([values[i] for i in stale], ["embedding"])
    matrix = np.stack(vectors) if vectors else np.zeros((0, dimension), dtype=np.float32)
    return [v.pk for v in values], matrix


def _link_or_create(
    card: ValuesCard,
    vector: np.ndarray,
    target_id: int | None,
    *,
    similarity: float | None,
    borderline: bool,
    llm_said_same: bool | None,
) -> DedupeResult:
    card.embedding = embeddings.to_bytes(vector)
    if target_id is None:
        target_id = _value_from_card(card).pk
        outcome, card.dedupe_similarity = Outcome.CREATED, 1.0
    else:
        outcome, card.dedupe_similarity = Outcome.LINKED, similarity
    if card.canonical_value_id != target_id:
        card.canonical_confirmed = None  # the author has not seen this value yet
        card.canonical_value_id = target_id
    card.save(
        update_fields=[
            "embedding",
            "canonical_value",
            "dedupe_similarity",
            "canonical_confirmed",
            "updated_at",
        ]
    )
    return DedupeResult(card.pk, target_id, outcome, similarity, borderline, llm_said_same)


def _value_from_card(card: ValuesCard) -> CanonicalValue:
    return CanonicalValue.objects.create(
        deliberation_id=card.question.deliberation_id,
        title=card.title,
        description=card.description,
        policies=list(card.policies or []),
        embedding=card.embedding,
        created_at=timezone.now(),
    )


def _llm_says_same_value(card: ValuesCard, value: CanonicalValue) -> bool | None:
    """Ask the LLM whether the card and the value are one value; None when it cannot say."""

    def describe(label: str, item) -> str:
        policies = "\n".join(f"- {p}" for p in item.policies or [])
        return f"{label}\nTitle: {item.title}\nDescription: {item.description}\nAttends to:\n{policies}"

    messages = [
        {"role": "system", "content": SAME_VALUE_INSTRUCTIONS},
        {
            "role": "user",
            "content": f"{describe('Card A', card)}\n\n{describe('Card B', value)}\n\n"
            "Do A and B describe the same value?",
        },
    ]
    try:
        verdict = llm.chat_json(messages, schema=SameValueVerdict, tool_name="same_value")
    except llm.LLMError as exc:
        logger.warning("Dedupe of card %s: no LLM verdict (%s); keeping it apart", card.pk, exc)
        return None
    return verdict.same


# --- Moderators: merge and split canonical values -------------------------------------------


@transaction.atomic
def canonical_value_merge(source: CanonicalValue, target: CanonicalValue, *, by) -> CanonicalValue:
    """Merge `source` into `target`: its cards move to the target, and the graph counts its
    votes and upgrade hypotheses as the target's (they stay stored as they were cast)."""
    require_moderator(by, source.deliberation)
    if source.deliberation_id != target.deliberation_id:
        raise ValidationError("Only canonical values of the same deliberation can be merged.")
    if source.pk == target.pk:
        raise ValidationError("A canonical value cannot be merged into itself.")
    locked = CanonicalValue.objects.select_for_update().order_by("pk")
    rows = {v.pk: v for v in locked.filter(pk__in=(source.pk, target.pk))}
    source, target = rows[source.pk], rows[target.pk]
    if source.merged_into_id is not None:
        raise ValidationError(f"“{source}” is already merged into another canonical value.")
    if target.merged_into_id is not None:
        raise ValidationError(
            f"“{target}” is itself merged into another canonical value; merge into that one."
        )
    if target.hidden:
        raise ValidationError(f"“{target}” is hidden; unhide it before merging into it.")
    now = timezone.now()
    # Keep merges one level deep, so resolving a value is a single lookup.
    CanonicalValue.objects.filter(merged_into=source).update(merged_into=target, updated_at=now)
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    # dedupe_similarity None: a person linked these cards, not a similarity.
    source.cards.update(
        canonical_value=target, dedupe_similarity=None, canonical_confirmed=None, updated_at=now
    )
    logger.info("Canonical value %s merged into %s by user %s", source.pk, target.pk, by.pk)
    return target


@transaction.atomic
def canonical_value_split(value: CanonicalValue, card_ids, *, by) -> CanonicalValue:
    """Move the given cards of `value` to a new canonical value, worded like the first of them."""
    require_moderator(by, value.deliberation)
    value = CanonicalValue.objects.select_for_update().get(pk=value.pk)
    if value.merged_into_id is not None:
        raise ValidationError(f"“{value}” is merged into another canonical value; split that one.")
    wanted = set(card_ids)
    if not wanted:
        raise ValidationError("Choose at least one values card to split off.")
    cards = list(
        ValuesCard.objects.select_for_update()
        .select_related("question")
        .filter(pk__in=wanted, canonical_value=value)
        .order_by("submitted_at", "pk")
    )
    missing = wanted - {c.pk for c in cards}
    if missing:
        raise ValidationError(
            f"Values cards {', '.join(map(str, sorted(missing)))} do not belong to “{value}”."
        )
    new_value = _split_off(cards)
    logger.info(
        "Cards %s split from %s into %s by user %s", sorted(wanted), value.pk, new_value.pk, by.pk
    )
    return new_value


def _split_off(cards: list[ValuesCard]) -> CanonicalValue:
    new_value = _value_from_card(cards[0])
    ValuesCard.objects.filter(pk__in=[c.pk for c in cards]).update(
        canonical_value=new_value,
        dedupe_similarity=None,
        canonical_confirmed=None,
        updated_at=timezone.now(),
    )
    return new_value


# --- Participants: "is this the same as your value?" ----------------------------------------


@transaction.atomic
def card_confirm_canonical(card: ValuesCard, participant: Participant, same: bool) -> ValuesCard:
    """Record the author's answer; "not the same" moves the card to a canonical value of its own."""
    if participant.pk != card.author_id:
        raise PermissionDenied("Only the author of a values card can answer for it.")
    if participant.status != Participant.Status.ACTIVE:
        raise PermissionDenied("This participant may not change values cards.")
    card = ValuesCard.objects.select_for_update().select_related("question").get(pk=card.pk)
    if card.canonical_value_id is None:
        raise ValidationError("This values card has not been matched to a canonical value yet.")
    if not same and not worded_as(card, card.canonical_value):
        card.canonical_value = _split_off([card])
    card.canonical_confirmed = same  # kept after a split: it measures how good dedupe was
    card.save(update_fields=["canonical_value", "canonical_confirmed", "updated_at"])
    return card


def worded_as(card: ValuesCard, value: CanonicalValue) -> bool:
    """The value was made from this card (or one worded identically): nothing to split from."""
    return (card.title, card.description, list(card.policies or [])) == (
        value.title,
        value.description,
        list(value.policies or []),
    )


# --- Reads for graph code: merged values count as their target -------------------------------


def canonical_id_map(deliberation: Deliberation) -> dict[int, int]:
    """Every canonical value id of the deliberation mapped to the id it counts as in the graph.

    Unmerged values map to themselves; merged ones to the value they were merged into,
    following chains left by older merges (and stopping on a cycle, which merges prevent).
    """
    merged_into = dict(
        CanonicalValue.objects.filter(deliberation=deliberation).values_list("id", "merged_into_id")
    )
    resolved = {}
    for pk in merged_into:
        seen, current = {pk}, pk
        while merged_into.get(current) is not None and merged_into[current] not in seen:
            current = merged_into[current]
            seen.add(current)
        resolved[pk] = current
    return resolved


def canonical_value_resolved_id(value: CanonicalValue) -> int:
    """The id a canonical value counts as in the graph: its own, or its merge target's."""
    return canonical_id_map(value.deliberation)[value.pk] if value.merged_into_id else value.pk
