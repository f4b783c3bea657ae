"""The native document (format=json): every value, rankings per scope, edges, mode, parameters and
provenance; format=mai only for mode=mai snapshots."""

import hashlib
import json

import pytest

from moralgraph.exports.document import snapshot_document_external
from moralgraph.exports.writers import ExportRefused, export_snapshot
from moralgraph.graph.provenance import split_trailer
from moralgraph.snapshots.services import snapshot_create

pytestmark = pytest.mark.django_db


def document_of(snapshot) -> dict:
    return json.loads("".join(export_snapshot(snapshot, "json")))


def test_every_value_is_listed_also_those_ranked_only_within_a_context(split_world):
    a, b, c, e = split_world["values"]
    snapshot = snapshot_create(deliberation=split_world["d"], parameters={"bootstrap_samples": 20})
    document = document_of(snapshot)
    assert document["format"] == "mgp-snapshot/1"
    assert document["mode"] == "default"
    assert document["parameters"] == snapshot.parameters
    listed = {v["id"]: v for v in document["values"]}
    assert set(listed) == {v.external_id for v in (a, b, c, e)}
    assert listed[a.external_id]["position"] is None  # not ranked overall ...
    assert listed[a.external_id]["rankedInContexts"] == ["day", "night"]  # ... but in both contexts
    assert set(document["overall"]["unranked"]) == {a.external_id, b.external_id}
    day, night = document["contexts"]
    assert (day["context"], night["context"]) == ("day", "night")
    assert set(day["winner"]["ids"]) == {b.external_id, e.external_id}  # a tie, explicit
    assert night["winner"]["ids"] == [a.external_id]
    assert 0 < night["winner"]["probabilityStaysWinner"] <= 1
    assert night["winnerProbabilities"][0]["id"] == a.external_id
    assert [r["position"] for r in night["ranking"]] == [1, 2]
    assert {r["id"] for r in day["ranking"]} == {v.external_id for v in (a, b, c, e)}
    assert document["bootstrap"]["samples"] == 20
    (edge,) = document["edges"]
    assert (edge["sourceValueId"], edge["wiserValueId"]) == (c.external_id, e.external_id)
    assert edge["counts"]["markedWiser"] == 3
    assert set(edge["summary"]) == {"wiserLikelihood", "entropy"}
    manifest = document["manifest"]
    assert manifest["inputHash"] == snapshot.content_hash
    assert manifest["asOf"] == snapshot.as_of.isoformat()
    assert manifest["parameters"] == snapshot.parameters
    assert manifest["codeVersion"]
    assert manifest["export"] == "json"


def test_the_manifest_covers_every_byte_before_it(split_world):
    snapshot = snapshot_create(deliberation=split_world["d"], parameters={"bootstrap_samples": 0})
    data = "".join(export_snapshot(snapshot, "json")).encode()
    body, manifest = split_trailer(data)
    assert data.endswith(b"}\n")
    assert data.startswith(body)
    assert hashlib.sha256(body).hexdigest() == manifest["exportHash"]


def test_the_api_detail_is_the_same_document_with_provenance(split_world):
    snapshot = snapshot_create(deliberation=split_world["d"], parameters={"bootstrap_samples": 5})
    detail = snapshot_document_external(snapshot)
    exported = document_of(snapshot)
    assert detail["provenance"]["inputHash"] == exported["manifest"]["inputHash"]
    assert "exportHash" not in detail["provenance"]
    for key in ("values", "overall", "contexts", "edges", "bootstrap", "snapshot"):
        assert detail[key] == exported[key], key


def test_mai_format_of_a_default_snapshot_is_refused(split_world):
    default = snapshot_create(deliberation=split_world["d"], parameters={"bootstrap_samples": 0})
    with pytest.raises(ExportRefused, match="MAI's PageRank"):
        list(export_snapshot(default, "mai"))
    mai = snapshot_create(deliberation=split_world["d"], mode="mai")
    assert json.loads("".join(export_snapshot(mai, "mai")))["values"][0]["pageRank"] > 0
    mai_document = document_of(mai)
    assert mai_document["mode"] == "mai"
    assert mai_document["contexts"] == []  # MAI ranks overall only
    assert [r["position"] for r in mai_document["overall"]["ranking"]] == [1, 2]


def test_jsonl_of_a_default_snapshot_names_no_pagerank(split_world):
    snapshot = snapshot_create(deliberation=split_world["d"], parameters={"bootstrap_samples": 0})
    lines = [json.loads(line) for line in "".join(export_snapshot(snapshot, "jsonl")).splitlines()]
    values = [line for line in lines if line["type"] == "value"]
    assert values
    assert all("pageRank" not in v and "position" in v for v in values)
    assert lines[-1]["type"] == "manifest"
