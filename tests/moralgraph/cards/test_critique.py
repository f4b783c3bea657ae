"""LLM advice on a values card: parsed into warnings, and silent when there is no LLM."""

import logging

import pytest

from moralgraph.cards.checks import CardIssue
from moralgraph.cards.critique import llm_card_issues
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

CARD = {
    "title": "Curiosity-Led Learning",
    "description": "I follow what lights her up.",
    "policies": ["MOMENTS when the child's curiosity shows", "  ", "GOOD grades"],
}


def test_critique_becomes_warnings_on_the_right_fields(fake_llm):
    fake_llm.script(
        Reply.tool_call(
            "card_critique",
            {
                "issues": [
                    {
                        "field": "policies.2",
                        "message": "“GOOD grades” is a goal;  what do you notice\n while helping?",
                    },
                    {"field": "Title", "message": "The title could name the way you choose."},
                    {"field": "policies.7", "message": "Points past the last policy."},
                    {"field": "tone", "message": "Unknown field names mean the whole card."},
                    {"field": "description", "message": "   "},
                ]
            },
        )
    )
    issues = llm_card_issues(**CARD)
    assert issues == [
        CardIssue(
            "llm_critique",
            "policies.2",
            "“GOOD grades” is a goal; what do you notice while helping?",
            "warning",
        ),
        CardIssue("llm_critique", "title", "The title could name the way you choose.", "warning"),
        CardIssue("llm_critique", "card", "Points past the last policy.", "warning"),
        CardIssue("llm_critique", "card", "Unknown field names mean the whole card.", "warning"),
    ]
    [request] = fake_llm.requests
    system, user = request.body["messages"]
    assert "attentional policies" in system["content"]
    # Blank policies are dropped before numbering, so "policies.N" matches what the participant sees.
    assert "1. MOMENTS when the child's curiosity shows\n2. GOOD grades" in user["content"]
    assert request.body["tool_choice"]["function"]["name"] == "card_critique"


def test_a_clear_card_gets_no_advice(fake_llm):
    fake_llm.script(Reply.tool_call("card_critique", {"issues": []}))
    assert llm_card_issues(**CARD) == []


def test_no_llm_configured_means_no_advice_and_no_request(fake_llm, settings):
    fake_llm.script(
        Reply.tool_call("card_critique", {"issues": [{"field": "card", "message": "x"}]})
    )
    settings.LLM_BASE_URL = ""
    assert llm_card_issues(**CARD) == []
    assert fake_llm.requests == []


@pytest.mark.parametrize(
    "replies",
    [
        [Reply.error(500), Reply.error(500)],  # fails after the one retry
        [Reply.malformed("card_critique")],
        [Reply.tool_call("card_critique", {"issues": "not a list"})],
    ],
)
def test_llm_failure_means_no_advice_and_is_logged(fake_llm, caplog, replies):
    fake_llm.script(*replies)
    with caplog.at_level(logging.WARNING, logger="moralgraph.cards.critique"):
        assert llm_card_issues(**CARD) == []
    assert "card critique unavailable" in caplog.text
    assert len(fake_llm.requests) == len(replies)
