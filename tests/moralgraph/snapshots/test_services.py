"""Snapshots count the right votes: as-of cut-off, moderation exclusions, merged values."""

from datetime import timedelta

import pytest
from django.utils import timezone

from moralgraph.graph.compute import SnapshotError
from moralgraph.models import CanonicalValue, Deliberation, Participant, WiserVote
from moralgraph.snapshots.selectors import (
    snapshot_document,
    snapshot_edges,
    snapshot_latest,
    snapshot_values,
)
from moralgraph.snapshots.services import snapshot_create
from moralgraph.votes.services import vote_cast
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    EdgeHypothesisFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db
T0 = timezone.now() - timedelta(days=1)


@pytest.fixture
def graph():
    """Five voters judge A→B wiser in one context; three of them also B→C."""
    d = DeliberationFactory()
    ctx = ContextFactory(deliberation=d, name="When it is late")
    a, b, c = (CanonicalValueFactory(deliberation=d, title=t, created_at=T0) for t in "ABC")
    story = EdgeHypothesisFactory(
        deliberation=d, from_value=a, to_value=b, context=ctx, source="demo"
    )
    voters = []
    for i in range(5):
        p = ParticipantFactory(deliberation=d)
        vote_cast(
            participant=p,
            from_value=a,
            to_value=b,
            context=ctx,
            choice="wiser",
            hypothesis=story,
            at=T0 + timedelta(minutes=i),
        )
        voters.append(p)
    for i in range(3):
        vote_cast(
            participant=voters[i],
            from_value=b,
            to_value=c,
            context=ctx,
            choice="wiser",
            at=T0 + timedelta(hours=1, minutes=i),
        )
    return {"d": d, "ctx": ctx, "a": a, "b": b, "c": c, "story": story, "voters": voters}


def edges(snapshot):
    return {(e["sourceValueId"], e["wiserValueId"]): e for e in snapshot_edges(snapshot)}


def test_snapshot_counts_and_edges(graph):
    snapshot = snapshot_create(deliberation=graph["d"], mode="mai")
    a, b, c = graph["a"].pk, graph["b"].pk, graph["c"].pk
    assert snapshot.counts == {"votes": 8, "voters": 5, "values": 3, "edges": 2}
    assert edges(snapshot)[(a, b)]["counts"]["markedWiser"] == 5
    assert edges(snapshot)[(a, b)]["contexts"] == ["When it is late"]
    assert snapshot_latest(graph["d"]) == snapshot
    titles = {v["id"]: v["title"] for v in snapshot_values(snapshot)}
    assert titles == {a: "A", b: "B", c: "C"}


def test_as_of_is_inclusive_and_excludes_later_votes(graph):
    cut = T0 + timedelta(hours=1)  # exactly the first B→C vote
    snapshot = snapshot_create(deliberation=graph["d"], mode="mai", as_of=cut)
    assert snapshot.counts["votes"] == 6
    assert (graph["b"].pk, graph["c"].pk) not in edges(snapshot)  # one wiser vote < 2


def test_banned_participants_and_hidden_content_are_excluded_and_recorded(graph):
    for voter in graph["voters"][:4]:
        voter.status = Participant.Status.BANNED
        voter.save()
    snapshot = snapshot_create(deliberation=graph["d"], mode="mai")
    assert snapshot.counts["votes"] == 1
    assert snapshot.excluded["votes_of_banned_participants"] == 7

    Participant.objects.update(status="active")
    graph["c"].hidden = True
    graph["c"].save()
    snapshot = snapshot_create(deliberation=graph["d"], mode="mai")
    assert snapshot.excluded["hidden_value_ids"] == [graph["c"].pk]
    assert snapshot.excluded["votes_touching_hidden_values"] == 3
    assert graph["c"].pk not in {v["id"] for v in snapshot_values(snapshot)}

    graph["story"].hidden = True
    graph["story"].save()
    snapshot = snapshot_create(deliberation=graph["d"], mode="mai")
    assert snapshot.excluded["votes_on_hidden_stories"] == 5
    assert snapshot.counts["votes"] == 0
    assert snapshot.counts["edges"] == 0


