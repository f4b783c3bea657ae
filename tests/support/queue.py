"""Card submission without the dedupe task: for tests of a flow, not of deduplication."""

from contextlib import contextmanager
from functools import partial
from unittest import mock


@contextmanager
def dedupe_not_enqueued():
    """Every other task is enqueued as usual; yields a mock called as the dedupe task would be."""
    from moralgraph.cards import services

    real, dedupe = services.enqueue_on_commit, mock.Mock(name="dedupe_card")

    def enqueue(task, *args, **kwargs):
        (dedupe if task == services.DEDUPE_TASK else partial(real, task))(*args, **kwargs)

    with mock.patch.object(services, "enqueue_on_commit", side_effect=enqueue):
        yield dedupe
