"""The runner: the one place where the game meets a job's row.

A worker claims a job (queued, or running with a stale heartbeat: its worker died), resumes it
from the last checkpoint the database vouches for, and after every outer iteration writes a
checkpoint, then commits that iteration's metrics and progress in one transaction. So a killed
worker's job resumes exactly where the database says it stopped: never restarted, never an
iteration stored twice.

Series run one after another: the adaptive controller first, then the compute-matched
baselines (the same number of outer iterations and optimiser steps each); `most_popular` and
`weighted_average` are taken from the adaptive run's choices.
"""

import logging
import threading
import traceback
from contextlib import contextmanager
from datetime import timedelta

import torch
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from alignment_jobs.game.baselines import NEEDS_HISTORY, make_controller
from alignment_jobs.game.profiles import Profile

from ..models import AlignmentJob, JobMetric
from . import artifacts
from .configs import ADAPTIVE_SERIES as ADAPTIVE
from .configs import series_of
from .events import job_finished
from .games import GAMES
from .report import report_write
from .resolvers import context_judges, context_resolvers

logger = logging.getLogger(__name__)


class JobCancelled(Exception):
    pass


def stale_after() -> timedelta:
    return timedelta(seconds=settings.ALIGNMENT_JOB_STALE_SECONDS)


def job_claim(job_id: int, worker: str) -> AlignmentJob | None:
    """Take the job for this worker, or None when it is finished, cancelled or alive elsewhere."""
    now = timezone.now()
    claimable = Q(status=AlignmentJob.Status.QUEUED) | Q(
        status=AlignmentJob.Status.RUNNING, heartbeat_at__lt=now - stale_after()
    )
    taken = AlignmentJob.objects.filter(claimable, pk=job_id, cancel_requested=False).update(
        status=AlignmentJob.Status.RUNNING,
        worker=worker,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
    )
    if not taken:  # a cancelled job that no live worker holds ends here
        if AlignmentJob.objects.filter(claimable, pk=job_id, cancel_requested=True).update(
            status=AlignmentJob.Status.CANCELLED, finished_at=now
        ):
            job_finished(job_id)
        return None
    job = AlignmentJob.objects.select_related("target").get(pk=job_id)
    if job.started_at is None:
        AlignmentJob.objects.filter(pk=job_id).update(started_at=now)
    return job


