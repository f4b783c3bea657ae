"""Upgrade stories: generated side by side, written by participants or by the LLM, refreshed."""

import pytest
from django.core.exceptions import ValidationError

from mgplatform.llm import LLMBadOutput
from moralgraph.hypotheses.services import (
    hypotheses_generate_side_by_side,
    hypotheses_refresh,
    hypothesis_generate_llm,
    hypothesis_write,
)
from moralgraph.models import EdgeHypothesis, ValuesCard
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_side_by_side_hypotheses_pair_values_of_one_question_per_context(world):
    assert hypotheses_generate_side_by_side(world["d"]) == 6  # 3·2 ordered pairs, one context
    assert hypotheses_generate_side_by_side(world["d"]) == 0  # idempotent
    assert set(EdgeHypothesis.objects.values_list("source", "story").distinct()) == {
        ("side_by_side", "")
    }


def test_participant_written_story_rules(world):
    a, b, _ = world["values"]
    p = world["people"][0]
    h = hypothesis_write(
        participant=p,
        from_value=a,
        to_value=b,
        context=world["ctx"],
        story="  I used to push; now I listen.  ",
    )
    assert (h.source, h.author, h.story) == ("participant", p, "I used to push; now I listen.")
    with pytest.raises(ValidationError, match="write the story"):
        hypothesis_write(participant=p, from_value=a, to_value=b, context=world["ctx"], story="   ")
    with pytest.raises(ValidationError, match="different"):
        hypothesis_write(participant=p, from_value=a, to_value=a, context=world["ctx"], story="x")


def test_llm_written_stories_through_a_real_openai_compatible_server(world, fake_llm):
    a, b, _ = world["values"]
    fake_llm.script(
        Reply.tool_call(
            "upgrade_story", {"plausible": True, "story": "Sam used to insist; now Sam asks."}
        ),
        Reply.tool_call("upgrade_story", {"plausible": False, "story": ""}),
        Reply.malformed("upgrade_story"),
    )
    story = hypothesis_generate_llm(from_value=a, to_value=b, context=world["ctx"])
    assert (story.source, story.story) == ("llm", "Sam used to insist; now Sam asks.")
    assert hypothesis_generate_llm(from_value=b, to_value=a, context=world["ctx"]) is None
    with pytest.raises(LLMBadOutput):
        hypothesis_generate_llm(from_value=b, to_value=a, context=world["ctx"])
    assert EdgeHypothesis.objects.count() == 1
    prompt = fake_llm.requests[0].body["messages"]
    assert "When a child refuses homework" in prompt[1]["content"]
    assert "MOMENTS of A" in prompt[1]["content"]


def test_refresh_writes_llm_stories_then_fills_the_rest_side_by_side(world, fake_llm):
    fake_llm.script(
        Reply.tool_call(
            "upgrade_story", {"plausible": True, "story": "Ana used to rush; now she waits."}
        ),
        Reply.tool_call("upgrade_story", {"plausible": False, "story": ""}),
        Reply.error(500),
        Reply.error(500),  # the LLM goes away: stop asking
    )
    result = hypotheses_refresh(world["d"], llm_budget=5)
    assert (result["llm"], result["llm_declined"], result["side_by_side"]) == (1, 1, 5)
    assert EdgeHypothesis.objects.count() == 6
    assert hypotheses_refresh(world["d"], llm_budget=0) == {
        "llm": 0,
        "llm_declined": 0,
        "side_by_side": 0,
    }


def test_refresh_without_llm_is_side_by_side(world):
    assert hypotheses_refresh(world["d"])["side_by_side"] == 6


def test_a_new_canonical_value_gets_stories_through_the_task(
    world, django_capture_on_commit_callbacks
):
    from unittest import mock

    from moralgraph import tasks

    with (
        mock.patch.object(tasks, "card_dedupe") as dedupe,
        mock.patch.object(tasks.refresh_hypotheses, "delay") as refresh,
    ):
        dedupe.return_value = mock.Mock(outcome="created", as_dict=lambda: {"outcome": "created"})
        card = ValuesCard.objects.filter(status="submitted").first()
        with django_capture_on_commit_callbacks(execute=True):
            tasks.dedupe_card(card.pk)
    refresh.assert_called_once_with(world["d"].pk)
    assert tasks.refresh_hypotheses(world["d"].pk)["side_by_side"] == 6
    world["d"].status = "closed"
    world["d"].save()
    assert tasks.refresh_hypotheses(world["d"].pk) == {
        "deliberation_id": world["d"].pk,
        "skipped": True,
    }
