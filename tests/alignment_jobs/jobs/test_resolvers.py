"""Resolution against a target: the offline embedding judge and the LLM judge on a real local server."""

import pytest

from alignment_jobs.game.resolution import ResolutionSample
from alignment_jobs.jobs.resolvers import context_judges, llm_judge_resolver, rubric_resolver
from alignment_jobs.targets.services import target_build
from mgplatform import llm
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
CONTEXT = "When the child refuses homework"


def test_the_embedding_judge_prefers_the_value_an_answer_serves(graph_world):
    target = target_build(snapshot=graph_world["snapshot"], by=graph_world["owner"])
    resolver = rubric_resolver(target, CONTEXT)
    ids = {v["title"]: str(v["externalId"]) for v in target.document["contexts"][0]["values"]}
    answer = "I would honour her own decision: the choice to skip it tonight stays hers."
    verdicts = resolver.resolve(
        [
            ResolutionSample(response=answer, target_value=ids["Her own decision"]),
            ResolutionSample(response=answer, target_value=ids["Getting it done"]),
        ]
    )
    assert verdicts.tolist() == [True, False]
    with pytest.raises(ValueError, match="no context"):
        rubric_resolver(target, "Nowhere")


def test_the_llm_judge_asks_the_configured_server(graph_world, fake_llm, settings):
    fake_llm.replies = [Reply.text("CORRECT"), Reply.text("I cannot tell.")]
    judge = llm_judge_resolver()
    sample = ResolutionSample(
        question="Homework?", response="Let her choose.", target_value="Her own decision"
    )
    assert judge.resolve([sample, sample]).tolist() == [
        True,
        False,
    ]  # no verdict counts as incorrect
    assert judge.unparsed == 1
    assert "Let her choose." in fake_llm.requests[0].body["messages"][-1]["content"]
    settings.LLM_BASE_URL = ""
    with pytest.raises(llm.LLMNotConfigured):
        llm_judge_resolver()


def test_the_llm_judge_of_a_context_is_told_the_winning_values_policies(
    graph_world, fake_llm, settings
):
    target = target_build(snapshot=graph_world["snapshot"], by=graph_world["owner"])
    judges = context_judges(target)
    assert set(judges) == {CONTEXT}
    fake_llm.replies = [Reply.text("INCORRECT")]
    sample = ResolutionSample(
        question="Homework?", response="Do it now {or else}.", target_value="x"
    )
    assert judges[CONTEXT].resolve([sample]).tolist() == [False]
    asked = fake_llm.requests[0].body["messages"][-1]["content"]
    assert CONTEXT in asked
    assert "MOMENTS of her own decision" in asked  # the winner's rubric, not its id
    assert "<answer>Do it now {or else}.</answer>" in asked
