"""The rules of the data model hold in the database itself, not only in forms."""

import pytest
from django.db import DataError, IntegrityError, connection, transaction
from django.utils import timezone

from moralgraph.models import (
    Deliberation,
    GraphSnapshot,
    Participant,
    SnapshotImmutableError,
    ValuesCard,
    WiserVote,
)
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    QuestionFactory,
    UserFactory,
    WiserVoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    d = DeliberationFactory()
    ctx = ContextFactory(deliberation=d)
    q = QuestionFactory(deliberation=d, contexts=[ctx])
    p = ParticipantFactory(deliberation=d)
    a, b = CanonicalValueFactory.create_batch(2, deliberation=d)
    return {"d": d, "ctx": ctx, "q": q, "p": p, "a": a, "b": b}


def integrity_error(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def vote(world, **kw) -> WiserVote:
    """A row written straight to the table (no service): only the database can refuse it."""
    pair = {"from_value": world["a"], "to_value": world["b"], "context": world["ctx"]}
    return WiserVoteFactory(participant=world["p"], **{**pair, **kw})


def test_one_vote_per_participant_pair_and_context(world):
    vote(world)
    integrity_error(lambda: vote(world, choice="not_wiser"))
    # The reverse direction is another pair.
    vote(world, from_value=world["b"], to_value=world["a"])


def test_vote_choice_and_self_loop_are_checked_by_the_database(world):
    integrity_error(lambda: vote(world, choice="maybe"))
    integrity_error(lambda: vote(world, to_value=world["a"]))


def test_values_card_title_length_checked_by_the_database(world):
    # PostgreSQL's varchar(80) refuses first (DataError); SQLite relies on the check constraint.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        ValuesCard.objects.create(author=world["p"], question=world["q"], title="x" * 81)
    ValuesCard.objects.create(author=world["p"], question=world["q"], title="x" * 80)


def test_submitted_card_needs_submission_time(world):
    integrity_error(
        lambda: ValuesCard.objects.create(
            author=world["p"], question=world["q"], title="t", status="submitted"
        )
    )


def test_participant_once_per_deliberation_and_unique_pseudonym(world):
    p = world["p"]
    integrity_error(
        lambda: Participant.objects.create(
            user=p.user, deliberation=p.deliberation, pseudonym="other", consented_at=timezone.now()
        )
    )
    other = UserFactory()
    integrity_error(
        lambda: Participant.objects.create(
            user=other,
            deliberation=p.deliberation,
            pseudonym=p.pseudonym,
            consented_at=timezone.now(),
        )
    )


def test_deliberation_status_checked(world):
    integrity_error(lambda: Deliberation.objects.filter(pk=world["d"].pk).update(status="archived"))


def make_snapshot(world):
    return GraphSnapshot.objects.create(
        deliberation=world["d"], mode="mai", as_of=timezone.now(), content_hash="a" * 64
    )


def test_snapshot_is_immutable_in_python_and_in_the_database(world):
    snapshot = make_snapshot(world)
    snapshot.counts = {"votes": 1}
    with pytest.raises(SnapshotImmutableError):
        snapshot.save()
    # Bypassing the model: the database trigger refuses the UPDATE.
    with pytest.raises(Exception, match="immutable"), transaction.atomic():
        GraphSnapshot.objects.filter(pk=snapshot.pk).update(counts={"votes": 2})
    snapshot.refresh_from_db()
    assert snapshot.counts == {}


def test_snapshot_hash_must_be_sha256_hex(world):
    integrity_error(
        lambda: GraphSnapshot.objects.create(
            deliberation=world["d"], mode="mai", as_of=timezone.now(), content_hash="not-a-hash"
        )
    )


def test_canonical_value_source_id_unique_when_set(world):
    CanonicalValueFactory(deliberation=world["d"])  # blank ids repeat
    CanonicalValueFactory(deliberation=world["d"], source_id="1001")
    integrity_error(lambda: CanonicalValueFactory(deliberation=world["d"], source_id="1001"))


@pytest.mark.postgres
def test_postgres_has_the_constraints_and_trigger():
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE conname LIKE 'wiser_vote_%'")
        names = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'moralgraph_graphsnapshot'::regclass "
            "AND NOT tgisinternal"
        )
        triggers = {row[0] for row in cursor.fetchall()}
    assert {
        "wiser_vote_once_per_pair_and_context",
        "wiser_vote_not_self_loop",
        "wiser_vote_choice_valid",
    } <= names
    assert triggers == {"moralgraph_snapshot_no_update"}
