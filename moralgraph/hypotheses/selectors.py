"""Which upgrade hypotheses exist or are worth writing, and which ones a participant sees next.

Selection balances under-voted pairs, popular values and values the participant holds, and
records every impression.
"""

import random
from collections import Counter
from dataclasses import dataclass
from itertools import permutations

from django.db.models import Count, QuerySet

from ..models import (
    CanonicalValue,
    Context,
    EdgeHypothesis,
    HypothesisImpression,
    Participant,
    ValuesCard,
    WiserVote,
)

# When a pair has several stories, show the most personal one.
SOURCE_PRIORITY = {"participant": 0, "llm": 1, "import": 2, "demo": 2, "side_by_side": 3}
# Weights of the selection score; see hypotheses_for_participant.
UNDER_VOTED_WEIGHT, POPULARITY_WEIGHT, HELD_VALUE_WEIGHT = 1.0, 0.5, 0.75


def value_questions(deliberation) -> dict[int, set[int]]:
    """Which questions each canonical value was written for (through its cards)."""
    pairs = ValuesCard.objects.filter(
        question__deliberation=deliberation, canonical_value__isnull=False, status="submitted"
    ).values_list("canonical_value_id", "question_id")
    out: dict[int, set[int]] = {}
    for value_id, question_id in pairs:
        out.setdefault(value_id, set()).add(question_id)
    return out


def candidate_pairs(deliberation, *, max_per_context: int = 200) -> list[tuple[int, int, int]]:
    """(from, to, context) for every ordered pair of visible values written for one question,
    in each context of that question: the pairs worth a story."""
    by_question: dict[int, list[int]] = {}
    visible = set(
        CanonicalValue.objects.filter(
            deliberation=deliberation, hidden=False, merged_into=None
        ).values_list("id", flat=True)
    )
    for value_id, questions in value_questions(deliberation).items():
        if value_id in visible:
            for q in questions:
                by_question.setdefault(q, []).append(value_id)
    pairs = []
    for context in Context.objects.filter(deliberation=deliberation).prefetch_related("questions"):
        candidates = {
            pair
            for question in context.questions.all()
            for pair in permutations(sorted(by_question.get(question.pk, [])), 2)
        }
        pairs.extend((a, b, context.pk) for a, b in sorted(candidates)[:max_per_context])
    return pairs


def pairs_with_stories(deliberation) -> set[tuple[int, int, int]]:
    return set(
        EdgeHypothesis.objects.filter(deliberation=deliberation).values_list(
            "from_value_id", "to_value_id", "context_id"
        )
    )


@dataclass
class ScoredHypothesis:
    hypothesis: EdgeHypothesis
    score: float


def stories_to_judge(deliberation_id: int) -> QuerySet[EdgeHypothesis]:
    """The deliberation's stories a participant may judge: neither the story nor either of its
    values hidden, and neither value merged into another."""
    return EdgeHypothesis.objects.filter(
        deliberation_id=deliberation_id,
        hidden=False,
        from_value__hidden=False,
        to_value__hidden=False,
        from_value__merged_into=None,
        to_value__merged_into=None,
    )


def hypotheses_for_participant(
    participant: Participant, *, limit: int = 3, record: bool = True
) -> list[EdgeHypothesis]:
    """The next stories to show: under-voted pairs first, then popular values and values they hold.

    score = 1/(1 + votes on the pair in that context)
          + 0.5 · (cards behind both values, relative to the most popular value)
          + 0.75 · [the participant holds one of the two values]
          + a small per-participant jitter, so participants don't all see the same order.
    Pairs the participant already judged, stories they wrote, hidden stories and values are skipped.
    """
    deliberation_id = participant.deliberation_id
    candidates = list(
        stories_to_judge(deliberation_id)
        .exclude(author=participant)
        .select_related("from_value", "to_value", "context")
    )
    if not candidates:
        return []
    candidates.sort(key=lambda h: (SOURCE_PRIORITY.get(h.source, 9), h.pk))
    judged = set(
        WiserVote.objects.filter(participant=participant).values_list(
            "from_value_id", "to_value_id", "context_id"
        )
    )
    votes = Counter(
        {
            (row["from_value_id"], row["to_value_id"], row["context_id"]): row["n"]
            for row in WiserVote.objects.filter(deliberation_id=deliberation_id)
            .values("from_value_id", "to_value_id", "context_id")
            .annotate(n=Count("id"))
        }
    )
    popularity = Counter(
        dict(
            ValuesCard.objects.filter(
                question__deliberation_id=deliberation_id,
                status="submitted",
                canonical_value__isnull=False,
            )
            .values_list("canonical_value_id")
            .annotate(n=Count("id"))
            .values_list("canonical_value_id", "n")
        )
    )
    most_popular = max(popularity.values(), default=1) or 1
    held = set(
        participant.cards.exclude(canonical_value=None).values_list("canonical_value_id", flat=True)
    )
    rng = random.Random(participant.pk)  # stable for a participant, different across them
    scored = []
    seen_pairs = set()
    for h in candidates:
        key = (h.from_value_id, h.to_value_id, h.context_id)
        if key in judged or key in seen_pairs:
            continue
        seen_pairs.add(key)  # one story per pair: the votes are per pair, not per story
        score = (
            UNDER_VOTED_WEIGHT / (1 + votes[key])
            + POPULARITY_WEIGHT
            * (popularity[h.from_value_id] + popularity[h.to_value_id])
            / (2 * most_popular)
            + HELD_VALUE_WEIGHT * bool({h.from_value_id, h.to_value_id} & held)
            + rng.random() * 0.05
        )
        scored.append(ScoredHypothesis(h, score))
    scored.sort(key=lambda s: s.score, reverse=True)
    chosen = [s.hypothesis for s in scored[:limit]]
    if record and chosen:
        HypothesisImpression.objects.bulk_create(
            HypothesisImpression(participant=participant, hypothesis=h) for h in chosen
        )
    return chosen


def values_to_offer(deliberation) -> QuerySet[CanonicalValue]:
    """The values a participant may name in a story: visible and not merged (`rules` enforces it)."""
    return CanonicalValue.objects.filter(
        deliberation=deliberation, hidden=False, merged_into=None
    ).order_by("title")
