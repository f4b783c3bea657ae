"""Reads of alignment targets, bounded by what the caller may see of the deliberations."""

from django.db.models import QuerySet

from moralgraph.access import deliberations_visible_to

from ..models import AlignmentTarget


def targets_visible_to(user) -> QuerySet[AlignmentTarget]:
    return (
        AlignmentTarget.objects.filter(deliberation__in=deliberations_visible_to(user))
        .select_related("deliberation", "snapshot")
        .defer("document")
    )
