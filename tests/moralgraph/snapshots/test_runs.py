"""Snapshots in the background: requests checked up front, runs computed once with progress,
and the automatic schedule (open deliberations, new votes, at most every N minutes)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from moralgraph.models import SnapshotRun
from moralgraph.snapshots.runs import (
    snapshot_request,
    snapshot_run_execute,
    snapshots_due,
    snapshots_schedule,
)
from tests.factories import (
    CanonicalValueFactory,
    ContextFactory,
    DeliberationFactory,
    ParticipantFactory,
    UserFactory,
    WiserVoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted():
    d = DeliberationFactory(snapshot_every_minutes=10)
    ctx = ContextFactory(deliberation=d)
    a, b = CanonicalValueFactory(deliberation=d), CanonicalValueFactory(deliberation=d)

    def vote(at):
        WiserVoteFactory(
            participant=ParticipantFactory(deliberation=d),
            from_value=a,
            to_value=b,
            context=ctx,
            created_at=at,
        )

    vote(timezone.now() - timedelta(minutes=30))
    return d, vote


def test_requests_are_checked_before_anything_is_queued(voted):
    d, _ = voted
    with pytest.raises(PermissionDenied):
        snapshot_request(deliberation=d, requested_by=UserFactory())
    with pytest.raises(ValidationError) as exc:
        snapshot_request(deliberation=d, requested_by=d.owner, mode="mai", parameters={"x": 1})
    assert "parameters" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        snapshot_request(
            deliberation=d, requested_by=d.owner, as_of=timezone.now() + timedelta(days=1)
        )
    assert "as_of" in exc.value.message_dict
    assert not SnapshotRun.objects.exists()


def test_a_run_computes_once_and_reports_progress(voted):
    d, _ = voted
    run = snapshot_request(deliberation=d, requested_by=d.owner)
    assert (run.status, run.progress) == ("queued", 0.0)
    done = snapshot_run_execute(run.pk)
    assert (done.status, done.progress, done.step) == ("done", 1.0, "Done")
    assert done.snapshot.counts["votes"] == 1
    again = snapshot_run_execute(run.pk)  # a redelivered task: nothing new
    assert again.snapshot_id == done.snapshot_id
    assert d.snapshots.count() == 1


def test_the_schedule_follows_new_votes_and_each_interval(voted):
    d, vote = voted
    assert snapshots_due() == [d]  # votes, and no snapshot yet
    [run] = snapshots_schedule()
    assert (run.trigger, run.requested_by) == ("schedule", None)
    assert snapshots_due() == []  # one in the making
    snapshot_run_execute(run.pk)
    assert snapshots_due() == []  # no new votes since
    vote(timezone.now())
    assert snapshots_due() == []  # new votes, but the last snapshot is under 10 minutes old
    assert snapshots_due(timezone.now() + timedelta(minutes=11)) == [d]
    d.snapshot_every_minutes = 0
    d.save()
    assert snapshots_due(timezone.now() + timedelta(minutes=11)) == []  # schedule off
    d.snapshot_every_minutes, d.status = 10, "closed"
    d.save()
    assert snapshots_due(timezone.now() + timedelta(minutes=11)) == []  # closed: votes are final
