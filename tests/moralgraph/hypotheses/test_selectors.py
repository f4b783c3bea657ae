"""Which stories a participant is shown: under-voted pairs and held values first, never judged,
hidden or their own."""

import pytest

from moralgraph.hypotheses.selectors import hypotheses_for_participant
from moralgraph.hypotheses.services import hypotheses_generate_side_by_side, hypothesis_write
from moralgraph.models import HypothesisImpression
from moralgraph.votes.services import vote_cast

pytestmark = pytest.mark.django_db


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
