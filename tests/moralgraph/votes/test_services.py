"""vote_cast: one vote per participant, pair and context, changed by voting again; its rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from moralgraph.models import Participant, WiserVote
from moralgraph.votes.services import vote_cast
from tests.factories import CanonicalValueFactory

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
