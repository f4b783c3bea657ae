"""The sweep of pending work: rows that say work is still to do are re-enqueued, once they are
older than the grace period; done work, drafts and hidden cards are not."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from moralgraph import sweep
from moralgraph.models import LLMModerationCheck
from tests.factories import ValuesCardFactory

pytestmark = pytest.mark.django_db


def swept(settings, llm=False, **kw):
    settings.LLM_BASE_URL = "http://127.0.0.1:9/v1" if llm else ""
    sent = []
    fake = mock.Mock(delay=lambda *args: sent.append(args))
    with mock.patch.object(sweep, "registered_task", return_value=fake):
        counts = sweep.sweep_pending(now=timezone.now() + timedelta(minutes=10), **kw)
    return counts, sent


def test_cards_never_linked_are_re_enqueued(settings):
    pending = ValuesCardFactory(canonical_value=None)
    ValuesCardFactory()  # linked
    ValuesCardFactory(draft=True)
    ValuesCardFactory(canonical_value=None, hidden=True)
    fresh = ValuesCardFactory(canonical_value=None)
    fresh.submitted_at = timezone.now() + timedelta(minutes=9)  # within the grace period
    fresh.save()
    counts, sent = swept(settings)
    assert counts["cards never linked"] == 1
    assert sent == [(pending.pk,)]


def test_content_the_llm_never_checked_is_re_enqueued_only_with_an_llm(settings):
    checked, unchecked = ValuesCardFactory(), ValuesCardFactory()
    LLMModerationCheck.objects.create(kind="card", target_id=checked.pk)
    assert swept(settings)[0]["cards never checked"] == 0
    counts, sent = swept(settings, llm=True)
    assert counts["cards never checked"] == 1
    assert ("card", unchecked.pk) in sent


def test_a_stage_adds_its_own_hook(settings):
    hook = sweep.PendingWork("examples never finished", "x.y", lambda older, newer: [(7,)])
    sweep.register(hook)
    try:
        counts, sent = swept(settings)
    finally:
        sweep.HOOKS.pop(hook.name)
    assert counts["examples never finished"] == 1
    assert (7,) in sent


def test_snapshot_runs_never_finished_are_queued_again(settings):
    from moralgraph.models import SnapshotRun
    from tests.factories import DeliberationFactory

    d = DeliberationFactory()
    queued = SnapshotRun.objects.create(deliberation=d, mode="default")
    dead = SnapshotRun.objects.create(
        deliberation=d,
        mode="default",
        status=SnapshotRun.Status.RUNNING,
        started_at=timezone.now() - timedelta(hours=1),  # its worker died long ago
    )
    alive = SnapshotRun.objects.create(
        deliberation=d, mode="default", status=SnapshotRun.Status.RUNNING, started_at=timezone.now()
    )
    SnapshotRun.objects.create(deliberation=d, mode="default", status=SnapshotRun.Status.FAILED)
    counts, sent = swept(settings)
    assert sorted(sent) == sorted([(queued.pk,), (dead.pk,)])
    assert counts["snapshots never finished"] == 2
    alive.refresh_from_db()
    assert alive.status == SnapshotRun.Status.RUNNING  # still computing: left alone
