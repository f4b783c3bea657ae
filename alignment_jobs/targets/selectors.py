"""Reads of alignment targets, bounded by whose results the caller may see: a target is the
snapshot's ranking, so it follows the deliberation's results visibility (`access.results_access`)."""

from django.db.models import QuerySet

from moralgraph.access import deliberations_with_results_for

from ..models import AlignmentTarget


def targets_visible_to(user) -> QuerySet[AlignmentTarget]:
    return (
        AlignmentTarget.objects.filter(deliberation__in=deliberations_with_results_for(user))
        .select_related("deliberation", "snapshot")
        .defer("document")
    )