def test_merged_values_count_as_their_target(graph):
    WiserVote.objects.filter(participant=graph["voters"][2], from_value=graph["b"]).delete()
    graph["c"].merged_into = graph["a"]
    graph["c"].save()
    snapshot = snapshot_create(deliberation=graph["d"], mode="mai")
    # B→C votes now read B→A, the reverse of A→B: they count as "less wise" for A→B.
    e = edges(snapshot)[(graph["a"].pk, graph["b"].pk)]
    assert e["counts"]["markedLessWise"] == 2
    assert e["counts"]["impressions"] == 7
    assert graph["c"].pk not in {v["id"] for v in snapshot_values(snapshot)}


def test_snapshot_content_is_frozen_against_later_edits(graph):
    snapshot = snapshot_create(deliberation=graph["d"], mode="mai")
    CanonicalValue.objects.filter(pk=graph["a"].pk).update(title="Renamed")
    snapshot.refresh_from_db()
    assert "Renamed" not in {v["title"] for v in snapshot_values(snapshot)}


def test_bad_parameters_are_refused(graph):
    with pytest.raises(SnapshotError, match="unknown parameters"):
        snapshot_create(deliberation=graph["d"], mode="mai", parameters={"min_wiserr": 3})
    with pytest.raises(SnapshotError, match="mode"):
        snapshot_create(deliberation=graph["d"], mode="best")


def test_empty_deliberation_gives_an_empty_snapshot():
    d = DeliberationFactory(status=Deliberation.Status.DRAFT)
    snapshot = snapshot_create(deliberation=d, mode="mai")
    assert snapshot.counts == {"votes": 0, "voters": 0, "values": 0, "edges": 0}
    assert list(snapshot_edges(snapshot)) == []


def test_default_mode_ranks_per_context_with_uncertainty(graph):
    snapshot = snapshot_create(
        deliberation=graph["d"], mode="default", parameters={"bootstrap_samples": 50}
    )
    a, b, c = graph["a"].pk, graph["b"].pk, graph["c"].pk
    values = {v["id"]: v for v in snapshot_values(snapshot)}
    assert values[c]["position"] == 1  # A→B→C: C is the wisest
    assert abs(sum(v["score"] for v in values.values()) - 1) < 1e-9  # no PageRank mass leaks
    (scope,) = snapshot.summary["contextResults"]
    assert scope["context"] == "When it is late"
    assert scope["contextId"] == graph["ctx"].pk
    assert scope["winner"]["ids"] == [c]
    assert 0 < scope["winner"]["probabilityStaysWinner"] <= 1
    assert snapshot.parameters["bootstrap_samples"] == 50
    document = snapshot_document(snapshot)
    assert document["contexts"][0]["winner"]["ids"] == [c]
    assert {(e["sourceValueId"], e["wiserValueId"]) for e in document["edges"]} == {(a, b), (b, c)}


def test_default_mode_is_reproducible(graph):
    first = snapshot_create(deliberation=graph["d"], mode="default")
    second = snapshot_create(deliberation=graph["d"], mode="default")
    assert first.content_hash == second.content_hash
    assert first.summary["contextResults"] == second.summary["contextResults"]
    assert (
        snapshot_create(
            deliberation=graph["d"], mode="default", parameters={"seed": 1}
        ).content_hash
        != first.content_hash
    )


def test_a_participant_counts_once_per_pair_after_a_merge(graph):
    # voter 0 judged A→B (wiser) and, later, C→B (not wiser); C merged into A makes both A→B.
    vote_cast(
        participant=graph["voters"][0],
        from_value=graph["c"],
        to_value=graph["b"],
        context=graph["ctx"],
        choice="not_wiser",
        at=T0 + timedelta(hours=2),
    )
    WiserVote.objects.filter(from_value=graph["b"], participant__in=graph["voters"][1:]).delete()
    graph["c"].merged_into = graph["a"]
    graph["c"].save()
    snapshot = snapshot_create(deliberation=graph["d"], mode="mai")
    assert snapshot.excluded["votes_superseded_after_merge"] == 1
    e = edges(snapshot)[(graph["a"].pk, graph["b"].pk)]
    # The later judgement wins: 4 wiser + 1 not wiser; B→C votes became B→A (less wise).
    assert (
        e["counts"]["markedWiser"],
        e["counts"]["markedNotWiser"],
        e["counts"]["markedLessWise"],
    ) == (4, 1, 1)
