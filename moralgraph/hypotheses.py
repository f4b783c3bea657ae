"""Upgrade hypotheses: where they come from and which ones a participant is shown next.

Sources: participant-written stories, LLM-written stories (when an LLM is configured) and,
with neither, the two values cards side by side. Selection balances under-voted pairs,
popular values and values the participant holds, and records every impression.
"""

import random
from collections import Counter
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path

import pydantic
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count

from mgplatform import llm

from .models import (
    CanonicalValue,
    Context,
    EdgeHypothesis,
    HypothesisImpression,
    Participant,
    ValuesCard,
    WiserVote,
)
from .moderation.services import flags_for_new_content

STORY_MAX_LENGTH = 2000
# When a pair has several stories, show the most personal one.
SOURCE_PRIORITY = {"participant": 0, "llm": 1, "import": 2, "demo": 2, "side_by_side": 3}
PROMPT_PATH = Path(__file__).parent / "prompts" / "upgrade_story.v1.md"
# Weights of the selection score; see hypotheses_for_participant.
UNDER_VOTED_WEIGHT, POPULARITY_WEIGHT, HELD_VALUE_WEIGHT = 1.0, 0.5, 0.75


def _same_deliberation(*objects) -> None:
    if len({o.deliberation_id for o in objects}) != 1:
        raise ValidationError("Values and context must belong to the same deliberation.")


@transaction.atomic
def hypothesis_write(
    *, participant: Participant, from_value: CanonicalValue, to_value: CanonicalValue,
    context: Context, story: str,
) -> EdgeHypothesis:  # fmt: skip
    """A participant's own story: "I used to focus on X; now I see Y"."""
    if participant.status != Participant.Status.ACTIVE:
        raise PermissionDenied("This participant may not write stories.")
    _same_deliberation(participant, from_value, to_value, context)
    if from_value.pk == to_value.pk:
        raise ValidationError("Choose two different values.")
    story = (story or "").strip()
    if not story:
        raise ValidationError("Please write the story: what did you use to focus on, and what do you see now?")
    if len(story) > STORY_MAX_LENGTH:
        raise ValidationError(f"The story is {len(story)} characters long; the limit is {STORY_MAX_LENGTH}.")
    hypothesis = EdgeHypothesis.objects.create(
        deliberation=participant.deliberation, from_value=from_value, to_value=to_value,
        context=context, story=story, source=EdgeHypothesis.Source.PARTICIPANT, author=participant,
    )  # fmt: skip
    flags_for_new_content(hypothesis)
    return hypothesis


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
        CanonicalValue.objects.filter(deliberation=deliberation, hidden=False, merged_into=None).values_list("id", flat=True)
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


def _pairs_with_stories(deliberation) -> set[tuple[int, int, int]]:
    return set(
        EdgeHypothesis.objects.filter(deliberation=deliberation).values_list("from_value_id", "to_value_id", "context_id")
    )


@transaction.atomic
def hypotheses_generate_side_by_side(deliberation, *, max_per_context: int = 200) -> int:
    """With neither LLM nor participant stories: each pair of values of one question, per context.

    The story stays empty; the page shows the two values cards side by side instead.
    """
    existing = _pairs_with_stories(deliberation)
    new = [
        EdgeHypothesis(
            deliberation=deliberation,
            from_value_id=a,
            to_value_id=b,
            context_id=c,
            story="",
            source=EdgeHypothesis.Source.SIDE_BY_SIDE,
        )
        for a, b, c in candidate_pairs(deliberation, max_per_context=max_per_context)
        if (a, b, c) not in existing
    ]
    EdgeHypothesis.objects.bulk_create(new, batch_size=1000)
    return len(new)


def hypotheses_refresh(deliberation, *, llm_budget: int = 20) -> dict:
    """Give every candidate pair a hypothesis: LLM stories first (when configured, up to a
    budget per run), then side by side for the rest. Safe to run again at any time."""
    written = declined = 0
    if llm.llm_configured() and llm_budget > 0:
        existing = _pairs_with_stories(deliberation)
        missing = [p for p in candidate_pairs(deliberation) if p not in existing][:llm_budget]
        values = CanonicalValue.objects.in_bulk({v for a, b, _ in missing for v in (a, b)})
        contexts = Context.objects.in_bulk({c for _, _, c in missing})
        for a, b, c in missing:
            try:
                story = hypothesis_generate_llm(from_value=values[a], to_value=values[b], context=contexts[c])
            except llm.LLMError:
                break  # the LLM is away: side-by-side hypotheses keep voting going
            written += story is not None
            declined += story is None
    return {"llm": written, "llm_declined": declined, "side_by_side": hypotheses_generate_side_by_side(deliberation)}


