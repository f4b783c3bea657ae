"""From a moderator's click to the published graph: hidden values and banned voters leave the next snapshot."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from mgplatform.audit.models import AuditEntry
from moralgraph.exports.writers import write_mai
from moralgraph.moderation import decisions as moderation
from moralgraph.snapshots.selectors import snapshot_values
from moralgraph.snapshots.services import snapshot_create
from moralgraph.votes.services import vote_cast
from tests.factories import ParticipantFactory, ValuesCardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def graph(world):
    """Three values, each supported by one card; five voters judge A→B and B→C wiser."""
    a, b = world["value_a"], world["value_b"]
    c_card = ValuesCardFactory(
        author=world["other"],
        question=world["q"],
        canonical_value__title="Ask what she already tried",
    )
    c = c_card.canonical_value
    ValuesCardFactory(author=world["other"], question=world["q"], canonical_value=b)
    voters = ParticipantFactory.create_batch(5, deliberation=world["d"])
    at = timezone.now() - timedelta(hours=1)
    for i, voter in enumerate(voters):
        for from_value, to_value in ((a, b), (b, c)):
            vote_cast(
                participant=voter,
                from_value=from_value,
                to_value=to_value,
                context=world["ctx"],
                choice="wiser",
                at=at + timedelta(minutes=i),
            )
    return {**world, "c": c, "c_card": c_card, "voters": voters}


def mai_value_ids(snapshot) -> set:
    """The external ids of the values the MAI export lists."""
    document = json.loads("".join(write_mai(snapshot)))
    return {v["id"] for v in document["values"]}


def test_hiding_the_only_card_of_a_value_removes_it_from_the_next_snapshot_and_export(
    graph, client
):
    before = snapshot_create(deliberation=graph["d"], mode="mai")
    assert graph["c"].external_id in mai_value_ids(before)

    client.force_login(graph["moderator"])
    response = client.post(
        "/moderate/act/",
        {
            "action": "hide",
            "targets": [f"card:{graph['c_card'].pk}"],
            "reason": "Copied from an advert.",
        },
    )
    assert response.status_code == 302

    after = snapshot_create(deliberation=graph["d"], mode="mai")
    assert after.excluded["hidden_value_ids"] == [graph["c"].pk]
    assert after.excluded["votes_touching_hidden_values"] == 5
    assert graph["c"].pk not in {v["id"] for v in snapshot_values(after)}
    assert graph["c"].external_id not in mai_value_ids(after)
    assert graph["value_a"].external_id in mai_value_ids(after)
    assert after.content_hash != before.content_hash

    entry = AuditEntry.objects.get(action="card.hide", target_id=str(graph["c_card"].pk))
    assert (entry.actor, entry.reason) == (graph["moderator"], "Copied from an advert.")
    assert entry.after["canonical_value"] == {"id": graph["c"].pk, "hidden": True}
    log = client.get("/moderate/audit/", {"action": "card.hide"}).content.decode()
    assert "mod-user" in log
    assert "Copied from an advert." in log


def test_banning_a_participant_excludes_their_votes_from_the_next_snapshot(graph):
    before = snapshot_create(deliberation=graph["d"], mode="mai")
    assert before.counts["votes"] == 11
    assert before.counts["voters"] == 6
    moderation.ban(graph["voters"][0], by=graph["moderator"], reason="Vote brigading.")
    after = snapshot_create(deliberation=graph["d"], mode="mai")
    assert after.counts["votes"] == 9
    assert after.counts["voters"] == 5
    assert after.excluded["votes_of_banned_participants"] == 2
    moderation.unban(graph["voters"][0], by=graph["moderator"], reason="Appeal upheld.")
    assert (
        snapshot_create(deliberation=graph["d"], mode="mai").counts["votes"] == 11
    )  # votes were kept
