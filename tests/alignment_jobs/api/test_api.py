"""/api/v1/targets/ (read:graphs) and /api/v1/jobs/ (run:jobs): the same services as the pages."""

import pytest
from django.test import Client

from alignment_jobs.jobs.runner import job_run
from alignment_jobs.models import AlignmentJob, AlignmentTarget
from mgplatform.accounts.apikeys import api_key_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def artifact_root(settings, tmp_path):
    settings.ARTIFACT_ROOT = tmp_path / "artifacts"


def key_client(user, scopes, deliberation_slug=""):
    _, plaintext = api_key_create(
        owner=user, name="lab", scopes=scopes, deliberation_slug=deliberation_slug, created_by=user
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def test_a_lab_builds_a_target_reads_it_and_exports_it(graph_world):
    owner = key_client(graph_world["owner"], ["read:graphs", "write:deliberations"])
    response = owner.post(
        "/api/v1/targets/",
        {"snapshot": graph_world["snapshot"].pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    target_id = response.json()["id"]
    again = owner.post(
        "/api/v1/targets/",
        {"snapshot": graph_world["snapshot"].pk},
        content_type="application/json",
    )
    assert (again.status_code, again.json()["id"]) == (200, target_id)
    listed = owner.get("/api/v1/targets/").json()
    assert [t["id"] for t in listed["results"]] == [target_id]
    detail = owner.get(f"/api/v1/targets/{target_id}/").json()
    assert detail["document"]["contexts"][0]["rubric"]
    exported = owner.get(f"/api/v1/targets/{target_id}/export/")
    assert exported["Content-Disposition"].startswith("attachment")
    assert exported.json()["contentHash"] == detail["content_hash"]


def test_building_needs_the_write_scope_and_ownership(graph_world):
    reader = key_client(graph_world["owner"], ["read:graphs"])
    body = {"snapshot": graph_world["snapshot"].pk}
    assert reader.post("/api/v1/targets/", body, content_type="application/json").status_code == 403
    stranger = key_client(UserFactory(), ["read:graphs", "write:deliberations"])
    assert (
        stranger.post("/api/v1/targets/", body, content_type="application/json").status_code == 403
    )
    assert not AlignmentTarget.objects.exists()
    writer = key_client(graph_world["owner"], ["write:deliberations"])
    assert (
        writer.post(
            "/api/v1/targets/", {"snapshot": "x"}, content_type="application/json"
        ).status_code
        == 400
    )
    assert (
        writer.post(
            "/api/v1/targets/", {"snapshot": 10**6}, content_type="application/json"
        ).status_code
        == 404
    )


def test_a_lab_launches_follows_and_downloads_a_job(graph_world, tiny_toy):
    owner = key_client(graph_world["owner"], ["read:graphs", "write:deliberations", "run:jobs"])
    target_id = owner.post(
        "/api/v1/targets/",
        {"snapshot": graph_world["snapshot"].pk},
        content_type="application/json",
    ).json()["id"]
    launched = owner.post(
        "/api/v1/jobs/",
        {"target": target_id, "config": tiny_toy, "seed": 3},
        content_type="application/json",
    )
    assert launched.status_code == 201, launched.content
    job_id = launched.json()["id"]
    assert launched.json()["status"] == "queued"
    job_run(job_id, worker="test")
    detail = owner.get(f"/api/v1/jobs/{job_id}/").json()
    assert detail["status"] == "succeeded"
    assert detail["seed"] == 3
    assert detail["report"]["target"]["id"] == target_id
    metrics = owner.get(f"/api/v1/jobs/{job_id}/metrics/").json()
    assert len(metrics) == 6
    csv = owner.get(f"/api/v1/jobs/{job_id}/metrics/?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines()[0].startswith("series,iteration,profile")
    artifacts = {a["name"]: a for a in owner.get(f"/api/v1/jobs/{job_id}/artifacts/").json()}
    assert "report.json" in artifacts
    download = owner.get(f"/api/v1/jobs/{job_id}/artifacts/report.json/")
    assert download.status_code == 200
    assert download["X-Artifact-SHA256"] == artifacts["report.json"]["sha256"]
    assert owner.post(f"/api/v1/jobs/{job_id}/cancel/").status_code == 409  # finished already


def test_jobs_need_run_jobs_and_show_only_ones_own(graph_world, tiny_toy):
    no_scope = key_client(graph_world["owner"], ["read:graphs"])
    assert no_scope.get("/api/v1/jobs/").status_code == 403
    owner = key_client(graph_world["owner"], ["run:jobs", "write:deliberations"])
    stranger = key_client(UserFactory(), ["run:jobs"])
    target_id = owner.post(
        "/api/v1/targets/",
        {"snapshot": graph_world["snapshot"].pk},
        content_type="application/json",
    ).json()["id"]
    job_id = owner.post(
        "/api/v1/jobs/", {"target": target_id, "config": "toy"}, content_type="application/json"
    ).json()["id"]
    assert stranger.get("/api/v1/jobs/").json()["results"] == []
    assert stranger.get(f"/api/v1/jobs/{job_id}/").status_code == 404
    assert stranger.post(f"/api/v1/jobs/{job_id}/cancel/").status_code == 404
    launched = stranger.post(
        "/api/v1/jobs/", {"target": target_id, "config": "toy"}, content_type="application/json"
    )
    assert launched.status_code in (403, 404)
    bad = owner.post(
        "/api/v1/jobs/",
        {"target": target_id, "config": {"iterations": 0}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "iterations" in bad.json()["error"]["message"]
    cancelled = owner.post(f"/api/v1/jobs/{job_id}/cancel/").json()
    assert cancelled["status"] == "cancelled"
    assert AlignmentJob.objects.get(pk=job_id).status == "cancelled"


def test_the_api_accepts_shipped_config_names_never_a_path_on_the_server(graph_world, tmp_path):
    secret = tmp_path / "server-side.json"
    secret.write_text('{"iterations": 1}')
    staff = key_client(UserFactory(is_staff=True), ["run:jobs"])
    response = staff.post("/api/v1/jobs/", {"config": str(secret)}, content_type="application/json")
    assert response.status_code == 400
    assert "No shipped config" in response.json()["error"]["message"]
    assert not AlignmentJob.objects.exists()
