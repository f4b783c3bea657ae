"""Upgrade hypotheses: participants' own stories, LLM-written stories, and side-by-side pairs.

Sources: participant-written stories, LLM-written stories (when an LLM is configured) and,
with neither, the two values cards side by side.
"""

from pathlib import Path

import pydantic
from django.core.exceptions import ValidationError
from django.db import transaction

from mgplatform import llm

from ..models import STORY_MAX_LENGTH, CanonicalValue, Context, EdgeHypothesis, Participant
from ..moderation.flags import flags_for_new_content
from ..participation.rules import require_taking_part
from .rules import usable_pair
from .selectors import candidate_pairs, pairs_with_stories

PROMPT_PATH = Path(__file__).parent / "prompts" / "upgrade_story.v1.md"


@transaction.atomic
def hypothesis_write(
    *, participant: Participant, from_value, to_value, context, story: str
) -> EdgeHypothesis:
    """A participant's own story: "I used to focus on X; now I see Y".

    Values and context may be instances or ids; the same refusals as for votes apply.
    """
    require_taking_part(participant, to="write stories", new="stories")
    from_value, to_value, context = usable_pair(
        participant.deliberation, from_value, to_value, context
    )
    story = (story or "").strip()
    if not story:
        raise ValidationError(
            {
                "story": "Please write the story: what did you use to focus on, and what do you see now?"
            }
        )
    if len(story) > STORY_MAX_LENGTH:
        raise ValidationError(
            {
                "story": f"The story is {len(story)} characters long; the limit is {STORY_MAX_LENGTH}."
            }
        )
    hypothesis = EdgeHypothesis.objects.create(
        deliberation=participant.deliberation,
        from_value=from_value,
        to_value=to_value,
        context=context,
        story=story,
        source=EdgeHypothesis.Source.PARTICIPANT,
        author=participant,
    )
    flags_for_new_content(hypothesis)
    return hypothesis


@transaction.atomic
def hypotheses_generate_side_by_side(deliberation, *, max_per_context: int = 200) -> int:
    """With neither LLM nor participant stories: each pair of values of one question, per context.

    The story stays empty; the page shows the two values cards side by side instead.
    """
    existing = pairs_with_stories(deliberation)
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
        existing = pairs_with_stories(deliberation)
        missing = [p for p in candidate_pairs(deliberation) if p not in existing][:llm_budget]
        values = CanonicalValue.objects.in_bulk({v for a, b, _ in missing for v in (a, b)})
        contexts = Context.objects.in_bulk({c for _, _, c in missing})
        for a, b, c in missing:
            try:
                story = hypothesis_generate_llm(
                    from_value=values[a], to_value=values[b], context=contexts[c]
                )
            except llm.LLMError:
                break  # the LLM is away: side-by-side hypotheses keep voting going
            written += story is not None
            declined += story is None
    return {
        "llm": written,
        "llm_declined": declined,
        "side_by_side": hypotheses_generate_side_by_side(deliberation),
    }


class UpgradeStory(pydantic.BaseModel):
    plausible: bool
    story: str = pydantic.Field(default="", max_length=STORY_MAX_LENGTH)


def _card_text(value: CanonicalValue) -> str:
    policies = "\n".join(f"- {p}" for p in value.policies)
    return f"{value.title}\n{value.description}\n{policies}"


def hypothesis_generate_llm(
    *, from_value: CanonicalValue, to_value: CanonicalValue, context: Context
) -> EdgeHypothesis | None:
    """Ask the configured LLM for an upgrade story; None when it finds no honest story.

    Raises mgplatform.llm.LLMError when the LLM is unavailable or answers badly; callers
    fall back to side-by-side hypotheses.
    """
    if len({from_value.deliberation_id, to_value.deliberation_id, context.deliberation_id}) != 1:
        raise ValidationError("Values and context must belong to the same deliberation.")
    answer = llm.chat_json(
        [
            {"role": "system", "content": PROMPT_PATH.read_text(encoding="utf-8")},
            {
                "role": "user",
                "content": f"Situation: {context.name}\n\nValue A:\n{_card_text(from_value)}\n\nValue B:\n{_card_text(to_value)}",
            },
        ],
        schema=UpgradeStory,
        tool_name="upgrade_story",
        tool_description="An upgrade story from value A to value B, or plausible=false.",
        temperature=0.7,
    )
    if not answer.plausible or not answer.story.strip():
        return None
    return EdgeHypothesis.objects.create(
        deliberation=from_value.deliberation,
        from_value=from_value,
        to_value=to_value,
        context=context,
        story=answer.story.strip(),
        source=EdgeHypothesis.Source.LLM,
    )
