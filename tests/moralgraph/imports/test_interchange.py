"""The command-line contract, MAI-exact snapshots of MAI's dumps, and round trips of summaries."""

import csv
import io
import json

import networkx as nx
import pytest
from django.core.management import CommandError, call_command

from moralgraph.models import CanonicalValue, Deliberation, GraphSnapshot, WiserVote

pytestmark = pytest.mark.django_db
TOLERANCE = 1e-9


def run(*args) -> str:
    out = io.StringIO()
    call_command("moralgraph", *args, stdout=out)
    return out.getvalue()


def export(snapshot_id, fmt, tmp_path) -> str:
    path = tmp_path / f"export.{fmt}"
    run("export", str(snapshot_id), "--format", fmt, "--output", str(path))
    return path.read_text(encoding="utf-8")


def assert_same_summary(actual: dict, expected: dict, *, page_rank=True):
    """MAI's comparison: same edges, identical counts, contexts as sets, floats within 1e-9."""
    got = {(e["sourceValueId"], e["wiserValueId"]): e for e in actual["edges"]}
    want = {(e["sourceValueId"], e["wiserValueId"]): e for e in expected["edges"]}
    assert set(got) == set(want)
    for key, edge in want.items():
        assert got[key]["counts"] == edge["counts"], key
        assert set(got[key]["contexts"]) == set(edge["contexts"]), key
        for stat in ("wiserLikelihood", "entropy"):
            assert abs(got[key]["summary"][stat] - edge["summary"][stat]) <= TOLERANCE, (key, stat)
    got_values = {v["id"]: v for v in actual["values"]}
    want_values = {v["id"]: v for v in expected["values"]}
    assert set(got_values) == set(want_values)
    for key, value in want_values.items():
        for field in (
            "title",
            "instructionsShort",
            "instructionsDetailed",
            "evaluationCriteria",
            "createdAt",
            "updatedAt",
        ):
            assert got_values[key][field] == value[field], (key, field)
        if page_rank:
            assert abs(got_values[key]["pageRank"] - value["pageRank"]) <= TOLERANCE, key


@pytest.fixture
def mai_dump(shared_data):
    base = shared_data / "mai"
    run(
        "import-mai",
        "--deliberation",
        "synthetic",
        "--values",
        str(base / "synthetic-values.json"),
        "--votes",
        str(base / "synthetic-votes.json"),
    )
    return base


def snapshot_id_from(output: str) -> int:
    return int(output.strip().splitlines()[-1])


def test_mai_snapshot_of_the_synthetic_dump_equals_mai_summary(mai_dump, tmp_path):
    snapshot_id = snapshot_id_from(run("snapshot", "--deliberation", "synthetic", "--mode", "mai"))
    actual = json.loads(export(snapshot_id, "mai", tmp_path))
    assert_same_summary(
        actual, json.loads((mai_dump / "synthetic-expected-summary.json").read_text())
    )


def test_mai_snapshot_with_as_of_cut_off(mai_dump, tmp_path):
    as_of = json.loads((mai_dump / "synthetic-as-of.json").read_text())["as_of"]
    snapshot_id = snapshot_id_from(
        run("snapshot", "--deliberation", "synthetic", "--mode", "mai", "--as-of", as_of)
    )
    actual = json.loads(export(snapshot_id, "mai", tmp_path))
    expected = json.loads((mai_dump / "synthetic-expected-summary-as-of.json").read_text())
    assert_same_summary(actual, expected)
    full = json.loads((mai_dump / "synthetic-expected-summary.json").read_text())
    assert len(expected["edges"]) != len(full["edges"]) or expected != full  # the cut-off matters


def test_import_is_idempotent_and_snapshots_are_reproducible(mai_dump):
    votes, values = WiserVote.objects.count(), CanonicalValue.objects.count()
    assert (votes, values) == (573, 32)
    run(
        "import-mai",
        "--deliberation",
        "synthetic",
        "--values",
        str(mai_dump / "synthetic-values.json"),
        "--votes",
        str(mai_dump / "synthetic-votes.json"),
    )
    assert (WiserVote.objects.count(), CanonicalValue.objects.count()) == (votes, values)
    first = GraphSnapshot.objects.get(
        pk=snapshot_id_from(run("snapshot", "--deliberation", "synthetic", "--mode", "mai"))
    )
    second = GraphSnapshot.objects.get(
        pk=snapshot_id_from(run("snapshot", "--deliberation", "synthetic", "--mode", "mai"))
    )
    assert first.pk != second.pk
    assert first.content_hash == second.content_hash
    # One more vote changes the inputs, and so the hash.
    WiserVote.objects.filter(pk=WiserVote.objects.first().pk).update(choice="unsure")
    third = GraphSnapshot.objects.get(
        pk=snapshot_id_from(run("snapshot", "--deliberation", "synthetic", "--mode", "mai"))
    )
    assert third.content_hash != first.content_hash