class UpgradeStory(pydantic.BaseModel):
    plausible: bool
    story: str = pydantic.Field(default="", max_length=STORY_MAX_LENGTH)


def _card_text(value: CanonicalValue) -> str:
    policies = "\n".join(f"- {p}" for p in value.policies)
    return f"{value.title}\n{value.description}\n{policies}"


def hypothesis_generate_llm(*, from_value: CanonicalValue, to_value: CanonicalValue, context: Context) -> EdgeHypothesis | None:
    """Ask the configured LLM for an upgrade story; None when it finds no honest story.

    Raises mgplatform.llm.LLMError when the LLM is unavailable or answers badly; callers
    fall back to side-by-side hypotheses.
    """
    _same_deliberation(from_value, to_value, context)
    answer = llm.chat_json(
        [
            {"role": "system", "content": PROMPT_PATH.read_text(encoding="utf-8")},
            {"role": "user", "content": f"Situation: {context.name}\n\nValue A:\n{_card_text(from_value)}\n\nValue B:\n{_card_text(to_value)}"},
        ],
        schema=UpgradeStory,
        tool_name="upgrade_story",
        tool_description="An upgrade story from value A to value B, or plausible=false.",
        temperature=0.7,
    )
    if not answer.plausible or not answer.story.strip():
        return None
    return EdgeHypothesis.objects.create(
        deliberation=from_value.deliberation, from_value=from_value, to_value=to_value,
        context=context, story=answer.story.strip(), source=EdgeHypothesis.Source.LLM,
    )  # fmt: skip


@dataclass
class ScoredHypothesis:
    hypothesis: EdgeHypothesis
    score: float


def hypotheses_for_participant(participant: Participant, *, limit: int = 3, record: bool = True) -> list[EdgeHypothesis]:
    """The next stories to show: under-voted pairs first, then popular values and values they hold.

    score = 1/(1 + votes on the pair in that context)
          + 0.5 · (cards behind both values, relative to the most popular value)
          + 0.75 · [the participant holds one of the two values]
          + a small per-participant jitter, so participants don't all see the same order.
    Pairs the participant already judged, stories they wrote, hidden stories and values are skipped.
    """
    deliberation_id = participant.deliberation_id
    candidates = list(
        EdgeHypothesis.objects.filter(
            deliberation_id=deliberation_id, hidden=False, from_value__hidden=False, to_value__hidden=False,
            from_value__merged_into=None, to_value__merged_into=None,
        ).exclude(author=participant).select_related("from_value", "to_value", "context")
    )  # fmt: skip
    if not candidates:
        return []
    candidates.sort(key=lambda h: (SOURCE_PRIORITY.get(h.source, 9), h.pk))
    judged = set(WiserVote.objects.filter(participant=participant).values_list("from_value_id", "to_value_id", "context_id"))
    votes = Counter(
        {
            (row["from_value_id"], row["to_value_id"], row["context_id"]): row["n"]
            for row in WiserVote.objects.filter(deliberation_id=deliberation_id)
            .values("from_value_id", "to_value_id", "context_id").annotate(n=Count("id"))
        }
    )
    popularity = Counter(
        dict(
            ValuesCard.objects.filter(question__deliberation_id=deliberation_id, status="submitted", canonical_value__isnull=False)
            .values_list("canonical_value_id").annotate(n=Count("id")).values_list("canonical_value_id", "n")
        )
    )
    most_popular = max(popularity.values(), default=1) or 1
    held = set(participant.cards.exclude(canonical_value=None).values_list("canonical_value_id", flat=True))
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
            + POPULARITY_WEIGHT * (popularity[h.from_value_id] + popularity[h.to_value_id]) / (2 * most_popular)
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
