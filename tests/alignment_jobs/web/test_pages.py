"""The organiser's pages: build a target, launch a job, follow it, download its metrics."""

import pytest
from django.test import Client

from alignment_jobs.jobs.runner import job_run
from alignment_jobs.models import AlignmentJob, AlignmentTarget
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def artifact_root(settings, tmp_path):
    settings.ARTIFACT_ROOT = tmp_path / "artifacts"


def test_an_organiser_builds_a_target_launches_a_job_and_follows_it(
    graph_world, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(graph_world["owner"])
    page = client.get("/alignment/d/homework/targets/")
    assert "Build a target from snapshot" in page.content.decode()
    built = client.post("/alignment/d/homework/targets/", follow=True)
    target = AlignmentTarget.objects.get()
    assert built.redirect_chain[-1][0] == f"/alignment/targets/{target.pk}/"
    html = built.content.decode()
    assert "When the child refuses homework" in html
    assert "MOMENTS of her own decision" in html
    with django_capture_on_commit_callbacks(execute=False) as queued:
        launched = client.post(f"/alignment/targets/{target.pk}/", {"config": "toy", "seed": "1"})
    job = AlignmentJob.objects.get()
    assert launched["Location"] == f"/alignment/jobs/{job.pk}/"
    assert len(queued) == 1  # handed to a worker once the launch commits
    job.config = {
        **job.config,
        "iterations": 2,
        "game": {**job.config["game"], "eval_samples": 1000, "batch_size": 256},
    }
    AlignmentJob.objects.filter(pk=job.pk).update(config=job.config)
    assert job_run(job.pk, worker="test") == "succeeded"
    page = client.get(f"/alignment/jobs/{job.pk}/").content.decode()
    assert "Baselines, compute-matched" in page
    assert "fixed_default" in page
    data = client.get(f"/alignment/jobs/{job.pk}/data.json").json()
    assert data["finished"]
    assert set(data["series"]) >= {"adaptive", "solver_only"}
    csv = client.get(f"/alignment/jobs/{job.pk}/metrics.csv")
    assert csv["Content-Disposition"].startswith("attachment")


def test_strangers_see_no_jobs_and_build_nothing(graph_world):
    client = Client()
    client.force_login(UserFactory())
    assert "Build a target" not in client.get("/alignment/d/homework/targets/").content.decode()
    client.post("/alignment/d/homework/targets/")
    assert not AlignmentTarget.objects.exists()
    anonymous = Client().get("/alignment/")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