def test_published_summary_round_trips(shared_data, tmp_path):
    path = shared_data / "mai" / "moral-graph-summary-published.json"
    output = run("import-summary", "--deliberation", "mai-2023", str(path))
    snapshot = GraphSnapshot.objects.get(pk=snapshot_id_from(output))
    assert snapshot.source == "import"
    assert snapshot.counts["values"] == 59
    assert snapshot.counts["edges"] == 67
    original = json.loads(path.read_text())
    exported = json.loads(export(snapshot.pk, "mai", tmp_path))
    assert_same_summary(exported, original, page_rank=False)
    assert exported == original  # same structure, order and numbers: nothing added or lost


def test_graphml_csv_and_jsonl_agree_with_the_summary(mai_dump, tmp_path):
    snapshot_id = snapshot_id_from(run("snapshot", "--deliberation", "synthetic", "--mode", "mai"))
    summary = json.loads(export(snapshot_id, "mai", tmp_path))
    graph = nx.read_graphml(io.StringIO(export(snapshot_id, "graphml", tmp_path)))
    assert graph.is_directed()
    assert graph.number_of_edges() == len(summary["edges"])
    assert graph.number_of_nodes() == len(summary["values"])
    edge = summary["edges"][0]
    data = graph.edges[str(edge["sourceValueId"]), str(edge["wiserValueId"])]
    assert data["markedWiser"] == edge["counts"]["markedWiser"]
    assert abs(data["wiserLikelihood"] - edge["summary"]["wiserLikelihood"]) <= TOLERANCE

    rows = list(csv.DictReader(io.StringIO(export(snapshot_id, "csv", tmp_path))))
    assert len(rows) == len(summary["edges"])
    assert float(rows[0]["entropy"]) == edge["summary"]["entropy"]
    values = list(csv.DictReader(io.StringIO(export(snapshot_id, "csv-values", tmp_path))))
    assert {int(r["value_id"]) for r in values} == {v["id"] for v in summary["values"]}

    lines = [json.loads(line) for line in export(snapshot_id, "jsonl", tmp_path).splitlines()]
    assert lines[0]["type"] == "snapshot"
    assert lines[0]["contentHash"] == GraphSnapshot.objects.get(pk=snapshot_id).content_hash
    assert sum(1 for line in lines if line["type"] == "edge") == len(summary["edges"])
    text = json.dumps(lines)
    assert "userId" not in text
    assert "mai-user-" not in text  # no pseudonyms either: aggregates only


def test_export_to_stdout(mai_dump, capsys):
    snapshot_id = snapshot_id_from(run("snapshot", "--deliberation", "synthetic", "--mode", "mai"))
    call_command("moralgraph", "export", str(snapshot_id), "--format", "mai")
    assert json.loads(capsys.readouterr().out)["edges"]


def test_graphml_escapes_markup(mai_dump, tmp_path):
    value = CanonicalValue.objects.get(source_id="1000")
    value.title = '<script>alert("x")</script> & co'
    value.save()
    snapshot_id = snapshot_id_from(run("snapshot", "--deliberation", "synthetic", "--mode", "mai"))
    text = export(snapshot_id, "graphml", tmp_path)
    assert "<script>" not in text
    graph = nx.read_graphml(io.StringIO(text))
    assert graph.nodes["1000"]["title"] == '<script>alert("x")</script> & co'


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["snapshot", "--deliberation", "nope"], "no deliberation"),
        (["export", "999999", "--format", "mai"], "no snapshot"),
        (
            ["snapshot", "--deliberation", "synthetic", "--as-of", "2024-03-20T21:00:00"],
            "time zone",
        ),
        (["import-summary", "--deliberation", "x", "/nonexistent.json"], "no such file"),
        (["snapshot", "--deliberation", "synthetic", "--as-of", "2999-01-01T00:00:00Z"], "future"),
    ],
)
def test_clear_errors(mai_dump, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_bad_dump_is_refused_and_nothing_is_written(tmp_path, shared_data):
    values = tmp_path / "values.json"
    votes = tmp_path / "votes.json"
    values.write_text(json.dumps([{"id": 1, "title": "A"}]))
    votes.write_text(
        json.dumps(
            [
                {
                    "userId": 1,
                    "fromId": 1,
                    "toId": 2,
                    "contextId": "c",
                    "relationship": "upgrade",
                    "createdAt": "2024-01-01T00:00:00Z",
                }
            ]
        )
    )
    with pytest.raises(CommandError, match="value 2"):
        run("import-mai", "--deliberation", "bad", "--values", str(values), "--votes", str(votes))
    assert not CanonicalValue.objects.exists()
    assert not Deliberation.objects.filter(slug="bad", canonical_values__isnull=False).exists()
