"""The API as a lab's data engineer uses it: raw votes, the native document, one id policy,
content negotiation, caching and conditional requests, strict parameters, diffs."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date
from rest_framework.test import APIClient

from moralgraph.models import WiserVote
from moralgraph.snapshots.services import snapshot_create
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    UserFactory,
    WiserVoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttles():
    """These tests make many anonymous requests: leave the next tests their own allowance."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lab():
    d = DeliberationFactory(slug="lab")
    ctx = ContextFactory(deliberation=d, name="When it is late")
    a, b = CanonicalValueFactory.create_batch(2, deliberation=d)
    voters = ParticipantFactory.create_batch(4, deliberation=d)
    for i, voter in enumerate(voters):
        WiserVoteFactory(
            participant=voter,
            from_value=a,
            to_value=b,
            context=ctx,
            choice="wiser" if i < 3 else "not_wiser",
            created_at=timezone.now() - timedelta(hours=2, minutes=i),
        )
    mai = snapshot_create(deliberation=d, mode="mai")
    default = snapshot_create(deliberation=d, parameters={"bootstrap_samples": 10})
    return {"d": d, "a": a, "b": b, "voters": voters, "mai": mai, "default": default}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


api = APIClient


def test_raw_votes_by_id_and_for_the_latest_snapshot(lab):
    r = api().get(f"/api/v1/snapshots/{lab['mai'].pk}/votes/?format=csv")
    assert r.status_code == 200
    assert r["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(body(r).decode())))
    assert len(rows) == 4
    assert {(x["from_value_id"], x["to_value_id"]) for x in rows} == {
        (lab["a"].external_id, lab["b"].external_id)
    }
    latest = api().get("/api/v1/deliberations/lab/snapshots/latest/votes/?format=jsonl")
    assert latest["Content-Type"] == "application/x-ndjson; charset=utf-8"
    lines = [json.loads(line) for line in body(latest).decode().splitlines()]
    assert lines[-1]["snapshot"] == lab["default"].pk
    assert {line["voter"] for line in lines[:-1]} == {x["voter"] for x in rows}
    manifest = api().get(f"/api/v1/snapshots/{lab['mai'].pk}/votes/manifest/?format=csv").json()
    assert manifest["export"] == "votes-csv"
    assert manifest["inputHash"] == lab["mai"].content_hash


def test_raw_votes_wait_for_a_participant_to_vote(lab):
    lab["d"].results_visibility = "participants"
    lab["d"].settings = {"graph_visible_after_voting": True}
    lab["d"].save()
    newcomer = ParticipantFactory(deliberation=lab["d"])
    client = api()
    client.force_authenticate(newcomer.user)
    r = client.get(f"/api/v1/snapshots/{lab['mai'].pk}/votes/?format=csv")
    assert r.status_code == 403
    assert "Vote first" in r.json()["error"]["message"]
    voter = api()
    voter.force_authenticate(lab["voters"][0].user)
    assert voter.get(f"/api/v1/snapshots/{lab['mai'].pk}/votes/").status_code == 200


def test_every_endpoint_names_values_by_their_external_id(lab):
    a, b = lab["a"].external_id, lab["b"].external_id
    detail = api().get(f"/api/v1/snapshots/{lab['default'].pk}/").json()
    assert {v["id"] for v in detail["summary"]["values"]} == {a, b}
    assert detail["summary"]["overall"]["ranking"][0]["id"] == b
    assert detail["summary"]["contexts"][0]["winner"]["ids"] == [b]
    values = api().get("/api/v1/deliberations/lab/values/").json()["results"]
    assert {v["external_id"] for v in values} == {a, b}
    diff = api().get(f"/api/v1/snapshots/{lab['mai'].pk}/diff/{lab['default'].pk}/").json()
    assert {r["id"] for r in diff["rankChanges"]} == {a, b}
    for fmt in ("json", "graphml", "csv", "csv-values", "jsonl"):
        text = body(api().get(f"/api/v1/snapshots/{lab['default'].pk}/export/?format=" + fmt))
        assert a.encode() in text, fmt
    hidden = CanonicalValueFactory(deliberation=lab["d"], hidden=True)
    snapshot = snapshot_create(deliberation=lab["d"], mode="mai")
    listed = api().get(f"/api/v1/snapshots/{snapshot.pk}/").json()
    assert listed["excluded"]["hidden_value_ids"] == [hidden.external_id]


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/csv", "text/csv"),
        ("application/graphml+xml", "application/graphml+xml"),
        ("application/x-ndjson", "application/x-ndjson"),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        ("text/html, text/csv;q=0.9", "text/csv"),
    ],
)
def test_accept_chooses_the_export_format(lab, accept, media):
    r = api().get(f"/api/v1/snapshots/{lab['mai'].pk}/export/", HTTP_ACCEPT=accept)
    assert r.status_code == 200
    assert r["Content-Type"].split(";")[0] == media
    assert "Accept" in r["Vary"]


