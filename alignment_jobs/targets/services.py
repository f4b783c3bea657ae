"""Building alignment targets from snapshots; who may build them is `moralgraph.access`'s rule."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from moralgraph.access import is_owner
from moralgraph.graph.mai_format import export_id
from moralgraph.models import GraphSnapshot, Question
from moralgraph.reports.groups import ReportRefused, ReportUnavailable
from moralgraph.reports.speaks_for import snapshot_speaks_for
from moralgraph.snapshots.selectors import snapshot_document, snapshot_values

from ..models import AlignmentTarget
from .build import LEADING_VALUES, content_hash, target_document


def _questions_by_context(deliberation) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for question in Question.objects.filter(deliberation=deliberation).prefetch_related("contexts"):
        for context in question.contexts.all():
            out.setdefault(context.name, []).append(question.prompt)
    return out


def target_build(*, snapshot: GraphSnapshot, by, leading: int = LEADING_VALUES) -> AlignmentTarget:
    """The target of `snapshot` (built once: the same snapshot and parameters return the same row).

    The deliberation's owner and staff may build targets.
    """
    deliberation = snapshot.deliberation
    if not is_owner(by, deliberation):
        raise PermissionDenied(
            "Only the deliberation's owner or staff can build alignment targets."
        )
    if not isinstance(leading, int) or isinstance(leading, bool) or not 1 <= leading <= 50:
        raise ValidationError({"leading": "leading must be a whole number from 1 to 50."})
    snapshot = GraphSnapshot.objects.get(pk=snapshot.pk)  # with its stored archive
    external = {v["id"]: export_id(v) for v in snapshot_values(snapshot)}
    document = target_document(
        snapshot_document=snapshot_document(snapshot),
        mode=snapshot.mode,
        snapshot_hash=snapshot.content_hash,
        external_ids=external,
        questions_by_context=_questions_by_context(deliberation),
        leading=leading,
    )
    digest = content_hash(document)
    existing = AlignmentTarget.objects.filter(snapshot=snapshot, content_hash=digest).first()
    if existing is not None:
        return existing
    for _ in range(3):  # two builders may race for the next version number
        try:
            with transaction.atomic():
                version = (
                    AlignmentTarget.objects.filter(deliberation=deliberation).aggregate(
                        v=Max("version")
                    )["v"]
                    or 0
                ) + 1
                return AlignmentTarget.objects.create(
                    deliberation=deliberation,
                    snapshot=snapshot,
                    version=version,
                    snapshot_hash=snapshot.content_hash,
                    content_hash=digest,
                    parameters={"leading": leading},
                    document=document,
                    created_by=by if by is not None and by.is_authenticated else None,
                )
        except IntegrityError:
            existing = AlignmentTarget.objects.filter(
                snapshot=snapshot, content_hash=digest
            ).first()
            if existing is not None:
                return existing
    raise RuntimeError("Could not allocate a target version")


def target_export(target: AlignmentTarget, *, viewer=None, api: bool = False) -> dict:
    """The target as one JSON document, with what it was built from; with a `viewer`, also
    whom it speaks for (`target_speaks_for`)."""
    extra = {} if viewer is None else {"speaksFor": target_speaks_for(target, viewer, api=api)}
    return {
        **extra,
        "target": target.document,
        "contentHash": target.content_hash,
        "version": target.version,
        "deliberation": {"slug": target.deliberation.slug, "title": target.deliberation.title},
        "snapshot": {"id": target.snapshot_id, "contentHash": target.snapshot_hash},
        "createdAt": target.created_at.isoformat(),
    }


def target_speaks_for(target: AlignmentTarget, viewer, *, api: bool = False) -> dict:
    """Per context, the share of each group (of at least five) endorsing the values the rubric
    draws on; {"unavailable": why} where the snapshot or the viewer's access cannot say. Not
    part of the target's hashed document: it reports on the target, it does not define it."""
    leading = {
        c["context"]: sorted({item["valueExternalId"] for item in c["rubric"]}, key=str)
        for c in target.document.get("contexts", [])
    }
    try:
        return snapshot_speaks_for(target.snapshot, leading, viewer=viewer, api=api)
    except (ReportRefused, ReportUnavailable, PermissionDenied) as exc:
        return {"unavailable": str(exc)}
