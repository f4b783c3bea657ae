"""`job.finished`: sent to the webhooks of the deliberation a job's target was built from."""

from moralgraph.webhooks.services import webhook_emit

from ..models import AlignmentJob


def job_finished(job_id: int) -> None:
    job = AlignmentJob.objects.select_related("target__snapshot").filter(pk=job_id).first()
    if job is None or job.target is None:  # a job without a target belongs to no deliberation
        return
    webhook_emit(
        job.target.snapshot.deliberation_id,
        "job.finished",
        {
            "job": job.pk,
            "status": job.status,
            "setting": job.setting,
            "target": job.target_id,
            "snapshot": job.target.snapshot_id,
            "finishedAt": job.finished_at.isoformat() if job.finished_at else None,
            "error": job.error[:500],
            "url": f"/api/v1/jobs/{job.pk}/",
        },
    )
