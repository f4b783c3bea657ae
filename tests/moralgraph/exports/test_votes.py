"""Raw votes: exactly what a snapshot counted, anonymised, enough to recompute its graph."""

import csv
import io
import json
import re

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from moralgraph.exports.verify import _votes_digest
from moralgraph.exports.votes import export_votes
from moralgraph.exports.writers import ExportRefused
from moralgraph.graph import ranking
from moralgraph.graph.votes import CHOICE_NAMES, VoteArrays
from moralgraph.models import GraphSnapshot, Participant, WiserVote
from moralgraph.participation.anonymity import voter_id
from moralgraph.snapshots.selectors import snapshot_values
from moralgraph.snapshots.services import snapshot_create
from tests.factories import DeliberationFactory, ParticipantFactory, WiserVoteFactory

pytestmark = pytest.mark.django_db


def rows(snapshot, fmt="csv") -> list[dict]:
    text = "".join(export_votes(snapshot, fmt))
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    return [json.loads(line) for line in text.splitlines()]


def test_every_counted_vote_and_nothing_else_about_a_person(labs):
    snapshot = labs["snapshot"]
    table = rows(snapshot)
    assert (
        len(table) == snapshot.counts["votes"] == 20
    )  # not the banned voter's, nor the hidden value's
    assert list(table[0]) == [
        "voter",
        "from_value_id",
        "to_value_id",
        "context",
        "choice",
        "time",
        "groups",
    ]
    a, b, c, _ = labs["values"]
    assert {(r["from_value_id"], r["to_value_id"]) for r in table} == {
        (a.external_id, b.external_id),
        (b.external_id, c.external_id),
    }
    assert {r["context"] for r in table} == {"'=When it is late"}  # a text cell, never a formula
    assert {r["choice"] for r in table} <= set(CHOICE_NAMES)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", r["time"]) for r in table)
    voters = {r["voter"] for r in table}
    assert len(voters) == 10
    assert all(re.fullmatch(r"v[0-9a-f]{16}", v) for v in voters)
    text = "".join(export_votes(snapshot, "csv")) + "".join(export_votes(snapshot, "jsonl"))
    people = Participant.objects.filter(deliberation=labs["d"])
    for person in people:
        assert person.pseudonym not in text
    assert "secret-" not in text
    assert "maiUserId" not in text
    assert not {str(p.pk) for p in people} & voters


def test_times_are_the_votes_times_in_utc(labs):
    first = WiserVote.objects.filter(deliberation=labs["d"], participant=labs["voters"][0])
    first = first.order_by("created_at").exclude(from_value=labs["values"][3]).first()
    row = next(r for r in rows(labs["snapshot"], "jsonl") if r["type"] == "vote")
    assert row["time"] == first.created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_the_votes_recompute_the_snapshot(labs):
    snapshot = GraphSnapshot.objects.get(pk=labs["snapshot"].pk)
    table = rows(snapshot)
    digest = _votes_digest(
        [
            (
                r["voter"],
                r["from_value_id"],
                r["to_value_id"],
                "=When it is late",
                r["choice"],
                r["time"],
            )
            for r in table
        ]
    )
    assert digest == snapshot.summary["inputs"]["votes"]
    # A lab's own computation from the raw votes gives the platform's numbers.
    values = sorted({r["from_value_id"] for r in table} | {r["to_value_id"] for r in table})
    voters = sorted({r["voter"] for r in table})
    arrays = VoteArrays.from_lists(
        voter=[voters.index(r["voter"]) for r in table],
        from_value=[values.index(r["from_value_id"]) for r in table],
        to_value=[values.index(r["to_value_id"]) for r in table],
        context=[0] * len(table),
        choice=[CHOICE_NAMES.index(r["choice"]) for r in table],
    )
    result = ranking.rank_graph(arrays, **snapshot.parameters)
    mine = dict(
        zip((values[i] for i in result.overall.value_ids), result.overall.scores, strict=True)
    )
    theirs = {
        v["externalId"]: v["score"] for v in snapshot_values(snapshot) if v["score"] is not None
    }
    assert mine.keys() == theirs.keys()
    assert all(abs(mine[k] - theirs[k]) < 1e-12 for k in mine)


def test_later_votes_bans_and_changed_votes_leave_a_snapshot_alone(labs):
    snapshot = labs["snapshot"]
    before = "".join(export_votes(snapshot, "csv"))
    WiserVote.objects.filter(participant=labs["voters"][1]).update(choice="unsure")  # in place
    Participant.objects.filter(pk=labs["voters"][2].pk).update(status="banned")
    a, _b, c, _ = labs["values"]
    WiserVoteFactory(participant=labs["voters"][3], from_value=a, to_value=c, context=labs["late"])
    assert "".join(export_votes(GraphSnapshot.objects.get(pk=snapshot.pk), "csv")) == before
    later = snapshot_create(deliberation=labs["d"])
    assert len(rows(later)) == 20 - 2 + 1


