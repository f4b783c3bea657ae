"""A voting session is finite and balanced: its composition on a seeded deliberation, and the
page that ends it ("thank you — see the graph") and starts another."""

from itertools import permutations

import pytest
from django.test import Client

from moralgraph.hypotheses.sessions import session_compose, session_state
from moralgraph.models import HypothesisImpression, VotingSession
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    EdgeHypothesisFactory,
    ParticipantFactory,
    QuestionFactory,
    ValuesCardFactory,
    WiserVoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    """8 values, a story for every ordered pair in one context of the question (56 stories),
    others' votes on some pairs, a participant holding two values who wrote one story."""
    d = DeliberationFactory(slug="seeded")
    ctx = ContextFactory(deliberation=d, name="When the child is tired")
    elsewhere = ContextFactory(deliberation=d, name="Another question's situation")
    q = QuestionFactory(deliberation=d, contexts=[ctx])
    QuestionFactory(deliberation=d, contexts=[elsewhere])
    values = [CanonicalValueFactory(deliberation=d, title=f"Value {i}") for i in range(8)]
    me = ParticipantFactory(deliberation=d)
    for v in values[:2]:
        ValuesCardFactory(author=me, question=q, canonical_value=v)
    stories = {
        (a.pk, b.pk): EdgeHypothesisFactory(
            deliberation=d, from_value=a, to_value=b, context=ctx, source="llm"
        )
        for a, b in permutations(values, 2)
    }
    EdgeHypothesisFactory(
        deliberation=d, from_value=values[0], to_value=values[1], context=elsewhere
    )
    mine = EdgeHypothesisFactory(
        deliberation=d,
        from_value=values[6],
        to_value=values[7],
        context=ctx,
        source="participant",
        author=me,
    )
    others = [ParticipantFactory(deliberation=d) for _ in range(3)]
    # Pairs among values 2..5 are well voted; the rest have no votes at all.
    busy = {(a.pk, b.pk) for a, b in permutations(values[2:6], 2)}
    for voter in others:
        for a, b in busy:
            WiserVoteFactory(
                participant=voter,
                from_value_id=a,
                to_value_id=b,
                context=ctx,
                hypothesis=stories[a, b],
            )
    return {"d": d, "q": q, "ctx": ctx, "me": me, "mine": mine, "busy": busy, "values": values}


def test_a_session_is_six_balanced_stories(seeded):
    me, held = seeded["me"], {v.pk for v in seeded["values"][:2]}
    chosen = session_compose(me, seeded["q"])
    assert len(chosen) == 6  # the default size
    pairs = [frozenset((h.from_value_id, h.to_value_id)) for h in chosen]
    assert len(set(pairs)) == 6  # never both directions (nor the same pair twice)
    assert sum(bool(p & held) for p in pairs) <= 2  # at most one in three about own values
    assert all(h.author_id != me.pk for h in chosen)  # never a story they wrote
    assert seeded["mine"] not in chosen
    assert all(h.context_id == seeded["ctx"].pk for h in chosen)  # this question's situations
    # The fewest-voted pairs first: 40 pairs have no vote, so no well-voted pair is chosen.
    assert not {(h.from_value_id, h.to_value_id) for h in chosen} & seeded["busy"]


def test_size_and_share_are_per_deliberation(seeded):
    d = seeded["d"]
    d.session_size, d.session_own_share = 4, 0.0
    d.save()
    me = seeded["me"]
    me.deliberation.refresh_from_db()
    held = {v.pk for v in seeded["values"][:2]}
    chosen = session_compose(me, seeded["q"])
    assert len(chosen) == 4
    assert not any({h.from_value_id, h.to_value_id} & held for h in chosen)


def test_the_page_ends_the_session_and_offers_another(seeded):
    me, q = seeded["me"], seeded["q"]
    client = Client()
    client.force_login(me.user)
    url = f"/d/seeded/vote/?question={q.pk}"
    judged = []
    for step in range(6):
        page = client.get(url)
        assert f"Story {step + 1} of 6" in page.content.decode()
        story = page.context["hypothesis"]
        judged.append(story.pk)
        response = client.post(
            "/d/seeded/vote/", {"hypothesis": story.pk, "choice": "wiser", "question": q.pk}
        )
        assert response.status_code == 302
    end = client.get(url).content.decode()
    assert "Thank you — this session is done." in end
    assert 'href="/d/seeded/graph/"' in end
    assert "See the graph" in end
    assert client.get(url).context["hypothesis"] is None  # it stays ended: no seventh story
    assert len(set(judged)) == 6
    assert HypothesisImpression.objects.filter(participant=me).count() == 6  # recorded as shown
    client.post("/d/seeded/vote/", {"question": q.pk, "another": "1"})
    assert VotingSession.objects.filter(participant=me).count() == 2
    state = session_state(me, q)
    assert state.next_story is not None
    assert state.next_story.pk not in judged


def test_the_api_serves_the_same_session(seeded):
    from rest_framework.test import APIClient

    me, q = seeded["me"], seeded["q"]
    api = APIClient()
    api.force_authenticate(me.user)
    url = "/api/v1/deliberations/seeded/hypotheses/session/"
    state = api.get(url, {"question": q.pk}).json()
    assert (state["size"], state["judged"], state["ended"]) == (6, 0, False)
    while not state["ended"]:
        story = state["next"]["id"]
        assert (
            api.post(
                "/api/v1/deliberations/seeded/votes/", {"hypothesis": story, "choice": "unsure"}
            ).status_code
            == 201
        )
        state = api.get(url, {"question": q.pk}).json()
    assert (state["judged"], state["next"]) == (6, None)  # it ended after six
    again = api.post(url, {"question": q.pk}, format="json").json()
    assert (again["judged"], again["ended"]) == (0, False)
    bad = api.get(url, {"question": "x"})
    assert bad.status_code == 400
    assert "question" in bad.json()["error"]["fields"]
