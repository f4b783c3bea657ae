"""Upgrade hypotheses, their selection, and voting through the page."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mgplatform.llm import LLMBadOutput
from moralgraph.hypotheses.selectors import hypotheses_for_participant
from moralgraph.hypotheses.services import (
    hypotheses_generate_side_by_side,
    hypotheses_refresh,
    hypothesis_generate_llm,
    hypothesis_write,
)
from moralgraph.models import (
    CanonicalValue,
    Context,
    Deliberation,
    EdgeHypothesis,
    HypothesisImpression,
    Participant,
    Question,
    ValuesCard,
    WiserVote,
)
from moralgraph.votes.services import vote_cast
from tests.support.fake_llm import Reply, fake_llm_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_user_model):
    owner = django_user_model.objects.create_user("owner")
    d = Deliberation.objects.create(slug="v", title="V", owner=owner, status="open")
    ctx = Context.objects.create(deliberation=d, name="When a child refuses homework")
    q = Question.objects.create(deliberation=d, slug="hw", prompt="Homework?")
    q.contexts.add(ctx)
    now = timezone.now()
    values = [
        CanonicalValue.objects.create(
            deliberation=d, title=t, created_at=now, policies=[f"MOMENTS of {t}"]
        )
        for t in "ABC"
    ]
    people = []
    for i in range(3):
        user = django_user_model.objects.create_user(f"p{i}")
        p = Participant.objects.create(
            user=user, deliberation=d, pseudonym=f"p{i}", consented_at=now
        )
        ValuesCard.objects.create(
            author=p,
            question=q,
            title=values[i].title,
            status="submitted",
            submitted_at=now,
            canonical_value=values[i],
        )
        people.append(p)
    return {"d": d, "ctx": ctx, "q": q, "values": values, "people": people}


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


def test_selection_prefers_under_voted_pairs_and_held_values_and_skips_judged(world):
    hypotheses_generate_side_by_side(world["d"])
    a, b, c = world["values"]
    p0, p1, p2 = world["people"]
    # A→B is heavily voted by others; p2 holds C.
    for voter in (p0, p1):
        vote_cast(participant=voter, from_value=a, to_value=b, context=world["ctx"], choice="wiser")
    shown = hypotheses_for_participant(p2, limit=6)
    pairs = [(h.from_value, h.to_value) for h in shown]
    assert (a, b) == pairs[-1]  # the most-voted pair comes last
    assert all(c in pair for pair in pairs[:4])  # pairs with the held value C come first
    assert HypothesisImpression.objects.filter(participant=p2).count() == 6
    # A judged pair is not shown again.
    vote_cast(participant=p2, from_value=c, to_value=a, context=world["ctx"], choice="unsure")
    assert (c, a) not in [
        (h.from_value, h.to_value) for h in hypotheses_for_participant(p2, limit=6)
    ]


def test_hidden_stories_and_own_stories_are_not_shown(world):
    a, b, _ = world["values"]
    p0, p1, _ = world["people"]
    own = hypothesis_write(
        participant=p0, from_value=a, to_value=b, context=world["ctx"], story="mine"
    )
    assert own not in hypotheses_for_participant(p0, limit=10)
    assert hypotheses_for_participant(p1, limit=10) == [own]
    own.hidden = True
    own.save()
    assert hypotheses_for_participant(p1, limit=10) == []


def test_vote_page_flow_without_javascript(client, world):
    a, b, _ = world["values"]
    story = hypothesis_write(
        participant=world["people"][1],
        from_value=a,
        to_value=b,
        context=world["ctx"],
        story="Maya used to <b>push</b>; now she asks what is hard.",
    )
    client.force_login(world["people"][0].user)
    page = client.get("/d/v/vote/")
    html = page.content.decode()
    assert "Maya used to &lt;b&gt;push&lt;/b&gt;" in html
    assert "MOMENTS of A" in html
    assert f'name="hypothesis" value="{story.pk}"' in html
    # No choice: the typed comment is kept and a clear error shown.
    page = client.post("/d/v/vote/", {"hypothesis": story.pk, "comment": "Listening matters"})
    assert "Please choose Yes, No or Not sure." in page.content.decode()
    assert "Listening matters" in page.content.decode()
    assert not WiserVote.objects.exists()
    response = client.post(
        "/d/v/vote/", {"hypothesis": story.pk, "choice": "wiser", "comment": "Listening matters"}
    )
    assert response.status_code == 302
    vote = WiserVote.objects.get()
    assert (vote.choice, vote.comment, vote.hypothesis) == ("wiser", "Listening matters", story)
    # Changing one's mind updates the same vote.
    client.post("/d/v/vote/", {"hypothesis": story.pk, "choice": "not_wiser"})
    assert WiserVote.objects.get().choice == "not_wiser"
    assert "every story" in client.get("/d/v/vote/").content.decode()


def test_vote_page_needs_a_participant(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("stranger"))
    assert client.get("/d/v/vote/").status_code == 302
    client.logout()
    assert client.get("/d/v/vote/").status_code == 302


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


def test_participant_tells_a_story_through_the_page(client, world):
    a, b, _ = world["values"]
    client.force_login(world["people"][0].user)
    assert "I used to focus on" in client.get("/d/v/stories/new/").content.decode()
    page = client.post(
        "/d/v/stories/new/",
        {"from_value": a.pk, "to_value": a.pk, "context": world["ctx"].pk, "story": "I changed."},
    )
    assert "different values" in page.content.decode()
    assert "I changed." in page.content.decode()  # kept
    r = client.post(
        "/d/v/stories/new/",
        {
            "from_value": a.pk,
            "to_value": b.pk,
            "context": world["ctx"].pk,
            "story": "I used to push; now I listen.",
        },
    )
    assert r.status_code == 302
    story = EdgeHypothesis.objects.get(source="participant")
    assert (story.author, story.story) == (world["people"][0], "I used to push; now I listen.")
