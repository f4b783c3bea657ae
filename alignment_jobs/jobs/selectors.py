"""Reads of alignment jobs: which ones a caller may see, their metrics per series."""

from django.db.models import Q, QuerySet

from moralgraph.access import deliberations_visible_to

from ..models import AlignmentJob, JobMetric
from .configs import series_of


def jobs_visible_to(user, *, only_deliberation: str = "") -> QuerySet[AlignmentJob]:
    """Staff see every job; others the jobs they launched and those on targets of deliberations they
    own. `only_deliberation`: the slug an API key is limited to."""
    jobs = AlignmentJob.objects.select_related("target__deliberation")
    if not (user.is_authenticated and user.is_active):
        return jobs.none()
    if not user.is_staff:
        owned = deliberations_visible_to(user).filter(owner=user)
        jobs = jobs.filter(Q(created_by=user) | Q(target__deliberation__in=owned))
    if only_deliberation:
        jobs = jobs.filter(target__deliberation__slug=only_deliberation)
    return jobs.order_by("-created_at", "-id")


def metrics_by_series(job: AlignmentJob) -> dict[str, list[dict]]:
    """Each series' metrics in iteration order, as stored."""
    out: dict[str, list[dict]] = {name: [] for name in series_of(job.config)}  # in run order
    for series, iteration, values in (
        JobMetric.objects.filter(job=job)
        .order_by("iteration")
        .values_list("series", "iteration", "values")
    ):
        out.setdefault(series, []).append({"iteration": iteration, **values})
    return {name: rows for name, rows in out.items() if rows}
