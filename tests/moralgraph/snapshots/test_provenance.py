"""Portable content hashes: one MAI dump imported into two deliberations hashes the same, on
either backend; ids, times and the values' content are what the hash is made of."""

import io
import json
from datetime import UTC, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from moralgraph.graph.compute import SnapshotError
from moralgraph.models import CanonicalValue, Deliberation, WiserVote
from moralgraph.snapshots.reading import value_records
from moralgraph.snapshots.services import snapshot_create
from moralgraph.votes.services import vote_cast
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

# The synthetic dump's snapshots, the same on SQLite and PostgreSQL (CI runs this file on both):
# a change of the canonical serialisation must change moralgraph.graph.provenance.HASH_FORMAT.
SYNTHETIC_MAI_HASH = "4464a3c937dcec221464168a314e1ca97f70367e712cb945ca86d112c5a7b74a"


def import_dump(base, slug: str) -> Deliberation:
    call_command(
        "moralgraph",
        "import-mai",
        "--deliberation",
        slug,
        "--values",
        str(base / "synthetic-values.json"),
        "--votes",
        str(base / "synthetic-votes.json"),
        stdout=io.StringIO(),
    )
    return Deliberation.objects.get(slug=slug)


@pytest.fixture
def two_imports(shared_data):
    base = shared_data / "mai"
    first = import_dump(base, "first-import")
    # Something else in between, so the second import's database ids differ from the first's.
    DeliberationFactory(slug="in-between")
    CanonicalValueFactory.create_batch(3, deliberation=Deliberation.objects.get(slug="in-between"))
    second = import_dump(base, "second-import")
    return first, second


@pytest.mark.parametrize("mode", ["mai", "default"])
def test_one_dump_imported_twice_gives_one_hash(two_imports, mode):
    first, second = two_imports
    ids = set(WiserVote.objects.filter(deliberation=first).values_list("from_value_id", flat=True))
    assert ids.isdisjoint(
        WiserVote.objects.filter(deliberation=second).values_list("from_value_id", flat=True)
    )
    a = snapshot_create(deliberation=first, mode=mode)
    b = snapshot_create(deliberation=second, mode=mode)
    assert a.content_hash == b.content_hash
    assert a.summary["inputs"] == b.summary["inputs"]
    # Imported values keep MAI's ids as their external ids.
    assert set(
        CanonicalValue.objects.filter(deliberation=first).values_list("external_id", flat=True)
    ) == set(
        CanonicalValue.objects.filter(deliberation=second).values_list("external_id", flat=True)
    )


def test_the_hash_is_the_same_on_every_backend(two_imports):
    first, _ = two_imports
    snapshot = snapshot_create(deliberation=first, mode="mai")
    assert snapshot.content_hash == SYNTHETIC_MAI_HASH


@pytest.fixture
def small():
    d = DeliberationFactory()
    ctx = ContextFactory(deliberation=d, name="When it is late")
    a, b = CanonicalValueFactory.create_batch(2, deliberation=d)
    people = ParticipantFactory.create_batch(3, deliberation=d)
    at = timezone.now() - timedelta(hours=1)
    for i, person in enumerate(people):
        vote_cast(
            participant=person,
            from_value=a,
            to_value=b,
            context=ctx,
            choice="wiser",
            at=at + timedelta(minutes=i),
        )
    return {"d": d, "a": a, "b": b, "ctx": ctx, "people": people}


def test_content_edits_and_parameters_change_the_hash_ids_do_not(small):
    first = snapshot_create(deliberation=small["d"], mode="mai")
    assert snapshot_create(deliberation=small["d"], mode="mai").content_hash == first.content_hash
    assert (
        snapshot_create(
            deliberation=small["d"], mode="mai", parameters={"min_wiser": 3}
        ).content_hash
        != first.content_hash
    )
    CanonicalValue.objects.filter(pk=small["a"].pk).update(title="Renamed")
    renamed = snapshot_create(deliberation=small["d"], mode="mai")
    assert renamed.content_hash != first.content_hash
    assert renamed.summary["inputs"]["votes"] == first.summary["inputs"]["votes"]
    assert renamed.summary["inputs"]["values"] != first.summary["inputs"]["values"]


def test_platform_values_get_a_stable_content_id(small):
    a = small["a"]
    assert a.external_id.startswith("mgp:")
    before = a.external_id
    a.title = "Edited later"
    a.save()
    a.refresh_from_db()
    assert a.external_id == before  # set once: edits keep the id
    twin = CanonicalValue.objects.create(
        deliberation=small["d"],
        title=small["b"].title,
        description=small["b"].description,
        policies=small["b"].policies,
        created_at=timezone.now(),
    )
    assert twin.external_id == small["b"].external_id + "-2"


def test_a_future_as_of_is_refused(small):
    with pytest.raises(SnapshotError, match="future"):
        snapshot_create(deliberation=small["d"], as_of=timezone.now() + timedelta(minutes=5))


def test_value_records_read_alike_on_every_backend(small):
    """PostgreSQL writes the records' JSON itself; its text must say what Python's says."""
    values = (small["a"], small["b"])
    records = [json.loads(r) for r in value_records(small["d"], [v.pk for v in values])]
    for record, value in zip(records, values, strict=True):
        value.refresh_from_db()
        assert record["externalId"] == value.external_id
        assert record["createdAt"] == value.created_at.astimezone(UTC).strftime(
            "%Y-%m-%dT%H:%M:%S.%f+00:00"
        )
        assert (record["title"], record["policies"]) == (value.title, value.policies)
