"""Enqueue Celery tasks only once the surrounding transaction commits."""

from functools import partial

from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """A worker must never look for a row that is not committed yet (or never will be)."""
    transaction.on_commit(partial(task.delay, *args, **kwargs))