def test_voter_ids_are_stable_within_a_deliberation_and_differ_across_them(labs):
    person = labs["voters"][0]
    later = snapshot_create(deliberation=labs["d"])
    ids_then = {r["voter"] for r in rows(labs["snapshot"])}
    ids_now = {r["voter"] for r in rows(later)}
    assert ids_then == ids_now
    assert voter_id(labs["d"], person.pk) in ids_now
    other = DeliberationFactory()
    assert voter_id(other, person.pk) != voter_id(labs["d"], person.pk)


def test_group_labels_only_for_groups_of_five(labs):
    by_voter = {r["voter"]: r["groups"] for r in rows(labs["snapshot"])}
    first, last = (voter_id(labs["d"], labs["voters"][i].pk) for i in (0, 9))
    assert by_voter[first] == "age_band=25-34; region=north"
    assert by_voter[last] == "age_band=35-44; region=south"


def test_a_small_group_is_not_revealed_by_subtraction(labs):
    """An eleventh voter, 65+ in the north: 65+ is withheld (one voter), and so must 25-34 be, or
    "north but not 25-34" would point at that one voter."""
    a, b, _, _ = labs["values"]
    newcomer = ParticipantFactory(
        deliberation=labs["d"], attributes={"age_band": "65+", "region": "north"}
    )
    WiserVoteFactory(participant=newcomer, from_value=a, to_value=b, context=labs["late"])
    by_voter = {r["voter"]: r["groups"] for r in rows(snapshot_create(deliberation=labs["d"]))}
    labels = {
        i: by_voter[voter_id(labs["d"], p.pk)] for i, p in enumerate([*labs["voters"], newcomer])
    }
    assert labels[10] == labels[0] == "region=north"
    assert labels[9] == "age_band=35-44; region=south"
    assert "65+" not in json.dumps(labels)
    assert "25-34" not in json.dumps(labels)


def test_jsonl_carries_its_manifest_last(labs):
    records = rows(labs["snapshot"], "jsonl")
    assert [r["type"] for r in records[:2]] == ["vote", "vote"]
    manifest = records[-1]
    assert manifest["type"] == "manifest"
    assert manifest["export"] == "votes-jsonl"
    assert manifest["inputHash"] == labs["snapshot"].content_hash
    assert manifest["inputs"]["votes"] == labs["snapshot"].summary["inputs"]["votes"]
    assert set(records[0]) == {
        "type",
        "voter",
        "fromValueId",
        "toValueId",
        "context",
        "choice",
        "time",
        "groups",
    }


def test_snapshots_without_stored_votes_say_so(labs, shared_data):
    out = io.StringIO()
    path = shared_data / "mai" / "moral-graph-summary-published.json"
    call_command(
        "moralgraph", "import-summary", "--deliberation", "mai-2023", str(path), stdout=out
    )
    imported = GraphSnapshot.objects.get(pk=int(out.getvalue().split()[-1]))
    with pytest.raises(ExportRefused, match="imported"):
        list(export_votes(imported, "csv"))
    with pytest.raises(CommandError, match="imported"):
        call_command(
            "moralgraph", "votes", str(imported.pk), "--format", "csv", stdout=io.StringIO()
        )


def test_merged_values_are_named_by_their_target(labs):
    a, b, c, _ = labs["values"]
    c.merged_into = a
    c.save()
    table = rows(snapshot_create(deliberation=labs["d"]))
    assert c.external_id not in {r["to_value_id"] for r in table}
    assert {(r["from_value_id"], r["to_value_id"]) for r in table} == {
        (a.external_id, b.external_id),
        (b.external_id, a.external_id),
    }


def test_the_command_writes_votes_and_their_manifest(labs, tmp_path):
    path = tmp_path / "votes.csv"
    call_command(
        "moralgraph",
        "votes",
        str(labs["snapshot"].pk),
        "--format",
        "csv",
        "--output",
        str(path),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert path.read_text() == "".join(export_votes(labs["snapshot"], "csv"))
    manifest = json.loads((tmp_path / "votes.csv.manifest.json").read_text())
    assert manifest["export"] == "votes-csv"
    out = io.StringIO()
    call_command("moralgraph", "verify", str(path), stdout=out)
    assert "verified" in out.getvalue()
    assert "ok   input hash" in out.getvalue()
    path.write_text(path.read_text().replace("wiser", "unsure", 1))
    with pytest.raises(CommandError, match="verification failed"):
        call_command("moralgraph", "verify", str(path), stdout=io.StringIO())


def test_stored_vote_columns_are_read_in_chunks(labs):
    from moralgraph.snapshots.storage import VOTE_MEMBERS, iter_member_rows, open_arrays

    snapshot = GraphSnapshot.objects.get(pk=labs["snapshot"].pk)
    with open_arrays(snapshot) as archive:
        chunks = list(iter_member_rows(archive, VOTE_MEMBERS, chunk=7))
        whole = [archive[name] for name in VOTE_MEMBERS]
    assert [len(c[0]) for c in chunks] == [7, 7, 6]
    for i, column in enumerate(whole):
        assert np.array_equal(np.concatenate([c[i] for c in chunks]), column)
