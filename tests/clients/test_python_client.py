"""The generated Python client (clients/python/) against a live server, the schema it is made
from checked by openapi-spec-validator, and the committed client kept in step with the schema."""

import csv
import filecmp
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from django.utils import timezone
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from mgplatform.accounts.apikeys import api_key_create
from moralgraph.snapshots.services import snapshot_create
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    UserFactory,
    WiserVoteFactory,
)

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = ROOT / "clients" / "python"
sys.path.insert(0, str(CLIENTS))

from moralgraph_client import AuthenticatedClient  # noqa: E402
from moralgraph_client.api.v1 import (  # noqa: E402
    v1_deliberations_list,
    v1_deliberations_snapshots_filtered_create,
    v1_deliberations_snapshots_list,
    v1_snapshots_diff_retrieve,
    v1_snapshots_export_csv_retrieve,
    v1_snapshots_export_csv_values_retrieve,
    v1_snapshots_export_graphml_retrieve,
    v1_snapshots_export_json_retrieve,
    v1_snapshots_export_jsonl_retrieve,
    v1_snapshots_export_mai_retrieve,
    v1_snapshots_retrieve,
    v1_snapshots_votes_csv_retrieve,
    v1_snapshots_votes_jsonl_retrieve,
)
from moralgraph_client.models import (  # noqa: E402
    Diff,
    FilteredSnapshot,
    MaiSummary,
    NativeDocument,
    SnapshotDetail,
    SnapshotFilters,
)
from moralgraph_client.types import File  # noqa: E402


@pytest.mark.django_db
def test_the_schema_is_valid_openapi():
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    validate(yaml.safe_load(response.content))


def test_the_committed_client_is_generated_from_the_current_schema(tmp_path):
    subprocess.run(
        [sys.executable, str(CLIENTS / "generate.py"), "--output", str(tmp_path)], check=True
    )
    assert (tmp_path / "openapi.yaml").read_text() == (CLIENTS / "openapi.yaml").read_text(), (
        "the API's schema changed: run `make client` and commit clients/python/"
    )
    drift = filecmp.dircmp(tmp_path / "moralgraph_client", CLIENTS / "moralgraph_client")

    def differing(cmp) -> list:
        found = cmp.left_only + cmp.right_only + cmp.diff_files
        return found + [f for sub in cmp.subdirs.values() for f in differing(sub)]

    assert [f for f in differing(drift) if f != "__pycache__"] == [], "run `make client`"


@pytest.fixture
def lab(transactional_db):
    owner = UserFactory()
    d = DeliberationFactory(slug="client-lab", owner=owner, status="open")
    ctx = ContextFactory(deliberation=d, name="When it is late")
    a, b, c = (CanonicalValueFactory(deliberation=d, title=t) for t in "ABC")
    earlier = timezone.now() - timedelta(hours=1)
    for i in range(6):
        voter = ParticipantFactory(deliberation=d)
        WiserVoteFactory(
            participant=voter, from_value=a, to_value=b, context=ctx, created_at=earlier
        )
        choice = "wiser" if i < 4 else "unsure"
        WiserVoteFactory(
            participant=voter,
            from_value=b,
            to_value=c,
            context=ctx,
            choice=choice,
            created_at=earlier,
        )
    mai = snapshot_create(deliberation=d, mode="mai")
    default = snapshot_create(deliberation=d, parameters={"bootstrap_samples": 10})
    _, key = api_key_create(owner=owner, name="lab", scopes=["read:graphs"])
    return {"d": d, "mai": mai, "default": default, "key": key, "values": (a, b, c)}


@pytest.mark.slow
def test_a_lab_pulls_everything_through_the_generated_client(lab, live_server):
    client = AuthenticatedClient(
        base_url=live_server.url, token=lab["key"], raise_on_unexpected_status=True
    )
    slugs = [d.slug for d in v1_deliberations_list.sync(client=client).results]
    assert "client-lab" in slugs
    listed = v1_deliberations_snapshots_list.sync("client-lab", client=client).results
    assert {s.id for s in listed} == {lab["mai"].pk, lab["default"].pk}
    mai, default = lab["mai"].pk, lab["default"].pk
    detail = v1_snapshots_retrieve.sync(default, client=client)
    assert isinstance(detail, SnapshotDetail)
    assert detail.summary.snapshot.content_hash == lab["default"].content_hash

    native = v1_snapshots_export_json_retrieve.sync(default, client=client)
    assert isinstance(native, NativeDocument)
    external = {v.external_id for v in lab["values"]}
    assert {v.id for v in native.values} == external
    assert native.overall.winner.ids == [lab["values"][2].external_id]
    summary = v1_snapshots_export_mai_retrieve.sync(mai, client=client)
    assert isinstance(summary, MaiSummary)
    assert len(summary.edges) == 2
    graphml = v1_snapshots_export_graphml_retrieve.sync(mai, client=client)
    assert isinstance(graphml, File)
    assert ET.fromstring(graphml.payload.read()).tag.endswith("graphml")
    edges = v1_snapshots_export_csv_retrieve.sync(mai, client=client).payload.read().decode()
    assert len(list(csv.DictReader(io.StringIO(edges)))) == 2
    values = (
        v1_snapshots_export_csv_values_retrieve.sync(mai, client=client).payload.read().decode()
    )
    assert len(list(csv.DictReader(io.StringIO(values)))) == 3
    lines = v1_snapshots_export_jsonl_retrieve.sync(mai, client=client).payload.read().splitlines()
    assert [json.loads(x)["type"] for x in lines].count("edge") == 2

    diff = v1_snapshots_diff_retrieve.sync(mai, default, client=client)
    assert isinstance(diff, Diff)
    assert diff.to == default
    votes = v1_snapshots_votes_csv_retrieve.sync(default, client=client).payload.read().decode()
    assert len(list(csv.DictReader(io.StringIO(votes)))) == 12
    jsonl = (
        v1_snapshots_votes_jsonl_retrieve.sync(default, client=client).payload.read().splitlines()
    )
    assert len(jsonl) == 13  # twelve votes, then the manifest record

    body = FilteredSnapshot(filters=SnapshotFilters(untrimmed=True))
    made = v1_deliberations_snapshots_filtered_create.sync_detailed(
        "client-lab", client=client, body=body
    )
    assert made.status_code == 201
    assert made.parsed.parameters.filters.additional_properties == {"untrimmed": True}
