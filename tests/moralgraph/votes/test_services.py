"""vote_cast: one vote per participant, pair and context, changed by voting again; its rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from moralgraph.models import Participant, WiserVote
from moralgraph.votes.services import vote_cast
from tests.factories import CanonicalValueFactory, EdgeHypothesisFactory

pytestmark = pytest.mark.django_db


def test_revoting_updates_the_vote(world):
    (a, b, _), participant, ctx = world["values"], world["people"][0], world["ctx"]
    first = vote_cast(
        participant=participant, from_value=a, to_value=b, context=ctx, choice="wiser"
    )
    second = vote_cast(
        participant=participant,
        from_value=a,
        to_value=b,
        context=ctx,
        choice="unsure",
        comment="hmm",
    )
    assert first.pk == second.pk
    assert WiserVote.objects.get().choice == "unsure"
    assert WiserVote.objects.get().comment == "hmm"
    assert WiserVote.objects.get().created_at == first.created_at


def test_vote_rules(world):
    (a, b, _), participant, ctx = world["values"], world["people"][0], world["ctx"]
    with pytest.raises(ValidationError, match="itself"):
        vote_cast(participant=participant, from_value=a, to_value=a, context=ctx, choice="wiser")
    with pytest.raises(ValidationError, match="choice"):
        vote_cast(participant=participant, from_value=a, to_value=b, context=ctx, choice="yes")
    foreign = CanonicalValueFactory()  # of another deliberation
    with pytest.raises(ValidationError, match="not available"):
        vote_cast(
            participant=participant, from_value=a, to_value=foreign, context=ctx, choice="wiser"
        )
    participant.status = Participant.Status.BANNED
    participant.save()
    with pytest.raises(PermissionDenied):
        vote_cast(participant=participant, from_value=a, to_value=b, context=ctx, choice="wiser")
    assert WiserVote.objects.count() == 0


def test_voting_again_unchanged_leaves_the_vote_as_it_was(world):
    (a, b, _), participant, ctx = world["values"], world["people"][0], world["ctx"]
    story = EdgeHypothesisFactory(
        deliberation=ctx.deliberation, from_value=a, to_value=b, context=ctx
    )
    first = vote_cast(participant=participant, hypothesis=story, choice="wiser")
    later = first.created_at + timedelta(hours=1)
    same = vote_cast(
        participant=participant, from_value=a, to_value=b, context=ctx, choice="wiser", at=later
    )
    assert (same.pk, same.updated_at, same.hypothesis_id) == (first.pk, first.updated_at, story.pk)
    changed = vote_cast(
        participant=participant, from_value=a, to_value=b, context=ctx, choice="unsure"
    )
    stored = WiserVote.objects.get()
    assert (stored.choice, stored.created_at, stored.hypothesis_id) == (
        "unsure",
        first.created_at,
        story.pk,
    )
    assert changed.updated_at > first.updated_at
    assert (changed.choice, changed.created_at) == ("unsure", first.created_at)  # the stored row


def test_a_story_on_a_hidden_or_merged_value_cannot_be_voted_on(world):
    (a, b, c), participant, ctx = world["values"], world["people"][0], world["ctx"]
    d = ctx.deliberation
    on_hidden = EdgeHypothesisFactory(deliberation=d, from_value=a, to_value=b, context=ctx)
    on_merged = EdgeHypothesisFactory(deliberation=d, from_value=c, to_value=a, context=ctx)
    b.hidden = True
    b.save()
    c.merged_into = a
    c.save()
    for story in (on_hidden, on_merged):
        with pytest.raises(ValidationError, match="no longer available"):
            vote_cast(participant=participant, hypothesis=story, choice="wiser")
    assert WiserVote.objects.count() == 0


def test_a_vote_through_the_api_costs_four_statements_and_its_transaction(
    world, django_assert_num_queries
):
    # The burst path (bench/load/burst.py): key, participant with its deliberation, the story
    # with its rule, the upsert; BEGIN and COMMIT. It was 15 before issue 13's load work.
    from rest_framework.test import APIClient

    from mgplatform.accounts.apikeys import api_key_create

    (a, b, _), participant, ctx = world["values"], world["people"][0], world["ctx"]
    story = EdgeHypothesisFactory(
        deliberation=ctx.deliberation, from_value=a, to_value=b, context=ctx
    )
    _, key = api_key_create(owner=participant.user, name="phone", scopes=["participate"])
    client = APIClient(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/v1/deliberations/{ctx.deliberation.slug}/votes/"
    assert (
        client.post(url, {"hypothesis": story.pk, "choice": "wiser"}, format="json").status_code
        == 201
    )
    with django_assert_num_queries(6):  # the key's last use is written at most once a minute
        response = client.post(url, {"hypothesis": story.pk, "choice": "unsure"}, format="json")
    assert response.status_code == 201
    assert response.json()["choice"] == "unsure"
    assert WiserVote.objects.get().choice == "unsure"