@contextmanager
def heartbeat(job: AlignmentJob, worker: str):
    """Beat every ALIGNMENT_JOB_HEARTBEAT_SECONDS from a thread, so a long iteration is not taken
    for a dead worker."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.ALIGNMENT_JOB_HEARTBEAT_SECONDS):
                try:
                    AlignmentJob.objects.filter(
                        pk=job.pk, worker=worker, status=AlignmentJob.Status.RUNNING
                    ).update(heartbeat_at=timezone.now())
                except DatabaseError as exc:  # a missed beat is retried; the job goes on
                    logger.warning("heartbeat of job %s failed: %s", job.pk, exc)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"heartbeat-job-{job.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def job_run(job_id: int, *, worker: str) -> str:
    """Run or resume a job to its end; returns what happened ("succeeded", "skipped", …)."""
    job = job_claim(job_id, worker)  # (Celery's Django fixup closes stale connections per task)
    if job is None:
        return "skipped"
    torch.set_num_threads(settings.ALIGNMENT_TORCH_THREADS)
    with heartbeat(job, worker):
        try:
            _play(job)
        except JobCancelled:
            _finish(job, AlignmentJob.Status.CANCELLED)
            return "cancelled"
        except Exception as exc:  # the job's row says what went wrong; the worker goes on
            logger.exception("alignment job %s failed", job.pk)
            _finish(
                job,
                AlignmentJob.Status.FAILED,
                error=f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=8)}",
            )
            return "failed"
    report_write(job)
    _finish(job, AlignmentJob.Status.SUCCEEDED)
    return "succeeded"


def _finish(job: AlignmentJob, status: str, *, error: str = "") -> None:
    fields = {"status": status, "finished_at": timezone.now(), "error": error[:20_000]}
    if status == AlignmentJob.Status.SUCCEEDED:
        fields["progress"] = 1.0
    AlignmentJob.objects.filter(pk=job.pk).update(**fields)
    job_finished(job.pk)  # the deliberation's webhooks


def _controller(config: dict, series: str, adaptive_history: list):
    if series == ADAPTIVE:
        return make_controller(
            config["controller"]["name"], seed=config["seed"], **config["controller"]["options"]
        )
    options = {}
    if series in NEEDS_HISTORY:
        options["history"] = [Profile.from_dict(entry["profile"]) for entry in adaptive_history]
    return make_controller(series, seed=config["seed"], **options)


def _play(job: AlignmentJob) -> None:
    config, n = job.config, job.config["iterations"]
    names = series_of(config)
    game = GAMES[config["setting"]]
    files = _files(job) if game.uses_files else {}
    total = n * len(names)
    done = job.iterations_done  # what the database vouches for
    saved = artifacts.checkpoint_load(job, done) if done else {"adaptive_history": []}
    # A language-model series ends with an evaluation on the test split; one whose iterations are
    # all stored but whose evaluation is not (its worker died in between) is resumed to do it.
    start = done // n
    if (
        game.uses_files
        and done
        and done % n == 0
        and not artifacts.final_path(job, names[start - 1]).exists()
    ):
        start -= 1
    for index in range(start, len(names)):
        series = names[index]
        resume = saved.get("run") if saved.get("series") == series and done > index * n else None
        controller = _controller(config, series, saved["adaptive_history"])

        def on_iteration(
            *, iteration, state, metrics, estimates, profile, series=series, index=index
        ):
            step = index * n + iteration + 1
            adaptive_history = state["history"] if series == ADAPTIVE else saved["adaptive_history"]
            checkpoint = {"series": series, "run": state, "adaptive_history": adaptive_history}
            path = artifacts.checkpoint_save(job, step, checkpoint)
            _record(job, series, iteration, step, total, metrics, estimates, profile)
            artifacts.artifact_register(job, "checkpoint", path)
            saved.update(checkpoint)
            return not AlignmentJob.objects.filter(pk=job.pk, cancel_requested=True).exists()

        result = game.load().run_experiment(
            config["game"],
            controller,
            n,
            seed=config["seed"],
            on_iteration=on_iteration,
            resume_state=resume,
            **files,
        )
        if len(result["history"]) < n:
            raise JobCancelled()
        if result.get("final") is not None:
            _keep_final(job, series, result)
        done = (index + 1) * n


def _keep_final(job: AlignmentJob, series: str, result: dict) -> None:
    """A language-model series' test-split evaluation, samples and trained adapters, as artifacts."""
    artifacts.final_save(job, series, {"final": result["final"], "samples": result["samples"]})
    game_state = result["state"]["game"]
    adapters = {role: game_state[role]["adapter"] for role in ("solver", "auditor")}
    artifacts.adapters_save(job, series, adapters)


def _files(job: AlignmentJob) -> dict:
    """What a language-model game needs beside its config: a folder, the target, a resolver."""
    target, game = job.target, job.config["game"]
    resolver = None
    if target is not None and game.get("suite") == "target":
        judges = context_judges if game.get("judge") == "llm" else context_resolvers
        resolver = judges(target)
    return {
        "work_dir": artifacts.job_dir(job) / "work",
        "target_document": target.document if target is not None else None,
        "resolver": resolver,
    }


def _record(job, series, iteration, step, total, metrics, estimates, profile) -> None:
    """One iteration's metrics and the job's progress, together or not at all."""
    values = {
        **metrics,
        "profile": {"name": profile.name, **profile.to_dict()},
        "estimates": estimates,
    }
    with transaction.atomic():
        JobMetric.objects.create(job=job, series=series, iteration=iteration, values=values)
        AlignmentJob.objects.filter(pk=job.pk).update(
            iterations_done=step, progress=min(step / total, 1.0), heartbeat_at=timezone.now()
        )
