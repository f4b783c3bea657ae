"""Celery tasks of the alignment half: thin callers of the runner, idempotent by the job's row.

`train_job` goes to the `gpu` queue (its name starts with alignment_jobs.train). It is acked
late and rejected when its worker dies, so the broker redelivers it; a sweep that runs when a
worker starts (and periodically) re-enqueues jobs whose worker died without a redelivery (the
embedded broker cannot redeliver). The claim in the runner makes duplicates harmless.
"""

import socket
from datetime import timedelta

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.utils import timezone

from .jobs.runner import job_run
from .jobs.services import jobs_to_resume


@shared_task(name="alignment_jobs.train_job", acks_late=True, reject_on_worker_lost=True)
def train_job(job_id: int) -> dict:
    """Run or resume one alignment job; a job already finished or alive elsewhere is skipped."""
    worker = f"{socket.gethostname()}:{train_job.request.hostname or ''}"
    return {"job_id": job_id, "outcome": job_run(job_id, worker=worker)}


@shared_task(name="alignment_jobs.resume_stale_jobs")
def resume_stale_jobs() -> dict:
    """Hand jobs whose worker died back to a GPU worker (the claim decides who runs them)."""
    older_than = timezone.now() - timedelta(seconds=settings.ALIGNMENT_JOB_STALE_SECONDS)
    ids = jobs_to_resume(older_than=older_than)
    for job_id in ids:
        train_job.delay(job_id)
    return {"resumed": ids}


@worker_ready.connect
def _sweep_when_a_worker_starts(sender=None, **kwargs) -> None:
    # Once a dead worker's heartbeat has gone stale, its job can be claimed again.
    resume_stale_jobs.apply_async(countdown=settings.ALIGNMENT_JOB_STALE_SECONDS + 1)
