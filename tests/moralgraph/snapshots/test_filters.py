"""Filtered graphs: by question, contexts, group label (groups of five or more) and untrimmed;
the filters are hashed with the inputs, so the same filters reuse the same snapshot."""

from datetime import timedelta

import pytest
from django.utils import timezone

from moralgraph.snapshots.filters import FilterError
from moralgraph.snapshots.selectors import snapshot_edges, snapshot_latest
from moralgraph.snapshots.services import snapshot_create
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    QuestionFactory,
    WiserVoteFactory,
)

pytestmark = pytest.mark.django_db
T0 = timezone.now() - timedelta(hours=3)


@pytest.fixture
def world():
    """Sixteen voters (six "young", five "old", one "rare", four who said nothing): all judge A→B
    wiser when it is late; in the morning the young call C→D wiser, the old not, and one young
    voter calls D→A wiser."""
    d = DeliberationFactory(slug="filtered")
    late = ContextFactory(deliberation=d, name="When it is late")
    morning = ContextFactory(deliberation=d, name="In the morning")
    QuestionFactory(deliberation=d, slug="bedtime", contexts=[late])
    a, b, c, e = (CanonicalValueFactory(deliberation=d, title=t, created_at=T0) for t in "ABCD")
    ages = ["young"] * 6 + ["old"] * 5 + ["rare"] + [""] * 4
    voters = [
        ParticipantFactory(deliberation=d, attributes={"age": age} if age else {}, group_labels=[])
        for age in ages
    ]
    for i, (voter, age) in enumerate(zip(voters, ages, strict=True)):
        at = T0 + timedelta(minutes=i)
        WiserVoteFactory(participant=voter, from_value=a, to_value=b, context=late, created_at=at)
        if age in ("young", "old"):
            choice = "wiser" if age == "young" else "not_wiser"
            WiserVoteFactory(
                participant=voter,
                from_value=c,
                to_value=e,
                context=morning,
                choice=choice,
                created_at=at,
            )
    WiserVoteFactory(
        participant=voters[0], from_value=e, to_value=a, context=morning, created_at=T0
    )
    return {"d": d, "values": (a, b, c, e), "voters": voters}


def pairs(snapshot) -> set[tuple[str, str]]:
    return {(edge["sourceValueId"], edge["wiserValueId"]) for edge in snapshot_edges(snapshot)}


def test_question_and_contexts_count_only_their_votes(world):
    d = world["d"]
    whole = snapshot_create(deliberation=d, mode="mai")
    by_question = snapshot_create(deliberation=d, mode="mai", filters={"question": "bedtime"})
    assert by_question.counts["votes"] == 16
    assert whole.counts["votes"] == 28
    assert by_question.parameters["filters"] == {"question": "bedtime"}
    assert by_question.excluded["votes_outside_filters"] == 12
    assert by_question.content_hash != whole.content_hash
    by_context = snapshot_create(
        deliberation=d, mode="mai", filters={"contexts": ["In the morning"]}
    )
    assert by_context.counts["votes"] == 12
    # The whole graph stays the deliberation's latest, whatever was filtered after it.
    assert snapshot_latest(d) == whole


def test_the_same_filters_reuse_the_same_snapshot(world):
    d = world["d"]
    first = snapshot_create(deliberation=d, filters={"contexts": ["In the morning"]}, reuse=True)
    again = snapshot_create(deliberation=d, filters={"contexts": ["In the morning"]}, reuse=True)
    assert not first.reused
    assert again.reused
    assert again.pk == first.pk
    other = snapshot_create(deliberation=d, filters={"contexts": ["When it is late"]}, reuse=True)
    assert not other.reused
    assert other.content_hash != first.content_hash
    # A new vote changes the inputs: a new snapshot, not the old one.
    a, _b, _c, e = world["values"]
    morning = d.contexts.get(name="In the morning")
    WiserVoteFactory(participant=world["voters"][1], from_value=e, to_value=a, context=morning)
    fresh = snapshot_create(deliberation=d, filters={"contexts": ["In the morning"]}, reuse=True)
    assert not fresh.reused
    assert fresh.counts["votes"] == first.counts["votes"] + 1


def test_a_group_counts_only_its_voters_and_small_groups_are_refused(world):
    d = world["d"]
    young = snapshot_create(deliberation=d, mode="mai", filters={"group": "age=young"})
    assert young.counts["voters"] == 6
    c, e = world["values"][2].pk, world["values"][3].pk
    assert (c, e) in pairs(young)
    old = snapshot_create(deliberation=d, mode="mai", filters={"group": "age=old"})
    assert old.counts["voters"] == 5
    assert (c, e) not in pairs(old)
    with pytest.raises(FilterError) as refused:  # one voter: never shown, never filtered on
        snapshot_create(deliberation=d, mode="mai", filters={"group": "age=rare"})
    assert refused.value.field == "group"


def test_untrimmed_keeps_edges_the_trim_rule_drops(world):
    d = world["d"]
    e, a = world["values"][3].pk, world["values"][0].pk
    assert (e, a) not in pairs(snapshot_create(deliberation=d, mode="mai"))  # one wiser vote
    untrimmed = snapshot_create(deliberation=d, mode="mai", filters={"untrimmed": True})
    assert (e, a) in pairs(untrimmed)
    assert untrimmed.parameters["min_wiser"] == 1
    assert untrimmed.parameters["filters"] == {"untrimmed": True}
    with pytest.raises(FilterError, match="min_wiser"):
        snapshot_create(
            deliberation=d, mode="mai", parameters={"min_wiser": 3}, filters={"untrimmed": True}
        )


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        ({"question": "nope"}, "question"),
        ({"contexts": ["Nowhere"]}, "contexts"),
        ({"group": "young"}, "group"),
        ({"untrimmed": "yes"}, "untrimmed"),
        ({"colour": "red"}, "filters"),
    ],
)
def test_bad_filters_name_the_filter(world, filters, field):
    with pytest.raises(FilterError) as refused:
        snapshot_create(deliberation=world["d"], mode="mai", filters=filters)
    assert refused.value.field == field
