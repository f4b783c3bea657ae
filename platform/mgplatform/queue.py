"""Enqueue Celery tasks only once the surrounding transaction commits."""

from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """A worker must never look for a row that is not committed yet (or never will be).

    Robust: if the broker is down after the commit, the failure is logged and the user's
    request still succeeds — what they submitted is saved; the task can be re-run later.
    """

    def send() -> None:  # named: Django logs a failed robust callback by its name
        task.delay(*args, **kwargs)

    send.__name__ = f"enqueue_{getattr(task, 'name', 'task')}"
    transaction.on_commit(send, robust=True)
