"""API v1 for participants, agents and labs: same rules as the pages, JSON errors, exports."""

import json

import networkx as nx
import pytest
from rest_framework.test import APIClient

from moralgraph.models import WiserVote
from moralgraph.snapshots.runs import snapshot_run_execute
from moralgraph.snapshots.services import snapshot_create
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    EdgeHypothesisFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    d = DeliberationFactory(slug="api")
    ctx = ContextFactory(deliberation=d)
    a, b = CanonicalValueFactory.create_batch(2, deliberation=d)
    people = ParticipantFactory.create_batch(3, deliberation=d)
    story = EdgeHypothesisFactory(
        deliberation=d, from_value=a, to_value=b, context=ctx, author=people[2], story="S"
    )
    return {"d": d, "ctx": ctx, "a": a, "b": b, "people": people, "owner": d.owner, "story": story}


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def test_participant_votes_through_the_api_and_can_change_it(world):
    api = client_for(world["people"][0].user)
    nxt = api.get("/api/v1/deliberations/api/hypotheses/next/?limit=5").json()
    assert [h["id"] for h in nxt] == [world["story"].pk]
    r = api.post(
        "/api/v1/deliberations/api/votes/",
        {"hypothesis": world["story"].pk, "choice": "wiser"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    r = api.post(
        "/api/v1/deliberations/api/votes/",
        {
            "from_value": world["a"].pk,
            "to_value": world["b"].pk,
            "context": world["ctx"].pk,
            "choice": "unsure",
            "comment": "hm",
        },
        format="json",
    )
    assert r.status_code == 201
    assert WiserVote.objects.get().choice == "unsure"
    listed = api.get("/api/v1/deliberations/api/votes/").json()
    assert listed["count"] == 1
    assert "participant" not in listed["results"][0]


def test_errors_are_json_with_a_code_and_a_message(world):
    api = client_for(world["people"][0].user)
    r = api.post(
        "/api/v1/deliberations/api/votes/",
        {"hypothesis": world["story"].pk, "choice": "maybe"},
        format="json",
    )
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["code"] == "invalid"
    assert "choice" in error["fields"]
    assert "choice" in error["message"]
    r = api.post(
        "/api/v1/deliberations/api/votes/",
        {
            "from_value": world["a"].pk,
            "to_value": world["a"].pk,
            "context": world["ctx"].pk,
            "choice": "wiser",
        },
        format="json",
    )
    assert r.status_code == 400
    assert "itself" in r.json()["error"]["message"]
    assert client_for().get("/api/v1/deliberations/nope/").json()["error"]["code"] == "not_found"


def test_non_participants_cannot_vote(world):
    stranger = client_for(UserFactory())
    r = stranger.post(
        "/api/v1/deliberations/api/votes/",
        {"hypothesis": world["story"].pk, "choice": "wiser"},
        format="json",
    )
    assert r.status_code == 403
    assert "Join" in r.json()["error"]["message"]
    assert (
        client_for().post("/api/v1/deliberations/api/votes/", {}, format="json").status_code == 401
    )
    assert not WiserVote.objects.exists()


def test_owner_takes_snapshot_and_lab_exports_it(world):
    for p in world["people"]:
        client_for(p.user).post(
            "/api/v1/deliberations/api/votes/",
            {"hypothesis": world["story"].pk, "choice": "wiser"},
            format="json",
        )
    assert (
        client_for(world["people"][0].user)
        .post("/api/v1/deliberations/api/snapshots/", {"mode": "mai"}, format="json")
        .status_code
        == 403
    )
    r = client_for(world["owner"]).post(
        "/api/v1/deliberations/api/snapshots/", {"mode": "mai"}, format="json"
    )
    # Queued, not computed in the request: 202 with where to follow it; the worker computes it.
    assert r.status_code == 202, r.json()
    assert r.json()["status"] == "queued"
    assert r["Location"] == r.json()["status_url"]
    snapshot_run_execute(r.json()["id"])
    run = client_for(world["owner"]).get(r.json()["status_url"]).json()
    assert (run["status"], run["progress"]) == ("done", 1.0)
    snapshot_id = run["snapshot"]
    api = client_for()
    assert api.get(f"/api/v1/snapshots/{snapshot_id}/").json()["counts"]["edges"] == 1
    detail = api.get(f"/api/v1/snapshots/{snapshot_id}/").json()
    assert detail["summary"]["edges"][0]["counts"]["markedWiser"] == 3
    export = api.get(f"/api/v1/snapshots/{snapshot_id}/export/?format=mai")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/json")
    assert (
        json.loads(b"".join(export.streaming_content))["edges"][0]["wiserValueId"]
        == world["b"].external_id
    )
    etag = export["ETag"]
    assert export["Last-Modified"]
    again = api.get(f"/api/v1/snapshots/{snapshot_id}/export/?format=mai", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    graphml = api.get(f"/api/v1/snapshots/{snapshot_id}/export/?format=graphml")
    import io

    graph = nx.read_graphml(io.BytesIO(b"".join(graphml.streaming_content)))
    assert graph.number_of_edges() == 1
    bad = api.get(f"/api/v1/snapshots/{snapshot_id}/export/?format=pdf")
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "invalid"


def test_snapshot_diff(world):
    first = snapshot_create(deliberation=world["d"], mode="mai")
    for p in world["people"]:
        client_for(p.user).post(
            "/api/v1/deliberations/api/votes/",
            {"hypothesis": world["story"].pk, "choice": "wiser"},
            format="json",
        )
    second = snapshot_create(deliberation=world["d"], mode="mai")
    diff = client_for().get(f"/api/v1/snapshots/{first.pk}/diff/{second.pk}/").json()
    assert diff["from"] == first.pk
    assert diff["to"] == second.pk
    assert len(diff["edges"]["added"]) == 1


def test_draft_deliberations_are_invisible(world):
    world["d"].status = "draft"
    world["d"].save()
    assert client_for().get("/api/v1/deliberations/api/").status_code == 404
    assert client_for().get("/api/v1/deliberations/").json()["count"] == 0
    assert client_for(world["owner"]).get("/api/v1/deliberations/api/").status_code == 200


def test_schema_is_served(client):
    r = client.get("/api/schema/")
    assert r.status_code == 200
    assert b"/api/v1/snapshots/{id}/export/" in r.content


def test_interactive_docs_work_offline(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/schema/" in html
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html


def test_latest_snapshot_shortcut_for_curl(world):
    assert client_for().get("/api/v1/deliberations/api/snapshots/latest/").status_code == 404
    snapshot_create(deliberation=world["d"], mode="mai")
    newest = snapshot_create(deliberation=world["d"], mode="default")
    assert client_for().get("/api/v1/deliberations/api/snapshots/latest/").json()["id"] == newest.pk
    export = client_for().get("/api/v1/deliberations/api/snapshots/latest/export/?format=graphml")
    assert export.status_code == 200
    assert b"<graphml" in b"".join(export.streaming_content)
