"""Launching and cancelling alignment jobs; views, the API and the CLI all call these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mgplatform.queue import enqueue_on_commit
from moralgraph.access import is_owner

from ..models import AlignmentJob, AlignmentTarget
from .configs import config_hash, config_validate
from .events import job_finished

TRAIN_TASK = "alignment_jobs.train_job"  # routed to the `gpu` queue by its name


def may_run_jobs(user, target: AlignmentTarget | None) -> bool:
    """A target's jobs: its deliberation's owner and staff; a job with no target: staff."""
    if target is None:
        return bool(user and user.is_authenticated and user.is_active and user.is_staff)
    return is_owner(user, target.deliberation)


@transaction.atomic
def job_launch(
    *,
    config,
    by,
    target: AlignmentTarget | None = None,
    seed: int | None = None,
    enqueue: bool = True,
) -> AlignmentJob:
    """Validate the config, store a queued job, and (after the commit) hand it to a GPU worker.

    `by` None is the operator at the command line, who may launch anything.
    """
    if by is not None and not may_run_jobs(by, target):
        raise PermissionDenied(
            "Only the target's deliberation owner or staff may launch jobs on it."
        )
    if seed is not None:
        config = {**config, "seed": seed}
    config = config_validate(config)
    job = AlignmentJob.objects.create(
        target=target,
        name=config["name"],
        setting=config["setting"],
        config=config,
        config_hash=config_hash(config),
        seed=config["seed"],
        created_by=by if by is not None and by.is_authenticated else None,
    )
    if enqueue:
        enqueue_on_commit(TRAIN_TASK, job.pk)
    return job


@transaction.atomic
def job_cancel(job: AlignmentJob, *, by) -> AlignmentJob:
    """A queued job is cancelled at once; a running one stops after its current outer iteration."""
    if by is not None and not (
        may_run_jobs(by, job.target) or job.created_by_id == getattr(by, "pk", None)
    ):
        raise PermissionDenied("Only whoever may launch this job may cancel it.")
    job = AlignmentJob.objects.select_for_update().get(pk=job.pk)
    if job.finished:
        raise ValidationError(f"This job has already {job.status}.", code="finished")
    job.cancel_requested = True
    fields = ["cancel_requested"]
    if job.status == AlignmentJob.Status.QUEUED:
        job.status, job.finished_at = AlignmentJob.Status.CANCELLED, timezone.now()
        fields += ["status", "finished_at"]
    job.save(update_fields=fields)
    if job.finished:
        job_finished(job.pk)
    return job


def jobs_to_resume(*, older_than) -> list[int]:
    """Jobs a dead worker left: running with a heartbeat older than `older_than`; and queued ones
    not handed to a worker since then (a message the embedded broker lost). The queued ones are
    stamped, so each is handed back at most once per stale interval."""
    live = AlignmentJob.objects.filter(cancel_requested=False)
    running = live.filter(status=AlignmentJob.Status.RUNNING, heartbeat_at__lt=older_than)
    queued = live.filter(status=AlignmentJob.Status.QUEUED, created_at__lt=older_than).exclude(
        heartbeat_at__gte=older_than
    )
    ids = sorted({*running.values_list("pk", flat=True), *queued.values_list("pk", flat=True)})
    queued.filter(pk__in=ids).update(heartbeat_at=timezone.now())
    return ids
