"""Building targets from snapshots: once per content, versioned, immutable, owner-only."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction

from alignment_jobs.models import AlignmentTarget, TargetImmutableError
from alignment_jobs.targets.services import target_build, target_export
from moralgraph.snapshots.services import snapshot_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_target_holds_the_ranked_values_and_a_rubric_per_context(graph_world):
    target = target_build(snapshot=graph_world["snapshot"], by=graph_world["owner"])
    (context,) = target.document["contexts"]
    assert context["context"] == "When the child refuses homework"
    assert context["questions"] == ["My child refuses homework. What should the AI do?"]
    assert context["values"][0]["title"] == "Her own decision"  # C: the wisest
    assert context["rubric"][0]["policy"] == "MOMENTS of her own decision"
    assert target.snapshot_hash == graph_world["snapshot"].content_hash
    assert target.version == 1
    exported = target_export(target)
    assert exported["contentHash"] == target.content_hash
    assert exported["snapshot"]["contentHash"] == graph_world["snapshot"].content_hash


def test_building_again_returns_the_same_target_and_a_new_snapshot_a_new_version(graph_world):
    first = target_build(snapshot=graph_world["snapshot"], by=graph_world["owner"])
    assert target_build(snapshot=graph_world["snapshot"], by=graph_world["owner"]) == first
    again = snapshot_create(deliberation=graph_world["d"], parameters={"bootstrap_samples": 20})
    second = target_build(snapshot=again, by=graph_world["owner"])
    assert second.version == 2
    assert second.content_hash == first.content_hash  # the same graph: the same content


def test_only_the_owner_or_staff_builds_targets(graph_world):
    with pytest.raises(PermissionDenied):
        target_build(snapshot=graph_world["snapshot"], by=UserFactory())
    assert target_build(snapshot=graph_world["snapshot"], by=UserFactory(is_staff=True))


def test_targets_are_immutable_in_the_database_too(graph_world):
    target = target_build(snapshot=graph_world["snapshot"], by=graph_world["owner"])
    with pytest.raises(TargetImmutableError):
        target.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AlignmentTarget.objects.filter(pk=target.pk).update(version=9)
