"""The runner: metrics per iteration and series, artifacts with hashes, a report with provenance,
and a job whose worker died resumes where the database says it stopped."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from alignment_jobs.jobs import artifacts, runner
from alignment_jobs.jobs.runner import job_run
from alignment_jobs.jobs.services import job_cancel, job_launch, jobs_to_resume
from alignment_jobs.models import AlignmentJob, JobMetric
from alignment_jobs.targets.services import target_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def artifact_root(settings, tmp_path):
    settings.ARTIFACT_ROOT = tmp_path / "artifacts"
    settings.ALIGNMENT_JOB_HEARTBEAT_SECONDS = 60  # the real-worker test exercises the beat
    settings.ALIGNMENT_JOB_STALE_SECONDS = 30


def metrics_of(job) -> dict:
    return {(m.series, m.iteration): m.values for m in JobMetric.objects.filter(job=job)}


class WorkerKilled(BaseException):
    """Stands in for SIGKILL: nothing in the runner catches it, nothing is cleaned up."""


def test_a_job_runs_every_series_and_writes_a_report_with_provenance(graph_world, tiny_toy):
    target = target_build(snapshot=graph_world["snapshot"], by=graph_world["owner"])
    job = job_launch(config=tiny_toy, target=target, by=graph_world["owner"], enqueue=False)
    assert job_run(job.pk, worker="test") == "succeeded"
    job.refresh_from_db()
    assert (job.status, job.progress, job.iterations_done, job.attempts) == ("succeeded", 1.0, 6, 1)
    assert set(metrics_of(job)) == {(s, i) for s in ("adaptive", "fixed_default") for i in range(3)}
    values = metrics_of(job)[("adaptive", 2)]
    for key in (
        "principal_value",
        "hallucination_rate",
        "abstention_rate",
        "audit_rate",
        "false_positive_rate",
    ):
        assert isinstance(values[key], float)
    assert values["profile"]["name"]
    report = job.report
    assert report["target"]["snapshotHash"] == graph_world["snapshot"].content_hash
    assert report["target"]["contentHash"] == target.content_hash
    assert report["configHash"] == job.config_hash
    assert {"python", "torch", "numpy", "django"} <= set(report["libraries"])
    assert [row["series"] for row in report["baselineTable"]] == ["adaptive", "fixed_default"]
    assert report["adaptive"]["theory_vs_observed"]["predicted"]["regime"]
    on_disk = json.loads((artifacts.job_dir(job) / "report.json").read_text())
    assert on_disk["configHash"] == job.config_hash
    for artifact in job.artifacts.all():
        assert artifacts.sha256_of(artifacts.artifact_path(artifact)) == artifact.sha256
    assert {a.kind for a in job.artifacts.all()} == {"checkpoint", "metrics", "report"}


@pytest.mark.parametrize("where", ["after_checkpoint_before_commit", "after_commit"])
def test_a_killed_job_resumes_without_repeating_or_losing_an_iteration(
    graph_world, tiny_toy, where
):
    reference = job_launch(config=tiny_toy, by=None, enqueue=False)
    job_run(reference.pk, worker="reference")
    job = job_launch(config=tiny_toy, by=None, enqueue=False)
    calls = {"n": 0}
    real_record, real_register = runner._record, artifacts.artifact_register

    def record(*args, **kwargs):
        calls["n"] += 1
        if where == "after_checkpoint_before_commit" and calls["n"] == 4:
            raise WorkerKilled()
        return real_record(*args, **kwargs)

    def register(job_, kind, path):
        real_register(job_, kind, path)
        if where == "after_commit" and kind == "checkpoint" and path.name == "step-000004.pt":
            raise WorkerKilled()

    with (
        mock.patch.object(runner, "_record", side_effect=record),
        mock.patch.object(artifacts, "artifact_register", side_effect=register),
        pytest.raises(WorkerKilled),
    ):
        job_run(job.pk, worker="doomed")
    job.refresh_from_db()
    assert job.status == "running"  # as a dead worker leaves it
    done_before = job.iterations_done
    assert done_before == (3 if where == "after_checkpoint_before_commit" else 4)
    assert job_run(job.pk, worker="too-early") == "skipped"  # its heartbeat is not stale yet
    AlignmentJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=5)
    )
    assert jobs_to_resume(older_than=timezone.now() - timedelta(minutes=1)) == [job.pk]
    assert job_run(job.pk, worker="survivor") == "succeeded"
    job.refresh_from_db()
    assert (job.status, job.attempts, job.iterations_done) == ("succeeded", 2, 6)
    assert metrics_of(job) == metrics_of(reference)  # bit for bit, as if never interrupted


def test_cancelling_a_queued_job_ends_it_and_a_running_one_stops_after_its_iteration(tiny_toy):
    queued = job_launch(config=tiny_toy, by=None, enqueue=False)
    job_cancel(queued, by=None)
    queued.refresh_from_db()
    assert queued.status == "cancelled"
    assert job_run(queued.pk, worker="w") == "skipped"
    running = job_launch(config=tiny_toy, by=None, enqueue=False)
    real_record = runner._record

    def record(job, series, iteration, *args):
        real_record(job, series, iteration, *args)
        if iteration == 0:
            AlignmentJob.objects.filter(pk=job.pk).update(cancel_requested=True)

    with mock.patch.object(runner, "_record", side_effect=record):
        assert job_run(running.pk, worker="w") == "cancelled"
    running.refresh_from_db()
    assert (running.status, running.iterations_done) == ("cancelled", 1)


def test_a_failing_job_says_why_and_the_worker_goes_on(tiny_toy):
    job = job_launch(config=tiny_toy, by=None, enqueue=False)
    with mock.patch(
        "alignment_jobs.game.toy.run_experiment", side_effect=RuntimeError("out of memory")
    ):
        assert job_run(job.pk, worker="w") == "failed"
    job.refresh_from_db()
    assert job.status == "failed"
    assert "RuntimeError: out of memory" in job.error