def test_unservable_accept_is_406_in_json_and_raw_votes_negotiate_too(lab):
    r = api().get(f"/api/v1/snapshots/{lab['mai'].pk}/export/", HTTP_ACCEPT="application/pdf")
    assert r.status_code == 406
    assert r["Content-Type"] == "application/json"
    assert r.json()["error"]["code"] == "not_acceptable"
    votes = api().get(
        f"/api/v1/snapshots/{lab['mai'].pk}/votes/", HTTP_ACCEPT="application/x-ndjson"
    )
    assert votes["Content-Type"].startswith("application/x-ndjson")
    assert (
        api()
        .get(f"/api/v1/snapshots/{lab['mai'].pk}/votes/", HTTP_ACCEPT="application/json")
        .status_code
        == 406
    )


def test_mai_format_of_a_default_snapshot_is_a_clear_409(lab):
    r = api().get("/api/v1/deliberations/lab/snapshots/latest/export/?format=mai")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "conflict"
    assert "MAI's PageRank" in r.json()["error"]["message"]
    mai = api().get("/api/v1/deliberations/lab/snapshots/latest/export/?format=mai&mode=mai")
    assert mai.status_code == 200
    assert json.loads(body(mai))["values"][0]["pageRank"] > 0


def test_only_id_addressed_exports_are_immutable(lab):
    by_id = api().get(f"/api/v1/snapshots/{lab['default'].pk}/export/?format=csv")
    assert "immutable" in by_id["Cache-Control"]
    latest = api().get("/api/v1/deliberations/lab/snapshots/latest/export/?format=csv")
    assert "immutable" not in latest["Cache-Control"]
    assert "no-cache" in latest["Cache-Control"]
    assert latest["Content-Location"] == f"/api/v1/snapshots/{lab['default'].pk}/export/?format=csv"
    assert latest["ETag"] == by_id["ETag"]
    newer = snapshot_create(deliberation=lab["d"], mode="mai")
    moved = api().get("/api/v1/deliberations/lab/snapshots/latest/export/?format=csv")
    assert moved["ETag"] != latest["ETag"]
    assert str(newer.pk) in moved["Content-Location"]


def test_weak_etags_and_if_modified_since_give_304(lab):
    url = f"/api/v1/snapshots/{lab['mai'].pk}/export/?format=graphml"
    first = api().get(url)
    etag = first["ETag"]
    assert api().get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api().get(url, HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert api().get(url, HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert api().get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    assert api().get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    before = http_date((lab["mai"].created_at - timedelta(days=1)).timestamp())
    assert api().get(url, HTTP_IF_MODIFIED_SINCE=before).status_code == 200
    not_modified = api().get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified["ETag"] == etag
    votes = f"/api/v1/snapshots/{lab['mai'].pk}/votes/"
    assert api().get(votes, HTTP_IF_NONE_MATCH=f"W/{api().get(votes)['ETag']}").status_code == 304


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/deliberations/?page_size=10", "page_size"),
        ("/api/v1/deliberations/?page=2", "page"),
        ("/api/v1/deliberations/?limit=abc", "limit"),
        ("/api/v1/deliberations/?limit=0", "limit"),
        ("/api/v1/snapshots/?offset=-1", "offset"),
        ("/api/v1/snapshots/{id}/export/?format=pdf", "format"),
        ("/api/v1/snapshots/{id}/votes/?format=json", "format"),
    ],
)
def test_bad_parameters_are_400s_naming_them(lab, url, parameter):
    r = api().get(url.format(id=lab["mai"].pk))
    assert r.status_code == 400
    assert parameter in r.json()["error"]["fields"]
    assert parameter in r.json()["error"]["message"]


