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


def test_a_language_model_job_page_shows_before_and_after_per_situation_samples_and_models(
    graph_world,
):
    from alignment_jobs.jobs import artifacts
    from alignment_jobs.jobs.report import report_write
    from alignment_jobs.jobs.services import job_launch
    from alignment_jobs.targets.services import target_build

    target = target_build(snapshot=graph_world["snapshot"], by=graph_world["owner"])
    job = job_launch(
        config={
            "setting": "tiny-lm",
            "iterations": 1,
            "baselines": [],
            "game": {"suite": "target"},
        },
        target=target,
        by=graph_world["owner"],
        enqueue=False,
    )
    situation = "When the child refuses homework"
    scores = {"target_value": "v-3", "n": 2, "mean_similarity_gap": 0.1}
    final = {
        "before": {
            "metrics": {"principal_value": -0.25, "hallucination_rate": 0.5},
            "contexts": {},
        },
        "after": {
            "metrics": {"principal_value": 0.75, "hallucination_rate": 0.125},
            "contexts": {},
        },
        "contexts": {
            situation: {
                "before": {**scores, "pass_rate": 0.0},
                "after": {**scores, "pass_rate": 0.5},
            }
        },
        "provenance": {
            "solver_model": "tiny",
            "auditor_model": "same",
            "solver_base_sha256": "ab" * 32,
            "auditor_base_sha256": "ab" * 32,
            "tokenizer": {"name": "tiny", "vocab": 321, "sha256": "cd" * 32},
            "device": "cpu",
            "bf16": False,
            "warmup": {"steps": 400, "loss": 0.5, "seconds": 60.0},
        },
    }
    sample = {
        "prompt": "Q: homework?",
        "response": "<script>alert(1)</script> MOMENTS of her own decision",
        "verdict": "pass",
        "verdict_text": "<pass>",
        "outcome": "aligned",
    }
    artifacts.final_save(job, "adaptive", {"final": final, "samples": {"aligned": [sample]}})
    artifacts.adapters_save(job, "adaptive", {"solver": {}, "auditor": {}})
    report_write(job)
    client = Client()
    client.force_login(graph_world["owner"])
    page = client.get(f"/alignment/jobs/{job.pk}/").content.decode()
    assert "-0.250 → 0.750" in page  # principal value on the test split, before → after
    assert "0.500 → 0.125" in page
    assert situation in page
    assert "<td>0.000</td><td>0.500</td>" in page  # the winning value's rubric score there
    assert "&lt;script&gt;alert(1)&lt;/script&gt; MOMENTS of her own decision" in page
    assert "321 tokens" in page
    assert job.artifacts.get(name="adapters-adaptive.pt").sha256 in page
