"""`moralgraph verify` checks exports against their manifests and recomputes the input hash;
`moralgraph diff` compares two snapshots of one deliberation."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from moralgraph.models import GraphSnapshot, WiserVote
from moralgraph.snapshots.services import snapshot_create

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("moralgraph", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def export(snapshot, fmt, path, what="export") -> str:
    run(what, str(snapshot.pk), "--format", fmt, "--output", str(path))
    return str(path)


@pytest.mark.parametrize("fmt", ["json", "graphml", "jsonl", "csv", "csv-values"])
def test_every_export_verifies_and_a_changed_byte_fails(labs, tmp_path, fmt):
    path = export(labs["snapshot"], fmt, tmp_path / f"export.{fmt}")
    assert "verified" in run("verify", path)
    text = Path(path).read_text(encoding="utf-8")
    index = text.index(labs["values"][0].external_id) + 4  # a value's id, in every format
    Path(path).write_text(text[:index] + "X" + text[index + 1 :], encoding="utf-8")
    with pytest.raises(CommandError, match="verification failed"):
        run("verify", path)


def test_raw_votes_and_the_document_together_recompute_the_input_hash(labs, tmp_path):
    votes = export(labs["snapshot"], "jsonl", tmp_path / "votes.jsonl", "votes")
    document = export(labs["snapshot"], "json", tmp_path / "snapshot.json")
    out = run("verify", votes, document)
    assert (
        f"recomputed from the values and votes in the files): {labs['snapshot'].content_hash}"
        in out
    )
    # Values changed in the document, manifest and all rewritten to match: the input hash catches it.
    data = json.loads(Path(document).read_text(encoding="utf-8"))
    data["values"][0]["title"] = "Something else"
    Path(document).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError):
        run("verify", votes, document)


def test_an_imported_summary_verifies_against_its_own_hash(shared_data, tmp_path):
    path = shared_data / "mai" / "moral-graph-summary-published.json"
    snapshot_id = run("import-summary", "--deliberation", "mai-2023", str(path)).split()[-1]
    snapshot = GraphSnapshot.objects.get(pk=snapshot_id)
    exported = export(snapshot, "mai", tmp_path / "summary.json")
    out = run("verify", exported)
    assert "ok   input hash (the imported document)" in out
    assert "verified" in out


def test_verify_needs_a_manifest(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="verification failed"):
        run("verify", str(path))


def test_diff_reports_edge_count_and_likelihood_changes_by_external_id(labs):
    _, b, c, _ = labs["values"]
    first = snapshot_create(deliberation=labs["d"], mode="mai")
    WiserVote.objects.filter(
        deliberation=labs["d"], from_value=b, participant__in=labs["voters"][:4]
    ).update(choice="wiser")
    second = snapshot_create(deliberation=labs["d"], mode="mai")
    diff = json.loads(run("diff", str(first.pk), str(second.pk), "--json"))
    (change,) = diff["edgeChanges"]
    assert (change["sourceValueId"], change["wiserValueId"]) == (b.external_id, c.external_id)
    assert change["counts"]["markedWiser"]["change"] == 2
    assert change["counts"]["markedNotWiser"]["change"] == -2
    assert change["summary"]["wiserLikelihood"]["change"] > 0
    text = run("diff", str(first.pk), str(second.pk))
    (line,) = [line for line in text.splitlines() if line.startswith("~ edge")]
    assert line.startswith(f"~ edge {b.external_id} → {c.external_id}: ")
    assert "markedWiser 5 → 7" in line
    assert "wiserLikelihood 0.5 → 0.7" in line


def test_diff_refuses_snapshots_of_two_deliberations(labs, split_world):
    other = snapshot_create(deliberation=split_world["d"], mode="mai")
    with pytest.raises(CommandError, match="different deliberations"):
        run("diff", str(labs["snapshot"].pk), str(other.pk))
    with pytest.raises(CommandError, match="no snapshot"):
        run("diff", str(labs["snapshot"].pk), "999999")