def test_limits_are_whole_numbers_and_capped(lab):
    assert len(api().get("/api/v1/snapshots/?limit=1").json()["results"]) == 1
    assert api().get("/api/v1/snapshots/?limit=100000").status_code == 200  # served as 500
    voter = api()
    voter.force_authenticate(lab["voters"][0].user)
    r = voter.get("/api/v1/deliberations/lab/hypotheses/next/?limit=abc")
    assert r.status_code == 400
    assert "limit" in r.json()["error"]["fields"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/deliberations/nope/snapshots/latest/",
        "/api/v1/deliberations/nope/snapshots/latest/export/?format=json",
        "/api/v1/deliberations/nope/snapshots/latest/votes/",
        "/api/v1/deliberations/nope/snapshots/",
    ],
)
def test_a_missing_deliberation_is_named_as_such(url):
    r = api().get(url)
    assert r.status_code == 404
    assert r.json()["error"]["message"] == "No such deliberation."


def test_a_deliberation_without_snapshots_says_so():
    DeliberationFactory(slug="empty")
    r = api().get("/api/v1/deliberations/empty/snapshots/latest/")
    assert r.status_code == 404
    assert "no snapshot yet" in r.json()["error"]["message"]


def test_a_future_as_of_is_refused(lab):
    owner = api()
    owner.force_authenticate(lab["d"].owner)
    future = (timezone.now() + timedelta(days=1)).isoformat()
    r = owner.post("/api/v1/deliberations/lab/snapshots/", {"as_of": future}, format="json")
    assert r.status_code == 400
    assert "future" in r.json()["error"]["message"]


def test_diff_reports_changes_on_edges_in_both(lab):
    WiserVote.objects.filter(participant=lab["voters"][3]).update(choice="wiser")
    later = snapshot_create(deliberation=lab["d"], mode="mai")
    diff = api().get(f"/api/v1/snapshots/{lab['mai'].pk}/diff/{later.pk}/").json()
    assert diff["edges"] == {"added": [], "removed": []}
    (change,) = diff["edgeChanges"]
    assert change["sourceValueId"] == lab["a"].external_id
    assert change["counts"]["markedWiser"] == {"old": 3, "new": 4, "change": 1}
    assert change["summary"]["wiserLikelihood"]["change"] == pytest.approx(0.25)


def test_diff_across_deliberations_is_a_400(lab):
    other = DeliberationFactory()
    elsewhere = snapshot_create(deliberation=other, mode="mai")
    r = api().get(f"/api/v1/snapshots/{lab['mai'].pk}/diff/{elsewhere.pk}/")
    assert r.status_code == 400
    assert "different deliberations" in r.json()["error"]["message"]


def test_diff_against_an_imported_summary(shared_data):
    from django.core.management import call_command

    path = shared_data / "mai" / "moral-graph-summary-published.json"
    out = io.StringIO()
    call_command(
        "moralgraph", "import-summary", "--deliberation", "mai-2023", str(path), stdout=out
    )
    imported = int(out.getvalue().split()[-1])
    computed = snapshot_create(deliberation=DeliberationFactory(slug="mai-2023"), mode="mai")
    staff = api()
    staff.force_authenticate(UserFactory(is_staff=True))  # imports are closed deliberations
    r = staff.get(f"/api/v1/snapshots/{imported}/diff/{computed.pk}/")
    assert r.status_code == 200, r.content
    assert r["Content-Type"] == "application/json"
    diff = r.json()
    assert diff["ranked"] == {"old": False, "new": False}
    assert len(diff["values"]["removed"]) == 59
    assert diff["rankChanges"] == []
    assert all(isinstance(v, int) for v in diff["values"]["removed"])  # MAI's own ids
